package dev.backendkatas.grader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The Windows launcher rebuilds the grader only when something it is built from changed. */
class StaleCheckTest {

    @Test
    void theJarIsStaleWhenMissingOrOlderThanASourceAndFreshOtherwise(@TempDir Path repo) throws Exception {
        Path source = repo.resolve("grader/src/main/java/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Main {}");
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        setTime(source, 1_000);
        setTime(repo.resolve("pom.xml"), 1_000);
        assertThat(StaleCheck.stale(repo)).as("no jar yet").isTrue();

        Path jar = repo.resolve("grader/target/grader.jar");
        Files.createDirectories(repo.resolve("grader/target/lib"));
        Files.writeString(jar, "jar");
        setTime(jar, 2_000);
        assertThat(StaleCheck.stale(repo)).as("built after its sources").isFalse();

        setTime(source, 3_000);
        assertThat(StaleCheck.stale(repo)).as("a source saved after the build").isTrue();
    }

    private static void setTime(Path file, long epochSecond) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(epochSecond)));
    }
}
