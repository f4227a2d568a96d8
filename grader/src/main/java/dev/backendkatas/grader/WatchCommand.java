package dev.backendkatas.grader;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.report.KataProgress;
import dev.backendkatas.grader.report.StageProgress;
import dev.backendkatas.grader.report.Style;
import dev.backendkatas.grader.report.TextReport;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.state.ProgressState;
import dev.backendkatas.grader.watch.InProcessRunner;
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
        description = {"Watches katas/<kata>/src and, 200 ms after the last save, compiles the kata and runs its tests "
                + "inside this JVM, which stays warm, so results come back in about a second. Code that calls "
                + "System.exit, a run that exceeds the kata's time bound or runs out of memory, and runs while a "
                + "thread of an earlier run still spins, are run in a separate JVM instead, and the screen says so.",
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

    @Option(names = "--forked", description = "always run the tests in a separate JVM (slower; the in-process runner is the default)")
    private boolean forked;

    @Override
    public Integer call() {
        Kata selected = kata == null ? firstUnfinished() : parent.select(kata).get(0);
        Grader grader = parent.grader();
        Console console = parent.console();
        InProcessRunner inProcess = forked ? null : new InProcessRunner(grader.classpath(), grader.limits());
        TextReport report = new TextReport(parent.repo(), console.style());
        String number = String.format("%02d", selected.number());
        try (SourceWatcher watcher = SourceWatcher.start(selected.dir().resolve("src"), DEBOUNCE, poll)) {
            WatchSession.Setup setup = new WatchSession.Setup(selected, grader, inProcess, watcher,
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
                    .map(s -> String.format("Next: %s, README %s:%d. Stuck? Press h.\n", s.heading(),
                            parent.repo().relativize(kata.readme()).toString().replace('\\', '/'), s.line()))
                    .orElse("Next: make the first failing test above pass.\n");
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
