package dev.backendkatas.grader;

import dev.backendkatas.grader.build.BuildResult;
import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.RunLimits;
import dev.backendkatas.grader.run.WarmTestJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Watch mode's test JVM serves run after run while they leave it clean, and ends after a run that does not. */
class WarmTestJvmTest {

    private static final RunLimits LIMITS = new RunLimits(Duration.ofSeconds(2), Duration.ofSeconds(120), "64m");

    @Test
    void aCleanRunKeepsTheJvmForTheNextAndATimedOutRunEndsIt(@TempDir Path dir) {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        List<Kata> katas = KataDiscovery.discover(repo);
        Kata alpha = katas.get(0);
        Kata stuck = katas.stream().filter(k -> k.id().equals("03-stuck")).findFirst().orElseThrow();
        Grader grader = new Grader(repo, dir.resolve("work"), LIMITS);

        try (WarmTestJvm jvm = grader.startWarmJvm(alpha)) {
            BuildResult build = grader.build(alpha, Implementation.LEARNER);
            KataResult first = grader.runIn(jvm, alpha, build);
            assertThat(first.outcome()).isEqualTo(Outcome.RAN);
            assertThat(jvm.alive()).as("a clean run leaves the JVM serving").isTrue();

            KataResult second = grader.runIn(jvm, alpha, build);
            assertThat(second).isEqualTo(first);
            assertThat(jvm.alive()).isTrue();
        }

        try (WarmTestJvm jvm = grader.startWarmJvm(stuck)) {
            KataResult looped = grader.runIn(jvm, stuck, grader.build(stuck, Implementation.LEARNER));
            assertThat(looped.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(jvm.alive()).as("the JVM whose thread spins is gone").isFalse();
        }
    }
}
