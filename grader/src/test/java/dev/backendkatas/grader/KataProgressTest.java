package dev.backendkatas.grader;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.report.KataProgress;
import dev.backendkatas.grader.report.StageStatus;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.TestResult;
import dev.backendkatas.grader.run.TestStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.backendkatas.grader.run.TestStatus.FAILED;
import static dev.backendkatas.grader.run.TestStatus.NOT_RUN;
import static dev.backendkatas.grader.run.TestStatus.SUCCESSFUL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress counts what the learner really built: stages complete in order, plus the share of the first unfinished
 * stage. Passes in later stages do not count, and a run that dies half-way does not shrink the total. The fixture kata
 * 01-alpha declares three stages (Counting, Adding, Greeting).
 */
class KataProgressTest {

    @TempDir
    Path dir;
    Kata alpha;

    @BeforeEach
    void alpha() {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        alpha = KataDiscovery.discover(repo).get(0);
    }

    private static TestResult test(String stage, String name, TestStatus status) {
        return new TestResult("[test:" + stage + "/" + name + "]", List.of("Alpha", stage, name), status, "");
    }

    private KataResult ran(TestStatus counting, TestStatus adding1, TestStatus adding2, TestStatus greeting) {
        return new KataResult(alpha, Outcome.RAN, "", List.of(
                test("Stage 1 — Counting", "one", counting),
                test("Stage 2 — Adding", "two numbers", adding1),
                test("Stage 2 — Adding", "any count", adding2),
                test("Stage 3 — Greeting", "greets", greeting)));
    }

    @Test
    void completeStagesInOrderPlusTheShareOfTheCurrentOneAndNothingOfLaterStages() {
        KataProgress progress = KataProgress.of(ran(SUCCESSFUL, SUCCESSFUL, FAILED, SUCCESSFUL));

        assertThat(progress.completedStages()).isEqualTo(1);
        assertThat(progress.score()).isEqualTo(1.5);
        assertThat(progress.stageCount()).isEqualTo(3);
        assertThat(progress.percent()).isEqualTo(50);
        assertThat(progress.stages()).extracting(s -> s.status())
                .containsExactly(StageStatus.COMPLETE, StageStatus.IN_PROGRESS, StageStatus.AHEAD);
    }

    @Test
    void aLaterStageThatPassesByAccidentCountsNothingWhileAnEarlierOneIsUnfinished() {
        KataProgress progress = KataProgress.of(ran(FAILED, SUCCESSFUL, SUCCESSFUL, SUCCESSFUL));

        assertThat(progress.completedStages()).isZero();
        assertThat(progress.score()).isZero();
        assertThat(progress.firstUnfinishedStage().orElseThrow().name()).isEqualTo("Stage 1 — Counting");
    }

    @Test
    void aRunThatDiedHalfWayKeepsEveryStageInTheTotal() {
        KataResult died = new KataResult(alpha, Outcome.EXITED_EARLY, "exit code 7",
                List.of(test("Stage 1 — Counting", "one", SUCCESSFUL), test("Stage 2 — Adding", "two numbers", NOT_RUN)));

        KataProgress progress = KataProgress.of(died);

        assertThat(progress.stageCount()).isEqualTo(3);
        assertThat(progress.score()).isEqualTo(1.0);
        assertThat(progress.stages()).extracting(s -> s.name())
                .containsExactly("Stage 1 — Counting", "Stage 2 — Adding", "Stage 3 — Greeting");
    }

    @Test
    void aKataNotStartedOrNotCompilingShowsEveryStageAtZero() {
        KataProgress progress = KataProgress.of(Grader.notStarted(alpha));

        assertThat(progress.stageCount()).isEqualTo(3);
        assertThat(progress.percent()).isZero();
        assertThat(progress.stages()).extracting(s -> s.status())
                .containsExactly(StageStatus.NOT_STARTED, StageStatus.AHEAD, StageStatus.AHEAD);
    }

    @Test
    void everyStageCompleteIsTheWholeKata() {
        KataProgress progress = KataProgress.of(ran(SUCCESSFUL, SUCCESSFUL, SUCCESSFUL, SUCCESSFUL));

        assertThat(progress.score()).isEqualTo(3.0);
        assertThat(progress.percent()).isEqualTo(100);
    }
}
