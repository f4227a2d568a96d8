package dev.backendkatas.grader;

import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.RunLimits;
import dev.backendkatas.grader.run.TestStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When per-test timeouts do not save the run, the bound on the whole kata does, and the next kata is still graded. */
class KataTimeoutTest {

    @Test
    void aKataStuckBeyondItsBoundIsKilledAndReportedAsTimedOut(@TempDir Path dir) {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        List<Kata> katas = KataDiscovery.discover(repo).stream()
                .filter(k -> k.id().equals("03-stuck") || k.id().equals("01-alpha"))
                .toList();
        // A per-test timeout far beyond the kata's bound: only the bound can end the spinning test.
        RunLimits limits = new RunLimits(Duration.ofSeconds(120), Duration.ofSeconds(6), "64m");

        List<KataResult> results = new Grader(repo, dir.resolve("work"), limits).gradeAll(katas, Implementation.LEARNER);

        KataResult alpha = results.get(0);
        KataResult stuck = results.get(1);
        assertThat(alpha.outcome()).isEqualTo(Outcome.RAN);
        assertThat(alpha.passed()).isEqualTo(5);
        assertThat(stuck.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(stuck.message()).startsWith("did not finish within 6 s: an infinite loop or deadlock?")
                .contains("last test started: StuckTest › Stage 1 — Getting stuck › spins forever ignoring interrupts");
        assertThat(stuck.tests()).extracting(t -> t.status()).containsExactly(
                TestStatus.SUCCESSFUL, TestStatus.NOT_RUN, TestStatus.NOT_RUN, TestStatus.NOT_RUN);
    }
}
