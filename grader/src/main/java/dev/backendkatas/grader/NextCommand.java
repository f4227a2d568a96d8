package dev.backendkatas.grader;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.hints.HintBook;
import dev.backendkatas.grader.integrity.TestIntegrity;
import dev.backendkatas.grader.report.KataProgress;
import dev.backendkatas.grader.report.TextReport;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.state.ProgressState;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./grade next}: the one thing to do next, so a learner coming back knows where to pick up. */
@Command(name = "next",
        mixinStandardHelpOptions = true,
        header = "What to do next: the first unfinished stage of the first unfinished kata, and where to read.",
        description = "Grades the katas in learning order and stops at the first one that is not complete: shows its "
                + "first unfinished stage, the first failing test, the README section and the hint command.")
final class NextCommand implements Callable<Integer> {

    @ParentCommand
    private GradeCommand parent;

    @Override
    public Integer call() {
        Console console = parent.console();
        List<Kata> katas = parent.katas();
        Map<String, TestIntegrity> integrity = parent.integrity(katas);
        for (Kata kata : katas) {
            KataResult result = parent.gradeLearner(kata);
            parent.recordProgress(List.of(result), integrity);
            TestIntegrity tests = integrity.get(kata.id());
            if (result.complete() && tests.counted()) {
                continue;
            }
            String number = String.format("%02d", kata.number());
            console.out().print(console.style().bold("Next: " + number + " " + console.style().text(kata.title())) + "\n\n");
            console.out().print(new TextReport(parent.repo(), console.style()).renderKata(result, tests));
            KataProgress.of(result).firstUnfinishedStage().flatMap(s -> s.number()).ifPresent(stage -> {
                int hints = HintBook.of(kata, stage).size();
                if (hints > 0) {
                    int revealed = ProgressState.load(parent.workDir()).hintsRevealed(kata.id(), stage);
                    console.out().printf("    Stuck? ./grade hint %s   (%d of %d hints revealed)\n", number, revealed, hints);
                }
            });
            console.out().printf("    Re-grade on every save: ./grade watch %s\n", number);
            console.out().flush();
            return 0;
        }
        console.out().print("Every kata is complete. Compare with the references: ./grade compare <kata>\n");
        console.out().flush();
        return 0;
    }
}
