package dev.backendkatas.grader.watch;

import dev.backendkatas.grader.Grader;
import dev.backendkatas.grader.build.BuildResult;
import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.run.RunLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-process runner gives up on what would harm watch mode's JVM: a run past the kata's bound is abandoned, and
 * while a thread left by a run keeps spinning, later runs are handed to the forked runner.
 */
class InProcessRunnerTest {

    private static final String STOP = "InProcessRunnerTest.stop";

    @TempDir
    Path dir;

    @AfterEach
    void stopTheSpinner() {
        System.setProperty(STOP, "true");
    }

    /** The flaky fixture kata with its test replaced by {@code body}. */
    private Kata kataWhoseTestDoes(String body) throws IOException, URISyntaxException {
        Path source = Path.of(InProcessRunnerTest.class.getResource("/fixtures/flaky").toURI());
        Path repo = dir.resolve("repo");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = repo.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Files.writeString(repo.resolve("katas/01-flaky/src/test/java/fixture/flaky/CoinTest.java"), """
                package fixture.flaky;

                class CoinTest {
                    @org.junit.jupiter.api.Test
                    void test() throws Exception {
                        %s
                    }
                }
                """.formatted(body), StandardCharsets.UTF_8);
        return KataDiscovery.discover(repo).get(0);
    }

    private InProcessRunner.Attempt run(Grader grader, InProcessRunner runner, Kata kata) {
        BuildResult build = grader.build(kata, Implementation.LEARNER);
        assertThat(build.firstError()).isEmpty();
        return runner.run(kata, build, dir.resolve("run"));
    }

    @Test
    void aRunPastTheKataBoundIsAbandonedAndHandedToTheForkedRunner() throws Exception {
        Kata kata = kataWhoseTestDoes("Thread.sleep(600_000);");
        // The per-test timeout is far beyond the bound: only the bound ends this run.
        RunLimits limits = new RunLimits(Duration.ofSeconds(600), Duration.ofSeconds(2), "64m");
        Grader grader = new Grader(dir, dir.resolve("work"), limits);

        InProcessRunner.Attempt attempt = run(grader, new InProcessRunner(grader.classpath(), limits), kata);

        assertThat(attempt.result()).isEmpty();
        assertThat(attempt.fallback()).isEqualTo("the tests did not finish within 2 s in-process (abandoned)");
    }

    @Test
    void whileALeftoverThreadSpinsLaterRunsUseTheForkedRunner() throws Exception {
        System.clearProperty(STOP);
        Kata kata = kataWhoseTestDoes("""
                Thread spinner = new Thread(() -> {
                            while (System.getProperty("%s") == null) {
                                // ignores interrupts, like a learner's busy loop
                            }
                        });
                        spinner.setDaemon(true);
                        spinner.start();""".formatted(STOP));
        RunLimits limits = RunLimits.DEFAULT;
        Grader grader = new Grader(dir, dir.resolve("work"), limits);
        InProcessRunner runner = new InProcessRunner(grader.classpath(), limits);

        InProcessRunner.Attempt first = run(grader, runner, kata);
        assertThat(first.result()).hasValueSatisfying(r -> assertThat(r.passed()).isEqualTo(1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(run(grader, runner, kata).fallback())
                .startsWith("1 thread(s) of an earlier run still use the CPU in this JVM"));

        System.setProperty(STOP, "true");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(run(grader, runner, kata).result()).isPresent());
    }
}
