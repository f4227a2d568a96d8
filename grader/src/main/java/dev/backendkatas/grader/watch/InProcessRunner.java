package dev.backendkatas.grader.watch;

import dev.backendkatas.grader.build.BuildResult;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.run.ForkedTestMain;
import dev.backendkatas.grader.run.GradingConfiguration;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.KataRunner;
import dev.backendkatas.grader.run.RunEvents;
import dev.backendkatas.grader.run.RunLimits;
import dev.backendkatas.grader.run.TestResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a compiled kata's tests inside the grader's JVM, for watch mode: no JVM start, and a JIT that stays warm. The
 * tests run with the same entry point, configuration and timeouts as the forked runner ({@link ForkedTestMain}) and
 * with the same classpath, split over two class loaders, neither of which sees the grader's own classes:
 * <ul>
 *   <li>a toolset loader (JUnit, AssertJ, ArchUnit, ... and the grader jar for the entry point), a child of the
 *   platform loader, kept from run to run so that those libraries stay loaded and JIT-compiled: measured on kata 01's
 *   stub, the tests took 1.1 to 1.6 s with a fresh loader per run and 0.4 to 0.6 s with a kept one;</li>
 *   <li>a kata loader per run, its child, with the newly compiled classes and tests, so each run sees the new code.</li>
 * </ul>
 * Library state that outlives a run (static caches that keep old kata classes alive) is bounded by replacing the
 * toolset loader every {@value #RUNS_PER_TOOLSET_LOADER} runs.
 *
 * <p>The forked JVM is what protects the grader, so a run that could harm this JVM is not attempted or not waited for:
 * it answers {@link Attempt#fallback} with the reason, and the caller runs the forked runner for that cycle. That is
 * code that calls System.exit, a run that exceeds the kata's bound (it is abandoned), one that ran out of memory, and
 * any run while a thread left by an earlier one still spins.
 */
public final class InProcessRunner {

    private static final int MAX_OUTPUT_BYTES = 1024 * 1024;
    static final int RUNS_PER_TOOLSET_LOADER = 25;

    /** Either a result, or why this cycle needs the forked runner. */
    public record Attempt(Optional<KataResult> result, String fallback) {
        static Attempt ran(KataResult result) {
            return new Attempt(Optional.of(result), "");
        }

        static Attempt fork(String why) {
            return new Attempt(Optional.empty(), why);
        }
    }

    private final List<Path> classpath;
    private final RunLimits limits;
    private final LeftoverThreads leftovers = new LeftoverThreads();
    private int runs;
    private URLClassLoader toolset;
    private int toolsetRuns;

    public InProcessRunner(List<Path> classpath, RunLimits limits) {
        this.classpath = List.copyOf(classpath);
        this.limits = limits;
    }

    public Attempt run(Kata kata, BuildResult build, Path runDir) {
        Optional<String> exitCall = ExitCallScanner.firstExitCall(build.classes());
        if (exitCall.isPresent()) {
            return Attempt.fork(exitCall.get() + ", which would end watch mode too");
        }
        int spinning = leftovers.spinning();
        if (spinning > 0) {
            return Attempt.fork(spinning + " thread(s) of an earlier run still use the CPU in this JVM (a loop that "
                    + "ignores interrupts?); quit and restart watch mode to get in-process runs back");
        }
        try {
            Files.createDirectories(runDir);
            // A new file per run: a thread abandoned by an earlier run may still be writing to its own.
            Path events = runDir.resolve("events-watch-" + (++runs) + ".txt");
            Files.deleteIfExists(runDir.resolve("events-watch-" + (runs - 1) + ".txt"));
            return run(kata, build, events, runDir.resolve("output-watch.txt"));
        } catch (IOException e) {
            return Attempt.fork("the in-process run failed: " + e.getMessage());
        }
    }

    private Attempt run(Kata kata, BuildResult build, Path events, Path output) throws IOException {
        // Unnamed on purpose: a named loader would prefix every stack frame in a failure message with its name.
        URLClassLoader loader = new URLClassLoader(
                new URL[] {build.testClasses().toUri().toURL(), build.classes().toUri().toURL()}, toolset());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread tests = new Thread(() -> {
            try {
                Method runTests = Class.forName(ForkedTestMain.class.getName(), true, loader)
                        .getMethod("runTests", Path.class, Path.class, Path.class, Map.class);
                runTests.invoke(null, events, build.classes(), build.testClasses(), GradingConfiguration.of(limits));
            } catch (InvocationTargetException e) {
                failure.set(e.getCause());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "watch-tests-" + kata.id());
        tests.setContextClassLoader(loader);
        tests.setDaemon(true);
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        // The learner's prints go to a file, as in the forked runner; the screen is written through its own stream.
        try (PrintStream captured = new PrintStream(new BoundedOutput(Files.newOutputStream(output)), true,
                StandardCharsets.UTF_8)) {
            System.setOut(captured);
            System.setErr(captured);
            System.setIn(new ByteArrayInputStream(new byte[0]));
            tests.start();
            tests.join(limits.kataTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tests.interrupt();
            return Attempt.fork("interrupted");
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
        leftovers.adopt(loader);
        loader.close();
        if (tests.isAlive()) {
            return Attempt.fork("the tests did not finish within " + limits.kataTimeout().toSeconds()
                    + " s in-process (abandoned)");
        }
        RunEvents read = RunEvents.read(events);
        if (failure.get() != null || !read.done()) {
            return Attempt.fork("the in-process run failed: " + read.crash().orElse(String.valueOf(failure.get())));
        }
        KataResult result = KataRunner.completed(kata, read);
        // The forked runner bounds the heap and reports memory exhaustion as such; in here it is a test failure at best.
        if (result.tests().stream().map(TestResult::message).anyMatch(m -> m.contains("OutOfMemoryError"))) {
            return Attempt.fork("a test ran out of memory in-process");
        }
        return Attempt.ran(result);
    }

    /** The kept loader of the toolset, JUnit and the grader: the forked runner's classpath after the kata's folders. */
    private ClassLoader toolset() throws IOException {
        if (toolset != null && toolsetRuns++ >= RUNS_PER_TOOLSET_LOADER) {
            toolset.close();
            toolset = null;
        }
        if (toolset == null) {
            List<URL> urls = new ArrayList<>();
            for (Path entry : classpath) {
                urls.add(entry.toUri().toURL());
            }
            toolset = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            toolsetRuns = 1;
        }
        return toolset;
    }

    /** Keeps at most {@value #MAX_OUTPUT_BYTES} bytes: a learner's print loop must not fill the disk. */
    private static final class BoundedOutput extends OutputStream {
        private final OutputStream out;
        private long written;

        BoundedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (written++ < MAX_OUTPUT_BYTES) {
                out.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            long room = MAX_OUTPUT_BYTES - written;
            if (room > 0) {
                out.write(b, off, (int) Math.min(room, len));
            }
            written += len;
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }
}
