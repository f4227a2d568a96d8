package dev.backendkatas.grader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.backendkatas.grader.Fixtures.args;
import static dev.backendkatas.grader.Fixtures.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./grade mutants} replays the kept mutants of a reference (the fixture kata 01-alpha has one its tests kill and
 * one they miss) and never touches the reference itself.
 */
class MutantsTest {

    private static final String REFERENCE = "solutions/01-alpha/src/main/java/fixture/alpha/Alpha.java";

    @Test
    void aKilledMutantNamesItsTestASurvivorFailsTheCheckAndTheReferenceIsUntouched(@TempDir Path dir) throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        String reference = Files.readString(repo.resolve(REFERENCE), StandardCharsets.UTF_8);

        Fixtures.CliResult result = cli(args(repo, dir.resolve("work"), "mutants", "1"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out())
                .contains("✘ SURVIVED 01-alpha absolute-values", "all 7 graded tests pass on it")
                .contains("✔ killed   01-alpha first-number-only", "adds only the first number",
                        "by Alpha › Stage 2 — Adding › adds any count of numbers")
                .contains("2 mutant(s): 1 killed, 1 not");
        assertThat(repo.resolve(REFERENCE)).content(StandardCharsets.UTF_8).isEqualTo(reference);
    }

    @Test
    void aMutantThatNoLongerAppliesIsReportedAsBroken(@TempDir Path dir) throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        Path reference = repo.resolve(REFERENCE);
        Files.writeString(reference, Files.readString(reference, StandardCharsets.UTF_8)
                .replace("return a + b;", "return b + a;"), StandardCharsets.UTF_8);

        Fixtures.CliResult result = cli(args(repo, dir.resolve("work"), "mutants", "1"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("BROKEN   01-alpha absolute-values",
                "the mutant absolute-values no longer applies to fixture/alpha/Alpha.java");
    }
}
