package dev.backendkatas.grader;

import dev.backendkatas.grader.Fixtures.CliResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.backendkatas.grader.Fixtures.args;
import static dev.backendkatas.grader.Fixtures.cli;
import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a learner and CI use it, on the fixture repository; kata 01-alpha is 5/7 done. */
class CommandLineTest {

    @TempDir
    static Path dir;
    static Path repo;
    static Path work;

    @BeforeAll
    static void copyFixture() {
        repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        work = dir.resolve("work");
    }

    @Test
    void anAmbiguousKataIsAGraderErrorWithExitCode2() {
        CliResult result = cli(args(repo, work, "s"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'s' is ambiguous");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnknownKataOrOptionIsAGraderErrorWithExitCode2() {
        assertThat(cli(args(repo, work, "zeta")).exitCode()).isEqualTo(2);
        assertThat(cli(args(repo, work, "--no-such-option")).exitCode()).isEqualTo(2);
        assertThat(cli(args(repo, work, "--test-timeout", "soon")).exitCode()).isEqualTo(2);
    }

    @Test
    void aHintForAStageTheKataDoesNotHaveIsAGraderErrorThatNamesTheStages() {
        CliResult result = cli(args(repo, work, "hint", "1", "--stage", "9"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("01-alpha has no stage 9 (its README has stages 1, 2, 3)");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        CliResult result = cli("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Exit codes:", "--require-all", "compare", "selfcheck");
    }

    @Test
    void gradesOneKataByPrefixAsJsonWithExitCode0() {
        CliResult result = cli(args(repo, work, "--json", "al"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("{").contains("\"id\": \"01-alpha\"", "\"passed\": 5", "\"total\": 7")
                .doesNotContain("02-syntax-error");
    }

    @Test
    void requireAllExits1UntilEveryGradedKataIsComplete() {
        CliResult result = cli(args(repo, work, "--require-all", "1"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("Next up: Stage 2 — Adding");
    }

    @Test
    void compareRefusesToSpoilAnIncompleteKata() {
        CliResult result = cli(args(repo, work, "compare", "1"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("01-alpha is not complete yet (5/7 tests pass)", "spoiler", "--force")
                .doesNotContain("+++", "Hello, ");
    }

    @Test
    void compareWithForceShowsAUnifiedDiffAgainstTheReference() {
        CliResult result = cli(args(repo, work, "compare", "alpha", "--force"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("--- katas/01-alpha/src/main/java/fixture/alpha/Alpha.java (yours)")
                .contains("+++ solutions/01-alpha/src/main/java/fixture/alpha/Alpha.java (reference)")
                .contains("-        throw new UnsupportedOperationException(")
                .contains("+        return \"Hello, \" + name + \"!\";");
    }

    @Test
    void selfcheckFailsWhenAGradedTestPassesOnTheStub() {
        CliResult result = cli(args(repo, work, "selfcheck", "1"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out())
                .contains("01-alpha: does not fail on the stub (SUCCESSFUL): Alpha › Stage 1 — Counting › one is 1")
                .contains("selfcheck FAILED")
                // The reference passes everything, so nothing is reported against it.
                .doesNotContain("does not pass on the reference");
    }

    @Test
    void neverWritesIntoTheKataOrSolutionFolders() throws Exception {
        cli(args(repo, work, "1"));
        try (var files = Files.walk(repo)) {
            assertThat(files.filter(p -> p.toString().endsWith(".class"))).isEmpty();
        }
        assertThat(work.resolve("build/learner/01-alpha/target/test-classes/fixture/alpha/AlphaTest.class")).exists();
    }
}
