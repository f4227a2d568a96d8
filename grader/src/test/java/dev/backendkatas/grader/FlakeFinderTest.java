package dev.backendkatas.grader;

import dev.backendkatas.grader.Fixtures.CliResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.backendkatas.grader.Fixtures.args;
import static dev.backendkatas.grader.Fixtures.cli;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code --repeat N} on a fixture kata with a planted, deterministically flaky test (it fails on odd runs). */
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
}
