package dev.backendkatas.grader;

import dev.backendkatas.grader.Fixtures.CliResult;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.discover.KataSelector;
import dev.backendkatas.grader.hints.HintBook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.backendkatas.grader.Fixtures.args;
import static dev.backendkatas.grader.Fixtures.cli;
import static org.assertj.core.api.Assertions.assertThat;

/** The commands around grading: hints in levels, "next", and "new since last time" from the state file. */
class LearnerLoopTest {

    @TempDir
    Path dir;
    Path repo;
    Path work;

    @BeforeEach
    void copyTheFixtureWithHintsForStage2() throws Exception {
        repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        work = dir.resolve("work");
        Path readme = repo.resolve("katas/01-alpha/README.md");
        String hints = """
                Add two numbers.

                <details><summary>Hint 1 — nudge</summary>

                What does + do?

                <details><summary>Hint 2 — concept</summary>

                Loop over all of them.

                <details><summary>Hint 3 — near-solution</summary>

                Sum with a stream.

                </details>
                </details>
                </details>
                """;
        Files.writeString(readme, Files.readString(readme, StandardCharsets.UTF_8).replace("Add two numbers.\n", hints),
                StandardCharsets.UTF_8);
    }

    @Test
    void theHintsOfEveryStageOfKata01AreReadFromItsReadmeInThreeLevels() {
        Kata kata = KataSelector.select(KataDiscovery.discover(Fixtures.realRepo()), "01");
        for (var section : kata.sections()) {
            assertThat(HintBook.of(kata, section.stageNumber())).as(section.heading())
                    .extracting(HintBook.Hint::title)
                    .containsExactly("Hint 1 — nudge", "Hint 2 — concept", "Hint 3 — near-solution");
        }
        assertThat(HintBook.of(kata, 1).get(0).text()).doesNotContain("<details>", "Hint 2").isNotBlank();
    }

    @Test
    void hintRevealsOneMoreLevelOfTheFirstUnfinishedStageEachTimeAndRemembersIt() {
        CliResult first = cli(args(repo, work, "hint", "1"));
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("Stage 2 — Adding (01-alpha): hint 1 of 3", "Hint 1 — nudge  (new)",
                "What does + do?", "Another hint: ./grade hint 01").doesNotContain("Loop over");

        // --stage skips grading; what is revealed is remembered per stage either way.
        CliResult second = cli(args(repo, work, "hint", "alpha", "--stage", "2"));
        assertThat(second.out()).contains("hint 2 of 3", "What does + do?", "Hint 2 — concept  (new)", "Loop over all")
                .doesNotContain("Sum with");

        cli(args(repo, work, "hint", "1", "--stage", "2"));
        CliResult beyond = cli(args(repo, work, "hint", "1", "--stage", "2"));
        assertThat(beyond.out()).contains("hint 3 of 3", "Sum with a stream", "That was the last hint")
                .doesNotContain("(new)");
        assertThat(work.resolve("state.properties")).content().contains("hints.01-alpha.stage-2=3");
    }

    @Test
    void hintForAStageWithoutHintsSaysSo() {
        assertThat(cli(args(repo, work, "hint", "1", "--stage", "3")).out())
                .contains("The README of 01-alpha has no hints for Stage 3 — Greeting.");
    }

    @Test
    void nextShowsTheFirstUnfinishedStageItsReadmeSectionAndTheHintCommand() {
        CliResult next = cli(args(repo, work, "next"));
        assertThat(next.exitCode()).isZero();
        assertThat(next.out()).startsWith("Next: 01 Alpha — a fixture kata")
                .contains("Next up: Stage 2 — Adding", "adds any count of numbers", "Help: katas/01-alpha/README.md:14",
                        "Stuck? ./grade hint 01   (0 of 3 hints revealed)", "./grade watch 01");
    }

    @Test
    void gradingShowsTheStagesCompletedSinceTheLastRun() throws Exception {
        CliResult first = cli(args(repo, work, "1"));
        assertThat(first.out()).doesNotContain("New since last time");

        Path alpha = repo.resolve("katas/01-alpha/src/main/java/fixture/alpha/Alpha.java");
        Files.writeString(alpha, Files.readString(alpha, StandardCharsets.UTF_8).replace(
                "return numbers.length == 0 ? 0 : numbers[0];", "return java.util.Arrays.stream(numbers).sum();"),
                StandardCharsets.UTF_8);
        CliResult second = cli(args(repo, work, "1"));
        assertThat(second.out()).endsWith("New since last time:\n  01 Stage 2 — Adding\n");

        assertThat(cli(args(repo, work, "1")).out()).as("old news is not new").doesNotContain("New since last time");
    }
}
