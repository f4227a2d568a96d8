package dev.backendkatas.grader.discover;

import dev.backendkatas.grader.GraderException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A kata's stages as its graded test sources declare them, read without compiling or running anything: every test
 * class (a top-level {@code StageNTitleTest}, or a {@code @Nested} class) whose {@code @DisplayName} is
 * {@code "Stage N — Title"}. So a kata that was not started, or does not compile, still shows its stages.
 */
public final class StagePlan {

    /** One stage: its number, its display name ({@code Stage 2 — Header fields}) and the file that holds its tests. */
    public record Stage(int number, String name, Path file) {
    }

    /** {@code @DisplayName("Stage N — Title")}, then other annotations, then the class it names. */
    private static final Pattern STAGE_CLASS = Pattern.compile(
            "@DisplayName\\(\"(Stage\\s+(\\d+)\\s*[—–:-][^\"]*)\"\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
                    + "(?:(?:public|protected|private|static|final|abstract)\\s+)*class\\s+\\w+");

    private StagePlan() {
    }

    /** The stages of {@code kata}, by number; empty when its tests declare none. */
    public static List<Stage> of(Kata kata) {
        Path tests = kata.dir().resolve("src/test/java");
        List<Stage> stages = new ArrayList<>();
        if (!Files.isDirectory(tests)) {
            return stages;
        }
        try (Stream<Path> walk = Files.walk(tests)) {
            for (Path file : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".java")).sorted()::iterator) {
                Matcher m = STAGE_CLASS.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    stages.add(new Stage(Integer.parseInt(m.group(2)), m.group(1), file));
                }
            }
        } catch (IOException e) {
            throw new GraderException("cannot read the tests of " + kata.id() + ": " + e.getMessage(), e);
        }
        stages.sort(Comparator.comparingInt(Stage::number));
        return stages;
    }
}
