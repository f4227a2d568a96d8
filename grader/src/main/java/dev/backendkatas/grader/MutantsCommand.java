package dev.backendkatas.grader;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.mutants.MutantCheck;
import dev.backendkatas.grader.report.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./grade mutants [<kata>]}: the maintainers' check that the graded tests catch the shortcuts learners take. */
@Command(name = "mutants",
        mixinStandardHelpOptions = true,
        header = "Maintainers: check that the graded tests kill every kept mutant (a plausible wrong implementation).",
        description = "Each solutions/<kata>/mutants/<name>.diff is the reference with one shortcut a learner is likely "
                + "to take (a suffix match instead of equality, a lenient line ending, a safe prime assumed, ...). "
                + "This builds the reference with each applied, outside katas/ and solutions/, runs the graded tests, "
                + "and names the test that killed it. Exits 1 if one survived or no longer applies.")
final class MutantsCommand implements Callable<Integer> {

    @ParentCommand
    private GradeCommand parent;

    @Parameters(arity = "0..1", paramLabel = "<kata>", description = "one kata (default: every kata with mutants)")
    private String kata;

    @Override
    public Integer call() {
        List<Kata> katas = parent.select(kata);
        List<MutantCheck.Verdict> verdicts = parent.grader().mutantCheck().checkAll(katas);
        Console console = parent.console();
        Style style = console.style();
        long bad = 0;
        for (MutantCheck.Verdict v : verdicts) {
            String status = switch (v.status()) {
                case KILLED -> style.complete() + " killed  ";
                case SURVIVED -> style.red(style.failed() + " SURVIVED");
                case BROKEN -> style.red(style.failed() + " BROKEN  ");
            };
            bad += v.status() == MutantCheck.Status.KILLED ? 0 : 1;
            console.out().printf("%s %s %s\n", status, v.kata().id(), v.mutant().name());
            console.out().printf("      %s\n", style.text(v.mutant().description()));
            console.out().printf("      %s%s\n", v.status() == MutantCheck.Status.KILLED ? "by " : "", style.text(v.detail()));
        }
        console.out().printf("%d mutant(s): %d killed, %d not\n", verdicts.size(), verdicts.size() - bad, bad);
        console.out().flush();
        return bad == 0 ? 0 : 1;
    }
}
