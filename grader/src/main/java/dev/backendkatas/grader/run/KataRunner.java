package dev.backendkatas.grader.run;

import dev.backendkatas.grader.GraderException;
import dev.backendkatas.grader.build.BuildResult;
import dev.backendkatas.grader.build.GraderClasspath;
import dev.backendkatas.grader.discover.Kata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one compiled kata's tests in a forked JVM (same {@code java} as the grader) and turns what happened into a
 * {@link KataResult}. The fork is what makes the grader robust: a learner's infinite loop, deadlock, memory leak or
 * System.exit ends that JVM, never the grader, and the results it streamed before are kept.
 */
public final class KataRunner {

    /** What the JVM's -XX:+ExitOnOutOfMemoryError exits with. */
    private static final int OUT_OF_MEMORY_EXIT_CODE = 3;
    private static final long MAX_OUTPUT_BYTES = 1024 * 1024;
    /** How long to wait for the output pipes once the process is gone: a grandchild could still hold them. */
    private static final long PIPE_GRACE_MILLIS = 5_000;
    /** How often a run's end is looked for in its events file while the JVM goes on. */
    private static final long POLL_MILLIS = 20;

    private final List<Path> classpath;
    private final RunLimits limits;

    public KataRunner(List<Path> classpath, RunLimits limits) {
        this.classpath = List.copyOf(classpath);
        this.limits = limits;
    }

    /** Runs the kata's compiled tests in a new test JVM, which ends after this one run. */
    public KataResult run(Kata kata, BuildResult build, Path runDir) {
        return run(startWarm(kata, runDir), kata, build, false);
    }

    /** Starts a test JVM ({@link TestWorker}) that warms up and waits for {@link #run(WarmTestJvm, Kata, BuildResult, boolean)}. */
    public WarmTestJvm startWarm(Kata kata, Path runDir) {
        try {
            Files.createDirectories(runDir);
            Path argFile = runDir.resolve("java-args.txt");
            Files.writeString(argFile, argumentFile(), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(javaExecutable().toString(), "@" + argFile);
            builder.directory(runDir.toFile());
            Process process = builder.start();
            OutputDrain stdout = new OutputDrain(process.getInputStream(), runDir.resolve("stdout.txt"), MAX_OUTPUT_BYTES,
                    "grader-stdout-" + kata.id());
            OutputDrain stderr = new OutputDrain(process.getErrorStream(), runDir.resolve("stderr.txt"), MAX_OUTPUT_BYTES,
                    "grader-stderr-" + kata.id());
            stdout.start();
            stderr.start();
            return new WarmTestJvm(kata, runDir, process, stdout, stderr);
        } catch (IOException e) {
            throw new GraderException("cannot start a test JVM for " + kata.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code build}'s tests in {@code jvm} and waits until they are done, the JVM ends, or the kata's bound is
     * over (then the JVM is killed). With {@code again}, the JVM may serve another run afterwards
     * ({@link WarmTestJvm#alive()} says whether it does); else this is its last.
     */
    public KataResult run(WarmTestJvm jvm, Kata kata, BuildResult build, boolean again) {
        Process process = jvm.process();
        try {
            List<String> command = new ArrayList<>(List.of(jvm.events().toString(), build.classes().toString(),
                    build.testClasses().toString()));
            GradingConfiguration.of(limits).forEach((key, value) -> command.add(key + "=" + value));
            try {
                jvm.send(command, again);
            } catch (IOException e) {
                // The JVM died before its command (its input is closed): what it printed says why.
            }
            long deadline = System.nanoTime() + limits.kataTimeout().toNanos();
            boolean timedOut = false;
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS) && !RunEvents.ended(jvm.events())) {
                if (System.nanoTime() - deadline > 0) {
                    timedOut = true;
                    jvm.kill();
                    process.waitFor();
                    break;
                }
            }
            if (RunEvents.stoppedAtTimeout(jvm.events())) {
                // It halts at once after a timeout: wait for that, so its output is complete.
                process.waitFor(PIPE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
            int exitCode = 0;
            if (!process.isAlive()) {
                jvm.released();
                jvm.stdout().awaitEnd(PIPE_GRACE_MILLIS);
                jvm.stderr().awaitEnd(PIPE_GRACE_MILLIS);
                exitCode = process.exitValue();
            }
            return result(kata, RunEvents.read(jvm.events()), timedOut, exitCode,
                    jvm.stdout().tail() + jvm.stderr().tail());
        } catch (IOException e) {
            jvm.close();
            throw new GraderException("cannot run the tests of " + kata.id() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            jvm.close();
            Thread.currentThread().interrupt();
            throw new GraderException("interrupted while running " + kata.id(), e);
        }
    }

    private KataResult result(Kata kata, RunEvents events, boolean timedOut, int exitCode, String output) {
        String where = events.lastRunning().map(name -> "\nlast test started: " + name).orElse("");
        if (timedOut) {
            return new KataResult(kata, Outcome.TIMED_OUT, "did not finish within " + inWords(limits.kataTimeout())
                    + ": an infinite loop or deadlock?" + where, events.tests());
        }
        if (events.stopped().isPresent()) {
            // The first test that timed out ended the run: the rest would only wait for the same bug again.
            return new KataResult(kata, Outcome.TIMED_OUT, "the run stopped at \"" + events.stopped().get()
                    + "\", which ran out of time; the tests after it were not run", events.tests());
        }
        boolean oomReported = output.contains("OutOfMemoryError");
        if (oomReported && (exitCode == OUT_OF_MEMORY_EXIT_CODE || !events.done())) {
            return new KataResult(kata, Outcome.OUT_OF_MEMORY, "ran out of memory (heap limit " + limits.maxHeap()
                    + "): does the code keep data without bound?" + where, events.tests());
        }
        if (!events.done()) {
            String message = events.crash().map(c -> "the test runner failed: " + c).orElse(
                    "the test JVM ended before the tests finished, exit code " + exitCode
                            + ": does the code call System.exit?" + where);
            if (events.tests().isEmpty() && events.crash().isEmpty()) {
                message += lastLines(output, 3);
            }
            return new KataResult(kata, Outcome.EXITED_EARLY, message, events.tests());
        }
        return completed(kata, events);
    }

    /** The result of a run that reported every test ("done"), wherever it ran. */
    public static KataResult completed(Kata kata, RunEvents events) {
        List<String> problems = events.orphanContainerFailures();
        return new KataResult(kata, Outcome.RAN, String.join("\n", problems), events.tests());
    }

    private static String inWords(java.time.Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String lastLines(String output, int count) {
        List<String> lines = output.strip().lines().toList();
        if (lines.isEmpty()) {
            return "";
        }
        return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /**
     * The java command line, in an argument file: a long classpath would overflow the command-line limit of Windows.
     * Every argument is quoted, with backslashes and quotes escaped, as the launcher's @-file syntax asks.
     */
    private String argumentFile() {
        // The kata's own folders are not on it: each run gets them in a class loader of its own (see TestWorker).
        List<Path> cp = new ArrayList<>(classpath);
        List<String> args = new ArrayList<>(List.of(
                "-Xmx" + limits.maxHeap(),
                // The JVM ends at the first OutOfMemoryError instead of limping on: exit code 3, and we can tell why.
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8",
                "-Djava.awt.headless=true",
                "-cp", GraderClasspath.join(cp),
                TestWorker.class.getName()));
        StringBuilder file = new StringBuilder();
        for (String arg : args) {
            file.append('"').append(arg.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return file.toString();
    }

    /** The java launcher of the JVM the grader runs on: test and benchmark JVMs use the same JDK. */
    public static Path javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }
}
