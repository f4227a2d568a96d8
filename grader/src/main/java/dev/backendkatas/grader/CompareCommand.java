package dev.backendkatas.grader;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.run.KataResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code ./grade compare <kata> [--force]}: the learner's code against the reference, once the kata is complete. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        header = "Your code against the reference solution (a unified diff), once the kata is complete.",
        description = "Shows a unified diff of your src/main/java against the reference solution: the files the "
                + "reference rewrites and the files you added. The reference is a spoiler: it is shown only once every "
                + "test of the kata passes, unless you add --force (exit code 1 when it refuses).")
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    private GradeCommand parent;

    @Parameters(paramLabel = "<kata>", description = "the kata: its number, folder name or a unique prefix")
    private String kata;

    @Option(names = "--force", description = "show the reference even though the kata is not complete yet")
    private boolean force;

    @Override
    public Integer call() {
        Kata selected = parent.select(kata).get(0);
        Console console = parent.console();
        if (!force) {
            KataResult result = parent.gradeLearner(selected);
            if (!result.complete()) {
                console.out().print(refusal(result, kata));
                console.out().flush();
                return 1;
            }
        }
        console.out().print(new SolutionDiff(parent.repo()).render(selected));
        console.out().flush();
        return 0;
    }

    /** Why the reference is not shown yet (also watch mode's answer to "c" before the kata passes). */
    static String refusal(KataResult result, String query) {
        return String.format("%s is not complete yet (%d/%d tests pass): the reference is a spoiler.\n"
                        + "Finish the kata first, or re-run with --force to see it anyway:\n"
                        + "  ./grade compare %s --force\n",
                result.kata().id(), result.passed(), result.total(), query);
    }
}
