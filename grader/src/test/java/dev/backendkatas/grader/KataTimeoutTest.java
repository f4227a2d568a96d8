package dev.backendkatas.grader;

import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.RunLimits;
import dev.backendkatas.grader.run.TestResult;
import dev.backendkatas.grader.run.TestStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner's infinite loop costs one test's timeout: the run stops at the first test that times out, names the line
 * of the kata's code where it spun, and reports the rest as not run. When even that fails (code outside any test's
 * timeout), the bound on the whole kata ends the run. Either way the next kata is still graded. Nothing here depends on
 * the machine's speed: the bounds only ever cut a test that never ends.
 */
class KataTimeoutTest {

    private static List<Kata> alphaAndStuck(Path repo) {
        return KataDiscovery.discover(repo).stream()
                .filter(k -> k.id().equals("03-stuck") || k.id().equals("01-alpha"))
                .toList();
    }

    @Test
    void theFirstTestThatTimesOutStopsTheRunAndNamesTheLoopingLine(@TempDir Path dir) {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        RunLimits limits = new RunLimits(Duration.ofSeconds(2), Duration.ofSeconds(600), "64m");

        List<KataResult> results = new Grader(repo, dir.resolve("work"), limits).gradeAll(alphaAndStuck(repo),
                Implementation.LEARNER);

        assertThat(results.get(0).outcome()).isEqualTo(Outcome.RAN);
        assertThat(results.get(0).passed()).isEqualTo(5);
        KataResult stuck = results.get(1);
        assertThat(stuck.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(stuck.message()).isEqualTo("the run stopped at \"spins forever ignoring interrupts\", which ran out"
                + " of time; the tests after it were not run");
        assertThat(stuck.tests()).extracting(TestResult::status).containsExactly(
                TestStatus.SUCCESSFUL, TestStatus.FAILED, TestStatus.NOT_RUN);
        assertThat(stuck.tests().get(1).message()).startsWith("probably an infinite loop in Stuck.spin (Stuck.java:")
                .contains("\n    at fixture.stuck.Stuck.spin(Stuck.java:");
        assertThat(stuck.tests().get(2).message()).contains("an earlier test timed out");
    }

    @Test
    void aKataStuckBeyondItsBoundIsKilledAndReportedAsTimedOut(@TempDir Path dir) {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        // A per-test timeout far beyond the kata's bound: only the bound can end the spinning test.
        RunLimits limits = new RunLimits(Duration.ofSeconds(600), Duration.ofSeconds(6), "64m");

        List<KataResult> results = new Grader(repo, dir.resolve("work"), limits).gradeAll(alphaAndStuck(repo),
                Implementation.LEARNER);

        KataResult stuck = results.get(1);
        assertThat(stuck.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(stuck.message()).startsWith("did not finish within 6 s: an infinite loop or deadlock?");
        // How far the run got within the bound depends on the machine: on a busy one the bound can end it before the
        // test plan is even reported (no tests at all). That it never got past the loop does not depend on it.
        assertThat(stuck.tests().size()).as("tests reported: none, or the whole plan").isIn(0, 3);
        assertThat(stuck.tests().stream().skip(1)).extracting(TestResult::status).containsOnly(TestStatus.NOT_RUN);
    }

    @Test
    void aTestThatGivesUpWaitingOnItsOwnFailsAloneAndTheRunGoesOn(@TempDir Path dir) {
        // A TimeoutException from future.get, or one inside Awaitility's ConditionTimeoutException, is not JUnit's
        // timeout: nothing spins, so stopping the run there would report every later test as not run.
        Path repo = Fixtures.copyRepo("own-timeouts", dir.resolve("repo"));
        RunLimits limits = new RunLimits(Duration.ofSeconds(600), Duration.ofSeconds(600), "64m");

        KataResult waits = new Grader(repo, dir.resolve("work"), limits).grade(KataDiscovery.discover(repo).get(0),
                Implementation.LEARNER);

        assertThat(waits.outcome()).isEqualTo(Outcome.RAN);
        assertThat(waits.tests()).extracting(TestResult::status).containsExactly(
                TestStatus.FAILED, TestStatus.FAILED, TestStatus.SUCCESSFUL);
        assertThat(waits.tests().get(0).message()).doesNotContain("infinite loop").contains("TimeoutException");
    }
}
