package dev.backendkatas.grader;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.hints.HintBook;
import dev.backendkatas.grader.report.KataProgress;
import dev.backendkatas.grader.report.StageProgress;
import dev.backendkatas.grader.report.Style;
import dev.backendkatas.grader.report.TextReport;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.state.ProgressState;
import dev.backendkatas.grader.watch.SourceWatcher;
import dev.backendkatas.grader.watch.WatchSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ./grade watch [<kata>]}: re-grades one kata on every save. */
@Command(name = "watch",
        mixinStandardHelpOptions = true,
        header = "Re-grade one kata every time you save a file of it (keys: h hint, n next, c compare, r re-run, q quit).",
        description = {"Watches katas/<kata>/src and, 200 ms after the last save, compiles the kata in this JVM, which "
                + "stays warm, and runs its tests in a test JVM that was started and warmed up while you edited. Each "
                + "test JVM serves one run and is then gone, so an infinite loop, a deadlock or System.exit in your "
                + "code costs one run, never the next. The first test that times out ends the run and is shown with "
                + "the line of your code where it spun.",
                "Without <kata>: the first kata that was not complete when last graded. Keys are letters followed by "
                        + "Enter; with no keyboard (input not a terminal) only saves re-grade, and Ctrl-C quits."})
final class WatchCommand implements Callable<Integer> {

    static final Duration DEBOUNCE = Duration.ofMillis(200);

    @ParentCommand
    private GradeCommand parent;

    @Parameters(arity = "0..1", paramLabel = "<kata>", description = "the kata: its number, folder name or a unique prefix")
    private String kata;

    @Option(names = "--poll", description = "poll for changes instead of using file events (network or container mounts)")
    private boolean poll;

    @Override
    public Integer call() {
        Kata selected = kata == null ? firstUnfinished() : parent.select(kata).get(0);
        Grader grader = parent.grader();
        Console console = parent.console();
        TextReport report = new TextReport(parent.repo(), console.style());
        String number = String.format("%02d", selected.number());
        try (SourceWatcher watcher = SourceWatcher.start(selected.dir().resolve("src"), DEBOUNCE, poll)) {
            WatchSession.Setup setup = new WatchSession.Setup(selected, grader, watcher,
                    () -> parent.integrity(List.of(selected)).get(selected.id()),
                    (result, integrity) -> parent.recordProgress(List.of(result), java.util.Map.of(selected.id(), integrity)),
                    report, console.style(), new Keys(selected, number), clearScreen());
            new WatchSession(setup, console.out()).run(console.in());
        } catch (InterruptedException e) {
            // Stopped from outside (the grader's own tests do this): as good as "q".
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The first kata, in learning order, that was not complete at its last grading. */
    private Kata firstUnfinished() {
        List<Kata> katas = parent.katas();
        ProgressState state = parent.state();
        return katas.stream().filter(k -> !state.completeAtLastRun(k.id())).findFirst().orElse(katas.get(0));
    }

    /** ANSI clear-screen only on a real terminal that understands it: not a pipe, not TERM=dumb, not old Windows consoles. */
    private static boolean clearScreen() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return Style.isTerminal() && !"dumb".equals(System.getenv("TERM"))
                && (!windows || System.getenv("WT_SESSION") != null);
    }

    /** What the keys show, using the same code as the commands of the same name. */
    private final class Keys implements WatchSession.Actions {
        private final Kata kata;
        private final String number;

        Keys(Kata kata, String number) {
            this.kata = kata;
            this.number = number;
        }

        @Override
        public String hint(KataResult last) {
            Optional<Integer> stage = stage(last);
            if (stage.isEmpty()) {
                return "No unfinished stage with hints: the kata is complete or its failing tests are outside stages.\n";
            }
            return new HintCommand.HintReveal(parent.state(), parent.console().style()).next(kata, stage.get());
        }

        @Override
        public String next(KataResult last) {
            if (last != null && last.complete()) {
                List<Kata> katas = parent.katas();
                return katas.stream().filter(k -> k.number() > kata.number()).findFirst()
                        .map(k -> String.format("%s is complete. Next kata: ./grade watch %02d (%s)\n", kata.id(),
                                k.number(), k.title()))
                        .orElse(kata.id() + " is complete, and it is the last kata.\n");
            }
            return stage(last).flatMap(kata::section)
                    .map(s -> String.format("Next: %s, README %s:%d. %s\n", s.heading(),
                            parent.repo().relativize(kata.readme()).toString().replace('\\', '/'), s.line(),
                            stuck(s.stageNumber())))
                    .orElse("Next: make the first failing test above pass.\n");
        }

        /** What a stuck learner can do next: another hint while there is one, else the reference. */
        private String stuck(int stage) {
            int hints = HintBook.of(kata, stage).size();
            int revealed = parent.state().hintsRevealed(kata.id(), stage);
            if (revealed < hints) {
                return String.format("Stuck? Press h (hint %d of %d).", revealed + 1, hints);
            }
            return hints == 0 ? "" : "All " + hints + " hints are shown; the reference is a spoiler, but c shows it "
                    + "once the kata is complete (./grade compare " + number + " --force before).";
        }

        @Override
        public String compare(KataResult last) {
            if (last == null || !last.complete()) {
                return last == null ? "Not graded yet.\n" : CompareCommand.refusal(last, number);
            }
            return new SolutionDiff(parent.repo()).render(kata);
        }

        private Optional<Integer> stage(KataResult last) {
            if (last == null || last.complete()) {
                return Optional.empty();
            }
            return KataProgress.of(last).firstUnfinishedStage().flatMap(StageProgress::number);
        }
    }
}
