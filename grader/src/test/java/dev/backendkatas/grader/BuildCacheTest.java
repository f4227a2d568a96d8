package dev.backendkatas.grader;

import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.run.RunLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

/** A kata is compiled again exactly when one of its sources changed. */
class BuildCacheTest {

    @Test
    void recompilesAfterAnEditAndReusesAnUnchangedBuild(@TempDir Path dir) throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        Kata alpha = KataDiscovery.discover(repo).get(0);
        Grader grader = new Grader(repo, dir.resolve("work"), RunLimits.DEFAULT);
        assertThat(grader.grade(alpha, Implementation.LEARNER).passed()).isEqualTo(5);

        Path source = alpha.dir().resolve("src/main/java/fixture/alpha/Alpha.java");
        Files.writeString(source, Files.readString(source, StandardCharsets.UTF_8).replace(
                "return numbers.length == 0 ? 0 : numbers[0];",
                "return java.util.Arrays.stream(numbers).sum();"), StandardCharsets.UTF_8);
        assertThat(grader.grade(alpha, Implementation.LEARNER).passed()).as("the edit is graded").isEqualTo(6);

        Path classFile = dir.resolve("work/build/learner/01-alpha/target/classes/fixture/alpha/Alpha.class");
        FileTime compiledAt = Files.getLastModifiedTime(classFile);
        assertThat(grader.grade(alpha, Implementation.LEARNER).passed()).isEqualTo(6);
        assertThat(Files.getLastModifiedTime(classFile)).as("not compiled again").isEqualTo(compiledAt);
    }
}
