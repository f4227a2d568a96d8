package dev.backendkatas.grader.watch;

import dev.backendkatas.grader.Grader;
import dev.backendkatas.grader.GraderException;
import dev.backendkatas.grader.build.BuildResult;
import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.integrity.TestIntegrity;
import dev.backendkatas.grader.report.Style;
import dev.backendkatas.grader.report.TextReport;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.WarmTestJvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Watch mode's loop: grade the kata, draw the screen, then wait for a saved file (from the {@link SourceWatcher}) or a
 * key (a line on the input: h, n, c, r, q) and act on it. Every grade compiles in-process and runs the tests in a warm
 * test JVM (see {@link WarmTestJvm}), which serves run after run while they leave it clean and is replaced when one
 * does not, so nothing a learner's code leaves behind (a spinning thread, a held port) survives into the next run.
 *
 * <p>Keys are read line by line, so any terminal, pipe or IDE console works; an input that ends (not a terminal, or
 * {@code </dev/null}) only turns the keys off, and file changes still re-grade.
 */
public final class WatchSession {

    /** What the keys show; supplied by the command line, which owns hints, the reference diff and the kata list. */
    public interface Actions {
        String hint(KataResult last);

        String next(KataResult last);

        String compare(KataResult last);
    }

    /** The session's collaborators. */
    public record Setup(Kata kata, Grader grader, SourceWatcher watcher,
                        Supplier<TestIntegrity> integrity,
                        BiFunction<KataResult, TestIntegrity, List<String>> recordProgress,
                        TextReport report, Style style, Actions actions, boolean clearScreen) {
    }

    private static final String CHANGED = "\0changed";
    private static final String INPUT_ENDED = "\0eof";
    private static final String KEYS = "keys: h hint · n next · c compare · r re-run · q quit  (type the letter, then Enter)";

    private final Setup setup;
    private final PrintWriter out;
    private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();
    private KataResult last;
    private int run;
    /** The test JVM that answers the next save, started and warmed up in advance (null until the first grade). */
    private WarmTestJvm nextJvm;

    public WatchSession(Setup setup, PrintWriter out) {
        this.setup = setup;
        this.out = out;
    }

    /** Runs until "q" (or the thread is interrupted). */
    public void run(InputStream keys) throws InterruptedException {
        try {
            loop(keys);
        } finally {
            if (nextJvm != null) {
                nextJvm.close();
            }
        }
    }

    private void loop(InputStream keys) throws InterruptedException {
        daemon("watch-files", this::forwardChanges).start();
        daemon("watch-keys", () -> forwardKeys(keys)).start();
        grade();
        daemon("watch-warm-up", () -> setup.grader().warmUpCompiler(setup.kata())).start();
        while (true) {
            String command = commands.take();
            if (command.equals(CHANGED)) {
                // Several saves while a grade ran need one more grade, not several.
                commands.removeIf(CHANGED::equals);
                grade();
                continue;
            }
            if (command.equals(INPUT_ENDED)) {
                print("(the input ended, so keys are off; file changes still re-grade. Ctrl-C quits.)\n");
                continue;
            }
            switch (command.strip().toLowerCase(Locale.ROOT)) {
                case "q", "quit", "exit" -> {
                    print("watch mode ended.\n");
                    return;
                }
                case "r", "" -> grade();
                case "h" -> print("\n" + setup.actions().hint(last));
                case "n" -> print("\n" + setup.actions().next(last));
                case "c" -> print("\n" + setup.actions().compare(last));
                default -> print("unknown key '" + command.strip() + "'; " + KEYS + "\n");
            }
        }
    }

    private void grade() {
        run++;
        long start = System.nanoTime();
        Kata kata = setup.kata();
        Grader grader = setup.grader();
        KataResult result;
        long compiled = start;
        try (RunTicker ticker = new RunTicker(out, run, setup.clearScreen())) {
            if (nextJvm == null || !nextJvm.alive()) {
                nextJvm = grader.startWarmJvm(kata);
            }
            ticker.phase("compiling");
            BuildResult build = grader.build(kata, Implementation.LEARNER);
            compiled = System.nanoTime();
            if (!build.compiled()) {
                result = Grader.notCompiled(kata, build);
            } else {
                ticker.phase("running tests");
                result = grader.runIn(nextJvm, kata, build);
            }
        } catch (GraderException e) {
            print("[run " + run + "] the grader failed: " + e.getMessage() + "\n");
            return;
        }
        last = result;
        grader.remember(kata, result);
        TestIntegrity integrity = setup.integrity().get();
        List<String> news = setup.recordProgress().apply(result, integrity);
        long end = System.nanoTime();
        long millis = (end - start) / 1_000_000;
        String split = String.format("compile %d ms, tests %d ms", (compiled - start) / 1_000_000,
                (end - compiled) / 1_000_000);
        Style style = setup.style();
        StringBuilder screen = new StringBuilder();
        // Clear and home where ANSI is known to work; elsewhere a rule keeps runs apart in a scrolling log.
        screen.append(setup.clearScreen() ? "\u001b[H\u001b[2J" : "\n" + "-".repeat(72) + "\n");
        screen.append(style.bold("Backend Katas " + style.dash() + " watching " + kata.id()))
                .append("  (").append(setup.watcher().description()).append(")\n\n");
        screen.append(setup.report().renderKata(result, integrity));
        news.forEach(stage -> screen.append("    ").append(style.complete()).append(" New: ")
                .append(style.text(stage)).append(" complete\n"));
        screen.append('\n').append(String.format("[run %d] graded in %d ms (%s) at %s\n", run, millis, split,
                LocalTime.now().truncatedTo(ChronoUnit.SECONDS)));
        screen.append(style.dim(style.text(KEYS))).append('\n');
        print(screen.toString());
        // The next save finds a warm JVM waiting: this one if the run left it clean, else a fresh one.
        try {
            if (nextJvm == null || !nextJvm.alive()) {
                nextJvm = grader.startWarmJvm(kata);
            }
        } catch (GraderException e) {
            nextJvm = null;
        }
    }

    private void forwardChanges() {
        try {
            while (setup.watcher().awaitChange()) {
                commands.add(CHANGED);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forwardKeys(InputStream keys) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(keys, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                commands.add(line);
            }
        } catch (IOException e) {
            // Same as an ended input.
        }
        commands.add(INPUT_ENDED);
    }

    private void print(String text) {
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
