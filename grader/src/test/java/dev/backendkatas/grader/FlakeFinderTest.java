package dev.backendkatas.grader;

import dev.backendkatas.grader.Fixtures.CliResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.backendkatas.grader.Fixtures.args;
import static dev.backendkatas.grader.Fixtures.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --repeat N} and {@code selfcheck --repeat N} on a fixture kata with a planted, deterministically flaky test (it
 * fails on odd runs).
 */
class FlakeFinderTest {

    @Test
    void repeatReportsTheTestWhoseOutcomeChangedAndNotTheStableOne(@TempDir Path dir) {
        Path repo = Fixtures.copyRepo("flaky", dir.resolve("repo"));

        CliResult result = cli(args(repo, dir.resolve("work"), "1", "--repeat", "3"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out())
                .contains("Flake finder — 01-flaky: 3 run(s) of the same build")
                .contains("  run 1: 1/2 passed\n  run 2: 2/2 passed\n  run 3: 1/2 passed\n")
                .contains("Flaky: 1 test(s) changed outcome between runs")
                .contains("✘ Coin › Stage 1 — Racing › lands heads up\n      runs 1:FAILED 2:SUCCESSFUL 3:FAILED")
                .contains("when it failed: run 1 landed tails up")
                .doesNotContain("has two sides");
    }

    @Test
    void repeatNeedsAKataAndTwoRuns(@TempDir Path dir) {
        Path repo = Fixtures.copyRepo("flaky", dir.resolve("repo"));
        assertThat(cli(args(repo, dir.resolve("work"), "--repeat", "3")).err()).contains("--repeat needs a kata");
        assertThat(cli(args(repo, dir.resolve("work"), "1", "--repeat", "1")).exitCode()).isEqualTo(2);
    }

    @Test
    void selfcheckRepeatFailsOnATestThatFailsInSomeRunsOfTheReferenceOnly(@TempDir Path dir) throws IOException {
        Path repo = withReference(Fixtures.copyRepo("flaky", dir.resolve("repo")));

        CliResult result = cli(args(repo, dir.resolve("work"), "selfcheck", "--repeat", "3"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out())
                .contains("FAIL 01-flaky: 2 tests\n")
                .contains("01-flaky: does not pass on the reference (FAILED in 2 of 3 runs): "
                        + "Coin › Stage 1 — Racing › lands heads up — run 1 landed tails up")
                .contains("selfcheck FAILED: 1 problem(s)")
                .doesNotContain("has two sides");
    }

    @Test
    void selfcheckRepeatPassesWhenEveryRunOfTheReferencePasses(@TempDir Path dir) throws IOException {
        Path repo = withReference(Fixtures.copyRepo("flaky", dir.resolve("repo")));
        Path test = repo.resolve("katas/01-flaky/src/test/java/fixture/flaky/CoinTest.java");
        String source = Files.readString(test);
        Files.writeString(test, source.substring(0, source.indexOf("        /**")) + "    }\n}\n");

        CliResult result = cli(args(repo, dir.resolve("work"), "selfcheck", "--repeat", "2"));

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("ok   01-flaky: 1 tests, each fails on the stub and passes on the reference "
                + "in each of 2 runs\n", "selfcheck passed");
    }

    @Test
    void selfcheckRepeatNeedsAtLeastOneRun(@TempDir Path dir) {
        Path repo = Fixtures.copyRepo("flaky", dir.resolve("repo"));
        CliResult result = cli(args(repo, dir.resolve("work"), "selfcheck", "--repeat", "0"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--repeat needs at least 1 run, not 0");
    }

    /** Moves the fixture's working Coin to a reference and leaves a stub that fails, as a real kata has. */
    private static Path withReference(Path repo) throws IOException {
        Path coin = Path.of("fixture", "flaky", "Coin.java");
        Path stub = repo.resolve("katas/01-flaky/src/main/java").resolve(coin);
        Path reference = repo.resolve("solutions/01-flaky/src/main/java").resolve(coin);
        Files.createDirectories(reference.getParent());
        Files.move(stub, reference);
        Files.writeString(stub, """
                package fixture.flaky;

                public final class Coin {
                    public int sides() {
                        throw new UnsupportedOperationException("Stage 1: count the sides");
                    }
                }
                """);
        return repo;
    }
}
