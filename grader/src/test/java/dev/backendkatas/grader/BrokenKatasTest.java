package dev.backendkatas.grader;

import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.report.JsonReport;
import dev.backendkatas.grader.report.Style;
import dev.backendkatas.grader.report.TextReport;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.RunLimits;
import dev.backendkatas.grader.run.TestResult;
import dev.backendkatas.grader.run.TestStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades one fixture repository holding a kata in progress next to katas that do not compile, loop, deadlock, exhaust
 * memory and call System.exit: each is reported as such and every other kata is still graded.
 */
class BrokenKatasTest {

    /** Short, so the stuck tests cost seconds; generous next to what the passing fixture tests need. */
    private static final RunLimits LIMITS = new RunLimits(Duration.ofSeconds(2), Duration.ofSeconds(60), "64m");

    @TempDir
    static Path dir;
    static Path repo;
    static List<KataResult> results;
    static Map<String, KataResult> byId;

    @BeforeAll
    static void gradeTheFixtureRepository() {
        repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        List<Kata> katas = KataDiscovery.discover(repo);
        results = new Grader(repo, dir.resolve("work"), LIMITS).gradeAll(katas, Implementation.LEARNER);
        byId = results.stream().collect(Collectors.toMap(r -> r.kata().id(), Function.identity()));
    }

    @Test
    void aKataInProgressIsGradedNextToTheBrokenOnes() {
        KataResult alpha = byId.get("01-alpha");
        assertThat(alpha.outcome()).isEqualTo(Outcome.RAN);
        assertThat(alpha.passed()).isEqualTo(5);
        assertThat(alpha.total()).isEqualTo(7);
    }

    @Test
    void aKataThatDoesNotCompileIsReportedWithItsFirstError() {
        KataResult broken = byId.get("02-syntax-error");
        assertThat(broken.outcome()).isEqualTo(Outcome.DOES_NOT_COMPILE);
        assertThat(broken.message())
                .isEqualTo("katas/02-syntax-error/src/main/java/fixture/syntax/Broken.java:5: ';' expected");
        assertThat(broken.tests()).isEmpty();
    }

    @Test
    void anInfiniteLoopThatIgnoresInterruptsStopsItsKataAtThatTestAndTheOtherKatasAreStillGraded() {
        KataResult stuck = byId.get("03-stuck");
        assertThat(stuck.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(stuck.tests()).extracting(TestResult::displayName, TestResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("passes before the trouble", TestStatus.SUCCESSFUL),
                org.assertj.core.groups.Tuple.tuple("spins forever ignoring interrupts", TestStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("passes after the trouble", TestStatus.NOT_RUN));
        assertThat(stuck.tests().get(1).message()).startsWith("probably an infinite loop in Stuck.spin (Stuck.java:")
                .contains("spins() timed out after 2000 milliseconds");
        assertThat(byId.get("04-hungry").outcome()).isEqualTo(Outcome.OUT_OF_MEMORY);
    }

    @Test
    void aDeadlockIsNamedAsSuchWithTheLineWhereItsThreadsWait(@TempDir Path other) {
        Path deadlockRepo = Fixtures.copyRepo("deadlock", other.resolve("repo"));
        KataResult result = new Grader(deadlockRepo, other.resolve("work"), LIMITS)
                .grade(KataDiscovery.discover(deadlockRepo).get(0), Implementation.LEARNER);
        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        // The test's own thread waits in join(); the threads it started are blocked in the kata's code.
        assertThat(result.tests().get(0).message())
                .startsWith("probably a deadlock, or a wait that is never woken, in Deadlock.")
                .contains("at fixture.deadlock.Deadlock.");
    }

    @Test
    void codeThatExhaustsMemoryIsReportedAsOutOfMemoryKeepingEarlierResults() {
        KataResult hungry = byId.get("04-hungry");
        assertThat(hungry.outcome()).isEqualTo(Outcome.OUT_OF_MEMORY);
        assertThat(hungry.message()).contains("ran out of memory")
                .contains("last test started: HungryTest › Stage 1 — Eating › eats all the memory");
        assertThat(hungry.tests()).extracting(TestResult::status)
                .containsExactly(TestStatus.SUCCESSFUL, TestStatus.NOT_RUN, TestStatus.NOT_RUN);
    }

    @Test
    void systemExitIsReportedAsExitedEarlyKeepingTheResultsBeforeIt() {
        KataResult quitter = byId.get("05-system-exit");
        assertThat(quitter.outcome()).isEqualTo(Outcome.EXITED_EARLY);
        assertThat(quitter.message()).contains("exit code 7").contains("System.exit")
                .contains("last test started: QuitterTest › Stage 1 — Leaving › calls System.exit");
        assertThat(quitter.passed()).isEqualTo(1);
        assertThat(quitter.total()).isEqualTo(3);
    }

    /** The line where the looping thread was caught varies with the moment of the timeout: the golden files say N. */
    private static String whereItSpun(String report) {
        return report.replaceAll("Stuck\\.java:\\d+", "Stuck.java:N");
    }

    /** Maintainers: -Dgrader.writeGolden=DIR writes the reports as they are now into DIR, to review and copy. */
    @org.junit.jupiter.api.AfterAll
    static void writeGoldenFilesIfAsked() throws java.io.IOException {
        String target = System.getProperty("grader.writeGolden");
        if (target != null) {
            java.nio.file.Files.createDirectories(Path.of(target));
            java.nio.file.Files.writeString(Path.of(target, "mixed-report.txt"),
                    whereItSpun(new TextReport(repo, Style.PLAIN).render(results)));
            java.nio.file.Files.writeString(Path.of(target, "mixed-report.json"),
                    whereItSpun(new JsonReport(repo).render(results)));
        }
    }

    @Test
    void textReportMatchesTheGoldenFile() {
        assertThat(whereItSpun(new TextReport(repo, Style.PLAIN).render(results)))
                .isEqualTo(Fixtures.golden("mixed-report.txt"));
    }

    @Test
    void textReportWithoutUnicodeUsesAsciiOnly() {
        String ascii = new TextReport(repo, new Style(false, false)).render(results);
        assertThat(ascii.chars().allMatch(c -> c < 128)).as(ascii).isTrue();
        assertThat(ascii).contains("+ Stage 1 - Counting", "> Stage 2 - Adding", ". Stage 3 - Greeting");
    }

    @Test
    void textReportInATerminalIsColouredAndWithoutItIsNot() {
        assertThat(new TextReport(repo, new Style(true, true)).render(results)).contains("\u001b[");
        assertThat(new TextReport(repo, Style.PLAIN).render(results)).doesNotContain("\u001b");
    }

    @Test
    void jsonReportMatchesTheGoldenFile() {
        assertThat(whereItSpun(new JsonReport(repo).render(results))).isEqualTo(Fixtures.golden("mixed-report.json"));
    }
}
