package dev.backendkatas.grader;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.hints.HintBook;
import dev.backendkatas.grader.hints.TerminalMarkdown;
import dev.backendkatas.grader.hints.HintBook.Hint;
import dev.backendkatas.grader.report.KataProgress;
import dev.backendkatas.grader.report.StageProgress;
import dev.backendkatas.grader.report.Style;
import dev.backendkatas.grader.state.ProgressState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ./grade hint <kata> [--stage N]}: the next hint level (nudge → concept → near-solution) of a stage. */
@Command(name = "hint",
        mixinStandardHelpOptions = true,
        header = "The next hint for the first unfinished stage of a kata: nudge, then concept, then near-solution.",
        description = "Grades the kata to find its first unfinished stage (or takes --stage), then shows the hints of "
                + "that stage revealed so far plus the next one, from the kata README. The grader remembers what was "
                + "revealed (in .grade/state.properties).")
final class HintCommand implements Callable<Integer> {

    @ParentCommand
    private GradeCommand parent;

    @Parameters(paramLabel = "<kata>", description = "the kata: its number, folder name or a unique prefix")
    private String kata;

    @Option(names = "--stage", paramLabel = "N", description = "a hint for stage N instead of the first unfinished one")
    private Integer stage;

    @Override
    public Integer call() {
        Kata selected = parent.select(kata).get(0);
        Console console = parent.console();
        if (stage != null && selected.section(stage).isEmpty()) {
            throw new GraderException(selected.id() + " has no stage " + stage + " (its README has "
                    + selected.sections().stream().map(s -> Integer.toString(s.stageNumber()))
                    .collect(java.util.stream.Collectors.joining(", ", "stages ", ")")));
        }
        Optional<Integer> stageNumber = Optional.ofNullable(stage).or(() -> firstUnfinishedStage(selected));
        if (stageNumber.isEmpty()) {
            return 0;
        }
        console.out().print(new HintReveal(parent.state(), console.style()).next(selected, stageNumber.get()));
        console.out().flush();
        return 0;
    }

    /** Grades the kata; empty (after saying why) when no stage is unfinished. */
    private Optional<Integer> firstUnfinishedStage(Kata selected) {
        KataProgress progress = KataProgress.of(parent.gradeLearner(selected));
        Optional<StageProgress> next = progress.firstUnfinishedStage();
        if (progress.result().complete() || next.isEmpty()) {
            parent.console().out().printf("%s is complete: no hint needed. Compare with the reference: ./grade compare %s\n",
                    selected.id(), kata);
        } else if (next.get().number().isEmpty()) {
            parent.console().out().printf("The next failing tests of %s are outside every stage, so there is no hint; "
                    + "see %s\n", selected.id(), selected.readme());
        }
        parent.console().out().flush();
        return next.flatMap(StageProgress::number).filter(n -> !progress.result().complete());
    }

    /** Reveals and prints; separate from the command so watch mode's "h" key does the same. */
    static final class HintReveal {
        private final ProgressState state;
        private final Style style;

        HintReveal(ProgressState state, Style style) {
            this.state = state;
            this.style = style;
        }

        String next(Kata kata, int stageNumber) {
            List<Hint> hints = HintBook.of(kata, stageNumber);
            String heading = kata.section(stageNumber).map(s -> s.heading()).orElse("Stage " + stageNumber);
            StringBuilder out = new StringBuilder();
            if (hints.isEmpty()) {
                return out.append("The README of ").append(kata.id()).append(" has no hints for ")
                        .append(style.text(heading)).append(".\n").toString();
            }
            int before = state.hintsRevealed(kata.id(), stageNumber);
            int now = Math.min(before + 1, hints.size());
            state.revealHints(kata.id(), stageNumber, now);
            state.save();
            out.append(style.bold(style.text(heading))).append(String.format(" (%s): hint %d of %d\n\n", kata.id(), now,
                    hints.size()));
            for (Hint hint : hints.subList(0, now)) {
                out.append(style.bold(style.text(hint.title()))).append(hint.level() == now && now > before ? "  (new)" : "")
                        .append('\n');
                TerminalMarkdown.render(hint.text(), style).lines()
                        .forEach(line -> out.append("  ").append(line).append('\n'));
                out.append('\n');
            }
            if (now == hints.size()) {
                out.append("That was the last hint for this stage. Still stuck? The reference is a spoiler, but it is there:"
                        + " ./grade compare ").append(String.format("%02d", kata.number())).append(" --force\n");
            } else {
                out.append("Another hint: ./grade hint ").append(String.format("%02d", kata.number())).append('\n');
            }
            return out.toString();
        }
    }
}
