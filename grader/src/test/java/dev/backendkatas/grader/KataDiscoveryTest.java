package dev.backendkatas.grader;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.discover.KataSelector;
import dev.backendkatas.grader.discover.ReadmeSection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KataDiscoveryTest {

    @TempDir
    static Path dir;
    static Path repo;
    static List<Kata> katas;

    @BeforeAll
    static void discover() {
        repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        katas = KataDiscovery.discover(repo);
    }

    @Test
    void findsKataFoldersWithAPomInLearningOrderAndIgnoresTheToolset() {
        assertThat(katas).extracting(Kata::id)
                .containsExactly("01-alpha", "02-syntax-error", "03-stuck", "04-hungry", "05-system-exit");
    }

    @Test
    void readsTheTitleAndTheStageHeadingsWithTheirLinesButNotHeadingsInsideCodeFences() {
        Kata alpha = katas.get(0);
        assertThat(alpha.number()).isEqualTo(1);
        assertThat(alpha.title()).isEqualTo("Alpha — a fixture kata");
        assertThat(alpha.sections()).containsExactly(
                new ReadmeSection(1, "Stage 1 — Counting", 5),
                new ReadmeSection(2, "Stage 2 — Adding", 14),
                new ReadmeSection(3, "Stage 3 — Greeting", 18));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "01", "001", "01-alpha", "alpha", "al", "01-al", "ALPHA"})
    void selectsAKataByNumberNameOrUniquePrefix(String query) {
        assertThat(KataSelector.select(katas, query).id()).isEqualTo("01-alpha");
    }

    @Test
    void refusesAnAmbiguousPrefixNamingTheCandidates() {
        assertThatThrownBy(() -> KataSelector.select(katas, "s"))
                .isInstanceOf(GraderException.class)
                .hasMessageContaining("ambiguous")
                .hasMessageContaining("02-syntax-error, 03-stuck, 05-system-exit");
    }

    @Test
    void refusesAnUnknownKataListingTheKnownOnes() {
        assertThatThrownBy(() -> KataSelector.select(katas, "9"))
                .isInstanceOf(GraderException.class)
                .hasMessageContaining("01-alpha, 02-syntax-error");
        assertThatThrownBy(() -> KataSelector.select(katas, "zeta")).isInstanceOf(GraderException.class);
    }
}
