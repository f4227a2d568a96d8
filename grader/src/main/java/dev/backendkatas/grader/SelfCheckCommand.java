package dev.backendkatas.grader;

import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.run.KataResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./grade selfcheck [<kata>]}: the maintainers' check, run by CI on a clean checkout. */
@Command(name = "selfcheck",
        mixinStandardHelpOptions = true,
        header = "Maintainers (CI): every graded test fails on the pristine stub and passes on the reference.",
        description = "Grades the pristine stub and the reference of each kata. Fails (exit 1, listing the offenders) "
                + "if a graded test does not fail on the stub or does not pass on the reference, if the two runs do not "
                + "have the same tests, or if a kata has no tests. Run it on a clean checkout: it grades the stub "
                + "folder as it is. With --repeat N, each reference runs N times and a graded test must pass in every "
                + "run: races in the tests show up best while the machine is busy with something else.")
final class SelfCheckCommand implements Callable<Integer> {

    @ParentCommand
    private GradeCommand parent;

    @Parameters(arity = "0..1", paramLabel = "<kata>", description = "check only this kata")
    private String kata;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "run each reference N times (same build, fresh JVMs); a test must pass in every run "
                    + "(default: 1)")
    private int repeat;

    @Override
    public Integer call() {
        Console console = parent.console();
        Grader grader = parent.grader();
        if (repeat < 1) {
            throw new GraderException("--repeat needs at least 1 run, not " + repeat);
        }
        List<String> problems = new ArrayList<>();
        for (Kata k : parent.select(kata)) {
            KataResult stub = grader.grade(k, Implementation.LEARNER);
            List<String> kataProblems;
            try {
                List<KataResult> references = grader.repeat(k, Implementation.REFERENCE, repeat);
                kataProblems = SelfCheck.problems(stub, references);
            } catch (GraderException e) {
                kataProblems = List.of(k.id() + ": " + e.getMessage());
            }
            console.out().printf("%s %s: %d tests%s\n", kataProblems.isEmpty() ? "ok  " : "FAIL", k.id(), stub.total(),
                    kataProblems.isEmpty() ? ", each fails on the stub and passes on the reference"
                            + (repeat == 1 ? "" : " in each of " + repeat + " runs") : "");
            kataProblems.forEach(p -> console.out().print("     " + p + "\n"));
            problems.addAll(kataProblems);
        }
        console.out().print((problems.isEmpty() ? "selfcheck passed" : "selfcheck FAILED: " + problems.size() + " problem(s)")
                + "\n");
        console.out().flush();
        return problems.isEmpty() ? 0 : 1;
    }
}
