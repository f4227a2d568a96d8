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

    private final List<Path> classpath;
    private final RunLimits limits;

    public KataRunner(List<Path> classpath, RunLimits limits) {
        this.classpath = List.copyOf(classpath);
        this.limits = limits;
    }

    /**
     * @param runDir where the events, the child's output and its argument file go
     */
    public KataResult run(Kata kata, BuildResult build, Path runDir) {
        try {
            Files.createDirectories(runDir);
            Path events = runDir.resolve("events.txt");
            Files.deleteIfExists(events);
            Path argFile = runDir.resolve("java-args.txt");
            Files.writeString(argFile, argumentFile(build, events), StandardCharsets.UTF_8);

            ProcessBuilder builder = new ProcessBuilder(javaExecutable().toString(), "@" + argFile);
            builder.directory(runDir.toFile());
            Process process = builder.start();
            // A test reading System.in gets end-of-file instead of waiting for a keyboard.
            process.getOutputStream().close();
            OutputDrain stdout = new OutputDrain(process.getInputStream(), runDir.resolve("stdout.txt"), MAX_OUTPUT_BYTES,
                    "grader-stdout-" + kata.id());
            OutputDrain stderr = new OutputDrain(process.getErrorStream(), runDir.resolve("stderr.txt"), MAX_OUTPUT_BYTES,
                    "grader-stderr-" + kata.id());
            stdout.start();
            stderr.start();

            // Ctrl-C on the grader must not leave a spinning test JVM behind.
            Thread killOnExit = new Thread(() -> killTree(process));
            Runtime.getRuntime().addShutdownHook(killOnExit);
            boolean timedOut;
            try {
                timedOut = !process.waitFor(limits.kataTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (timedOut) {
                    killTree(process);
                    process.waitFor();
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(killOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running already; it kills the child.
                }
            }
            stdout.awaitEnd(PIPE_GRACE_MILLIS);
            stderr.awaitEnd(PIPE_GRACE_MILLIS);
            return result(kata, RunEvents.read(events), timedOut, process.exitValue(), stdout.tail() + stderr.tail());
        } catch (IOException e) {
            throw new GraderException("cannot run the tests of " + kata.id() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
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
    private String argumentFile(BuildResult build, Path events) {
        List<Path> cp = new ArrayList<>();
        cp.add(build.testClasses());
        cp.add(build.classes());
        cp.addAll(classpath);
        List<String> args = new ArrayList<>(List.of(
                "-Xmx" + limits.maxHeap(),
                // The JVM ends at the first OutOfMemoryError instead of limping on: exit code 3, and we can tell why.
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8",
                "-Djava.awt.headless=true",
                "-cp", GraderClasspath.join(cp),
                ForkedTestMain.class.getName(),
                events.toString(), build.classes().toString(), build.testClasses().toString()));
        GradingConfiguration.of(limits).forEach((key, value) -> args.add(key + "=" + value));
        StringBuilder file = new StringBuilder();
        for (String arg : args) {
            file.append('"').append(arg.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return file.toString();
    }

    private static Path javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
