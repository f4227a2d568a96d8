package dev.backendkatas.grader;

import dev.backendkatas.grader.Fixtures.CliResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.backendkatas.grader.Fixtures.args;
import static dev.backendkatas.grader.Fixtures.cli;
import static org.assertj.core.api.Assertions.assertThat;

/** Honest scores: a kata whose graded test files differ from the manifest is shown as such and not counted. */
class ManifestTest {

    private static final String ALPHA_MAIN = "katas/01-alpha/src/main/java/fixture/alpha/Alpha.java";

    private static final String ALPHA_TEST = "katas/01-alpha/src/test/java/fixture/alpha/AlphaTest.java";

    @TempDir
    Path dir;
    Path repo;
    Path work;
    Path manifest;

    @BeforeEach
    void writeTheManifestOfThePristineFixture() {
        repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        work = dir.resolve("work");
        manifest = dir.resolve("pristine-tests.sha256");
        CliResult written = cli(args(repo, work, "--manifest", manifest.toString(), "manifest", "--write"));
        assertThat(written.exitCode()).as(written.err()).isZero();
        // The fixture's code is its stub now; a learner who saved a change has started.
        appendTo(ALPHA_MAIN, "\n// started\n");
    }

    private void restoreTheStub() throws java.io.IOException {
        Path main = repo.resolve(ALPHA_MAIN);
        Files.writeString(main, Files.readString(main, StandardCharsets.UTF_8).replace("\n// started\n", ""),
                StandardCharsets.UTF_8);
    }

    private void appendTo(String file, String text) {
        try {
            Path path = repo.resolve(file);
            Files.writeString(path, Files.readString(path, StandardCharsets.UTF_8) + text, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CliResult run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--manifest";
        all[1] = manifest.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli(args(repo, work, all));
    }

    @Test
    void theManifestListsEveryTestFileWithItsSha256AndCheckPassesWhileNothingChanged() throws Exception {
        restoreTheStub();
        assertThat(Files.readString(manifest, StandardCharsets.UTF_8))
                .contains("  " + ALPHA_TEST + "\n", "  katas/01-alpha/src/test/resources/junit-platform.properties\n")
                .containsPattern("(?m)^[0-9a-f]{64}  katas/05-system-exit/src/test/java/fixture/quitter/QuitterTest.java$");
        CliResult check = run("manifest", "--check");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("manifest up to date");
    }

    @Test
    void checkFailsWithTheFilesThatChangedWhenTheManifestIsOutOfDate() throws Exception {
        disableAStage2Test();
        Files.delete(repo.resolve("katas/01-alpha/src/test/resources/junit-platform.properties"));
        CliResult check = run("manifest", "--check");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("changed since the manifest was written: " + ALPHA_TEST)
                .contains("in the manifest but gone: katas/01-alpha/src/test/resources/junit-platform.properties")
                .contains("manifest OUT OF DATE: run ./grade manifest --write");
    }

    @Test
    void aDisabledTestIsCaughtAndTheKataIsShownAsTestsModifiedAndNotCounted() throws Exception {
        disableAStage2Test();
        Files.writeString(repo.resolve("katas/01-alpha/src/test/java/fixture/alpha/Extra.java"), "package fixture.alpha;\n");

        CliResult text = run("1");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out())
                .contains("tests modified: this score is not counted")
                .contains("modified: " + ALPHA_TEST)
                .contains("added:    katas/01-alpha/src/test/java/fixture/alpha/Extra.java")
                .contains("Restore the graded tests: git checkout -- katas/01-alpha/src/test")
                .contains("Overall  ░░░░░░░░░░░░░░░░░░░░  0/0 stages    0 %   0/0 katas complete   (1 with modified tests not counted)");

        CliResult json = run("--json", "1");
        assertThat(json.out()).contains("\"passed\": 0,\n  \"total\": 0,", "\"katasNotCounted\": 1",
                "\"testFiles\": \"MODIFIED\"", "\"counted\": false", "\"modified: " + ALPHA_TEST + "\"");
    }

    @Test
    void aKataWhoseCodeIsThePristineStubIsNotStartedAndNothingIsBuiltOrRun() throws Exception {
        restoreTheStub();

        CliResult text = run("1");

        assertThat(text.out()).contains("0/3 stages    0 %", "not started: your code is the stub",
                "· Stage 1 — Counting", "· Stage 2 — Adding", "· Stage 3 — Greeting");
        assertThat(work.resolve("build/learner/01-alpha")).doesNotExist();
        assertThat(run("--json", "1").out()).contains("\"outcome\": \"NOT_STARTED\"", "\"stageCount\": 3");
    }

    @Test
    void aDeletedTestFileIsCaughtToo() throws Exception {
        Files.delete(repo.resolve(ALPHA_TEST));
        assertThat(run("1").out()).contains("tests modified", "deleted:  " + ALPHA_TEST);
    }

    @Test
    void pristineTestsAreCountedAndNeitherWindowsLineEndingsNorEditorFilesAreAChange() throws Exception {
        Path test = repo.resolve(ALPHA_TEST);
        Files.writeString(test, Files.readString(test, StandardCharsets.UTF_8).replace("\n", "\r\n"), StandardCharsets.UTF_8);
        // What a file browser or an editor leaves behind is not a test.
        Files.writeString(repo.resolve("katas/01-alpha/src/test/java/fixture/alpha/.DS_Store"), "finder");
        Files.writeString(repo.resolve("katas/01-alpha/src/test/java/fixture/alpha/AlphaTest.java~"), "backup");
        CliResult json = run("--json", "1");
        assertThat(json.out()).contains("\"testFiles\": \"INTACT\"", "\"counted\": true", "\"passed\": 5");
        assertThat(run("1").out()).doesNotContain("tests modified");
    }

    private void disableAStage2Test() throws Exception {
        Path test = repo.resolve(ALPHA_TEST);
        String source = Files.readString(test, StandardCharsets.UTF_8);
        Files.writeString(test, source.replace("        @DisplayName(\"adds any count of numbers\")",
                "        @DisplayName(\"adds any count of numbers\")\n        @org.junit.jupiter.api.Disabled"),
                StandardCharsets.UTF_8);
    }
}
