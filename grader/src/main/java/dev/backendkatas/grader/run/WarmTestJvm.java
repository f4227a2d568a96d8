package dev.backendkatas.grader.run;

import dev.backendkatas.grader.discover.Kata;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test JVM ({@link TestWorker}) started ahead of its runs: it loads the JUnit Platform while the kata compiles, then
 * runs the commands it is sent. Watch mode keeps one for its kata, so a save is answered by a warm JVM whose JIT knows
 * JUnit already; the JVM ends itself when a run leaves anything behind (a test that timed out, a thread still
 * running), and is killed when a run exceeds the kata's bound, so no learner thread outlives its run for long, and the
 * next save gets a fresh JVM. Created by {@link KataRunner}; {@link #close()} ends one.
 */
public final class WarmTestJvm implements AutoCloseable {

    private final Kata kata;
    private final Path runDir;
    private final Process process;
    private final OutputDrain stdout;
    private final OutputDrain stderr;
    private final Thread killOnExit;

    WarmTestJvm(Kata kata, Path runDir, Process process, OutputDrain stdout, OutputDrain stderr) {
        this.kata = kata;
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

    /**
     * Sends a run's command; without {@code again}, ends the input too, which makes this run the last. (The JVM's
     * input carries only commands: a test that reads System.in blocks or gets end-of-file, never a keyboard.)
     */
    void send(List<String> command, boolean again) throws IOException {
        Files.deleteIfExists(events());
        OutputStream in = process.getOutputStream();
        in.write((EventCodec.encode(command) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        if (!again) {
            in.close();
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
