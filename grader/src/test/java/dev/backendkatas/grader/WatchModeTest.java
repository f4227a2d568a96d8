package dev.backendkatas.grader;

import dev.backendkatas.grader.report.Style;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.backendkatas.grader.Fixtures.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watch mode on a copy of a fixture kata: an edited source is re-graded without a key press, keys work, and code that
 * loops or exits costs one run of a disposable test JVM, never the watching JVM.
 */
class WatchModeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final StringWriter screen = new StringWriter();
    private PipedOutputStream keys;
    private Thread session;
    private final AtomicInteger exitCode = new AtomicInteger(-1);

    /** Starts {@code ./grade watch <args>} in-process, with keys fed through a pipe. */
    private void watch(Path repo, String... watchArgs) throws IOException {
        PipedInputStream in = new PipedInputStream();
        keys = new PipedOutputStream(in);
        Console console = new Console(new PrintWriter(screen, true), new PrintWriter(new StringWriter()), Style.PLAIN, in);
        String[] all = new String[watchArgs.length + 1];
        all[0] = "watch";
        System.arraycopy(watchArgs, 0, all, 1, watchArgs.length);
        session = new Thread(() -> exitCode.set(Main.run(args(repo, dir.resolve("work"), all), console)), "watch-session");
        session.setDaemon(true);
        session.start();
    }

    private void press(String key) throws IOException {
        keys.write((key + "\n").getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private String screen() {
        return screen.toString();
    }

    @AfterEach
    void quit() throws IOException {
        if (session != null && session.isAlive()) {
            // Nothing else ends a session whose input is closed; Ctrl-C does that for a learner.
            session.interrupt();
            await().atMost(PATIENCE).until(() -> !session.isAlive());
        }
    }

    @Test
    void aSavedEditIsRegradedAndQuitEndsTheSession() throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        watch(repo, "1");
        await().atMost(PATIENCE).until(() -> screen().contains("[run 1] graded"));
        assertThat(screen()).contains("watching 01-alpha  (file events)", "1/3 stages, Stage 2: 1/2 tests",
                "Next up: Stage 2 — Adding", "keys: h hint");

        Path alpha = repo.resolve("katas/01-alpha/src/main/java/fixture/alpha/Alpha.java");
        Files.writeString(alpha, Files.readString(alpha, StandardCharsets.UTF_8).replace(
                "return numbers.length == 0 ? 0 : numbers[0];", "return java.util.Arrays.stream(numbers).sum();"),
                StandardCharsets.UTF_8);

        await().atMost(PATIENCE).until(() -> screen().contains("[run 2] graded"));
        String second = screen().substring(screen().indexOf("[run 1]"));
        assertThat(second).contains("2/3 stages, Stage 3: 0/1 tests", "New: 01 Stage 2 — Adding complete",
                        "Next up: Stage 3 — Greeting")
                .contains("at fixture.alpha.Alpha.greet(Alpha.java:")
                .containsPattern("\\[run 2\\] graded in \\d+ ms \\(compile \\d+ ms, tests \\d+ ms\\) at");

        press("c");
        await().atMost(PATIENCE).until(() -> screen().contains("the reference is a spoiler"));
        press("q");
        await().atMost(PATIENCE).until(() -> !session.isAlive());
        assertThat(exitCode).hasValue(0);
        assertThat(screen()).endsWith("watch mode ended.\n");
    }

    @Test
    void aCompileErrorIsShownAndPollingWorksWhereFileEventsDoNot() throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        watch(repo, "alpha", "--poll");
        await().atMost(PATIENCE).until(() -> screen().contains("[run 1] graded"));
        assertThat(screen()).contains("(polling every 250 ms (--poll))");

        Path alpha = repo.resolve("katas/01-alpha/src/main/java/fixture/alpha/Alpha.java");
        Files.writeString(alpha, Files.readString(alpha, StandardCharsets.UTF_8).replace("return 1;", "return 1"),
                StandardCharsets.UTF_8);

        await().atMost(PATIENCE).until(() -> screen().contains("[run 2] graded"));
        assertThat(screen().substring(screen().indexOf("[run 1]")))
                .contains("does not compile", "katas/01-alpha/src/main/java/fixture/alpha/Alpha.java:7: ';' expected");
    }

    @Test
    void codeThatCallsSystemExitEndsOnlyItsTestJvmAndWatchModeSurvives() throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        watch(repo, "5");
        await().atMost(PATIENCE).until(() -> screen().contains("[run 1] graded"));
        assertThat(screen()).contains("exited early", "exit code 7");

        press("r");
        await().atMost(PATIENCE).until(() -> screen().contains("[run 2] graded"));
        assertThat(session.isAlive()).isTrue();
    }

    @Test
    void anInfiniteLoopIsNamedWithItsLineAndLeavesNoSpinningThreadBehind() throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        java.util.Set<Long> childrenBefore = ProcessHandle.current().children().map(ProcessHandle::pid)
                .collect(java.util.stream.Collectors.toSet());
        watch(repo, "3", "--test-timeout", "2s");
        await().atMost(PATIENCE).until(() -> screen().contains("[run 1] graded"));
        assertThat(screen()).contains("stopped: a test ran out of time",
                "probably an infinite loop in Stuck.spin (Stuck.java:", "at fixture.stuck.Stuck.spin(Stuck.java:");
        // The looping test ran in a test JVM that is gone: at most the warm JVM for the next save remains.
        await().atMost(PATIENCE).alias("only the warm JVM is left").until(() -> ProcessHandle.current().children()
                .filter(child -> !childrenBefore.contains(child.pid())).count() <= 1);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("junit-timeout"));

        press("r");
        await().atMost(PATIENCE).until(() -> screen().contains("[run 2] graded"));
        assertThat(session.isAlive()).isTrue();
    }

    @Test
    void anInputThatEndsTurnsTheKeysOffButNotTheWatching() throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        watch(repo, "1");
        keys.close();
        await().atMost(PATIENCE).until(() -> screen().contains("keys are off"));
        Path alpha = repo.resolve("katas/01-alpha/src/main/java/fixture/alpha/Alpha.java");
        Files.writeString(alpha, Files.readString(alpha, StandardCharsets.UTF_8) + "\n// saved again\n",
                StandardCharsets.UTF_8);
        await().atMost(PATIENCE).until(() -> screen().contains("[run 2] graded"));
    }
}
