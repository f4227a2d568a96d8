package dev.backendkatas.grader.run;

import dev.backendkatas.grader.build.BuildResult;
import dev.backendkatas.grader.discover.Kata;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test JVM started ahead of its run: it loads the JUnit Platform, then waits for one command on its standard input,
 * runs that one kata's tests and ends. Watch mode starts the next one while the learner edits, so a save is answered by
 * a warm JVM; and since each JVM serves one run and is then gone (killed, if it must be), no learner thread ever
 * outlives its run. Created by {@link KataRunner}; {@link #close()} ends an unused one.
 */
public final class WarmTestJvm implements AutoCloseable {

    private final Kata kata;
    private final BuildResult build;
    private final Path runDir;
    private final Process process;
    private final OutputDrain stdout;
    private final OutputDrain stderr;
    private final Thread killOnExit;

    WarmTestJvm(Kata kata, BuildResult build, Path runDir, Process process, OutputDrain stdout, OutputDrain stderr) {
        this.kata = kata;
        this.build = build;
        this.runDir = runDir;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        // Ctrl-C on the grader must not leave a spinning test JVM behind.
        this.killOnExit = new Thread(this::kill, "grader-kill-" + kata.id());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    Kata kata() {
        return kata;
    }

    BuildResult build() {
        return build;
    }

    Path runDir() {
        return runDir;
    }

    Path events() {
        return runDir.resolve("events.txt");
    }

    Process process() {
        return process;
    }

    OutputDrain stdout() {
        return stdout;
    }

    OutputDrain stderr() {
        return stderr;
    }

    /** Whether the JVM still waits for its command (it has not died on its own). */
    public boolean alive() {
        return process.isAlive();
    }

    /** Sends the one command, then ends the input: a test that reads System.in gets end-of-file, not a keyboard. */
    void send(List<String> command) throws IOException {
        Files.deleteIfExists(events());
        try (OutputStream in = process.getOutputStream()) {
            in.write((EventCodec.encode(command) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Kills the JVM and every process it started. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The run is over: the shutdown hook is no longer needed. */
    void released() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running already; it kills the JVM.
        }
    }

    @Override
    public void close() {
        kill();
        released();
    }
}
