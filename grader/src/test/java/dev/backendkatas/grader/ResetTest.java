package dev.backendkatas.grader;

import dev.backendkatas.grader.Fixtures.CliResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.backendkatas.grader.Fixtures.args;
import static dev.backendkatas.grader.Fixtures.cli;
import static org.assertj.core.api.Assertions.assertThat;

/** Reset restores the stub from the last commit and keeps the learner's code in a listed backup. */
class ResetTest {

    private static final String ALPHA = "katas/01-alpha/src/main/java/fixture/alpha/Alpha.java";

    @TempDir
    Path dir;

    @Test
    void resetMovesTheLearnersCodeToABackupAndRestoresTheCommittedStub() throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        Path work = dir.resolve("work");
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "pristine");
        String stub = Files.readString(repo.resolve(ALPHA), StandardCharsets.UTF_8);
        Files.writeString(repo.resolve(ALPHA), "// my work\n", StandardCharsets.UTF_8);
        Files.writeString(repo.resolve("katas/01-alpha/src/main/java/fixture/alpha/Helper.java"), "// mine too\n");

        CliResult reset = cli(args(repo, work, "reset", "1"));

        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("01-alpha: stub restored (1 files); your code is in " + work.resolve("backups"));
        assertThat(repo.resolve(ALPHA)).content(StandardCharsets.UTF_8).isEqualTo(stub);
        assertThat(repo.resolve("katas/01-alpha/src/main/java/fixture/alpha/Helper.java")).doesNotExist();
        Path stamp;
        try (var stamps = Files.list(work.resolve("backups"))) {
            stamp = stamps.findFirst().orElseThrow();
        }
        Path backup = stamp.resolve("01-alpha/src/main/java/fixture/alpha");
        assertThat(backup.resolve("Alpha.java")).content(StandardCharsets.UTF_8).isEqualTo("// my work\n");
        assertThat(backup.resolve("Helper.java")).exists();
        assertThat(git(repo, "status", "--porcelain")).as("the stub is exactly the committed one").isEmpty();

        CliResult backups = cli(args(repo, work, "backups"));
        assertThat(backups.out()).contains(stamp.getFileName() + "  01-alpha  2 file(s)  "
                + stamp.resolve("01-alpha/src/main/java"));

        CliResult restore = cli(args(repo, work, "restore", "1"));
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("01-alpha: your code of " + stamp.getFileName() + " is back (2 files)");
        assertThat(repo.resolve(ALPHA)).content(StandardCharsets.UTF_8).isEqualTo("// my work\n");
        assertThat(repo.resolve("katas/01-alpha/src/main/java/fixture/alpha/Helper.java")).exists();
        // The stub it replaced was put aside too: a restore loses nothing either.
        try (var stamps = Files.list(work.resolve("backups"))) {
            assertThat(stamps.count()).isEqualTo(2);
        }
        assertThat(cli(args(repo, work, "restore", "1", "--from", "1999-01-01T00-00-00")).exitCode()).isEqualTo(2);
    }

    @Test
    void withoutGitNothingIsMovedAndResetSaysWhy() throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        Files.writeString(repo.resolve(ALPHA), "// my work\n", StandardCharsets.UTF_8);

        CliResult reset = cli(args(repo, dir.resolve("work"), "reset", "--all"));

        assertThat(reset.exitCode()).isEqualTo(2);
        assertThat(reset.err()).contains("cannot reset without git, so nothing was changed");
        assertThat(repo.resolve(ALPHA)).content(StandardCharsets.UTF_8).isEqualTo("// my work\n");
        assertThat(cli(args(repo, dir.resolve("work"), "backups")).out()).startsWith("No backups yet");
    }

    private static String git(Path repo, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as(out).isZero();
        return out;
    }
}
