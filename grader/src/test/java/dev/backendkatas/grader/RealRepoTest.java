package dev.backendkatas.grader;

import dev.backendkatas.grader.Fixtures.CliResult;
import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.RunLimits;
import dev.backendkatas.grader.run.TestResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.backendkatas.grader.Fixtures.args;
import static dev.backendkatas.grader.Fixtures.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grader on this repository's real katas. Builds go to a temporary folder, never into katas/ or solutions/.
 * Grading every kata (and, in the self-check, every kata twice) takes minutes on a busy 2-core machine and grows with
 * each kata, so these tests have a bound of their own, far above the default: each kata run is bounded by the grader
 * itself (the kata timeout), and this only keeps a hung build from waiting forever.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class RealRepoTest {

    private final Path repo = Fixtures.realRepo();

    @Test
    void everyGradedTestPassesOnTheReferenceSolutions(@TempDir Path work) {
        List<Kata> katas = KataDiscovery.discover(repo);
        assertThat(katas).isNotEmpty();
        List<KataResult> results = new Grader(repo, work, RunLimits.DEFAULT).gradeAll(katas, Implementation.REFERENCE);
        for (KataResult result : results) {
            assertThat(result.outcome()).as(result.kata().id() + ": " + result.message()).isEqualTo(Outcome.RAN);
            assertThat(result.total()).as(result.kata().id() + " has graded tests").isPositive();
            assertThat(result.tests()).filteredOn(t -> !t.passed())
                    .extracting(t -> String.join(" › ", t.displayPath()) + ": " + t.status() + " " + t.message())
                    .as(result.kata().id() + " on its reference").isEmpty();
        }
    }

    /** Only on a pristine checkout (CI sets backendkatas.pristine=true): a learner's clone has edited stubs. */
    @Test
    @EnabledIfSystemProperty(named = "backendkatas.pristine", matches = "true")
    void thePristineStubsPassNoTestAndTheSelfcheckHolds(@TempDir Path work) {
        List<KataResult> results = new Grader(repo, work, RunLimits.DEFAULT)
                .gradeAll(KataDiscovery.discover(repo), Implementation.LEARNER);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.outcome()).as(r.kata().id()).isEqualTo(Outcome.RAN);
            assertThat(r.tests()).as(r.kata().id()).isNotEmpty().noneMatch(TestResult::passed);
        });

        CliResult selfcheck = cli(args(repo, work, "selfcheck"));
        assertThat(selfcheck.exitCode()).as(selfcheck.out() + selfcheck.err()).isZero();
    }
}
