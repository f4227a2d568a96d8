package dev.backendkatas.grader;

import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.RunLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grader does no more work than needed: a kata whose code is the stub is not started, an unchanged kata gets its
 * last result back, a change (or --rerun) grades it again; katas are graded side by side, results stay in learning
 * order, and one kata the grader cannot grade does not stop the others.
 */
class GradingShortcutsTest {

    private static final RunLimits LIMITS = new RunLimits(Duration.ofSeconds(10), Duration.ofSeconds(120), "64m");

    /** Per kata id, whether its last grading reused a stored result. */
    private final Map<String, Boolean> reused = new ConcurrentHashMap<>();
    private final Grader.Progress recorder = new Grader.Progress() {
        @Override
        public void finished(Kata kata, KataResult result, boolean fromStore) {
            reused.put(kata.id(), fromStore);
        }
    };

    @Test
    void anUnchangedKataReusesItsLastResultAndAChangedOneIsGradedAgain(@TempDir Path dir) throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        Grader grader = new Grader(repo, dir.resolve("work"), LIMITS);
        List<Kata> alpha = List.of(KataDiscovery.discover(repo).get(0));

        KataResult first = grader.gradeLearners(alpha, k -> false, false, recorder).get(0);
        assertThat(reused).containsEntry("01-alpha", false);

        KataResult second = grader.gradeLearners(alpha, k -> false, false, recorder).get(0);
        assertThat(reused).as("nothing changed").containsEntry("01-alpha", true);
        assertThat(second).isEqualTo(first);

        grader.gradeLearners(alpha, k -> false, true, recorder);
        assertThat(reused).as("--rerun").containsEntry("01-alpha", false);

        Path source = repo.resolve("katas/01-alpha/src/main/java/fixture/alpha/Alpha.java");
        Files.writeString(source, Files.readString(source, StandardCharsets.UTF_8).replace(
                "return numbers.length == 0 ? 0 : numbers[0];", "return java.util.Arrays.stream(numbers).sum();"));
        KataResult afterTheFix = grader.gradeLearners(alpha, k -> false, false, recorder).get(0);
        assertThat(reused).as("a saved change").containsEntry("01-alpha", false);
        assertThat(afterTheFix.passed()).isEqualTo(first.passed() + 1);
    }

    @Test
    void anUntouchedKataIsNotStartedWithoutBuildingAnything(@TempDir Path dir) {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        Path work = dir.resolve("work");

        KataResult result = new Grader(repo, work, LIMITS)
                .gradeLearners(List.of(KataDiscovery.discover(repo).get(0)), k -> true, false, recorder).get(0);

        assertThat(result.outcome()).isEqualTo(Outcome.NOT_STARTED);
        assertThat(work.resolve("build")).doesNotExist();
    }

    @Test
    void katasAreReportedInLearningOrderAndOneTheGraderCannotGradeDoesNotStopTheOthers(@TempDir Path dir) {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        List<Kata> katas = KataDiscovery.discover(repo);

        // Only 01-alpha has a reference: the grader cannot build the others' and says so, kata by kata.
        List<KataResult> results = new Grader(repo, dir.resolve("work"), LIMITS).gradeAll(katas, Implementation.REFERENCE);

        assertThat(results).extracting(r -> r.kata().id()).containsExactlyElementsOf(katas.stream().map(Kata::id).toList());
        assertThat(results.get(0).outcome()).isEqualTo(Outcome.RAN);
        assertThat(results.subList(1, results.size())).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.GRADER_FAILED);
            assertThat(r.message()).contains("has no reference");
        });
    }
}
