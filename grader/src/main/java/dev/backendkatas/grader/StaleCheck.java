package dev.backendkatas.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Windows launcher's question "must the grader be rebuilt?", answered in Java because cmd cannot compare file times:
 * exits 0 when {@code grader/target/grader.jar} is newer than every file it is built from, 1 when it must be rebuilt.
 * Uses only the JDK, so it runs from the jar alone. {@code grade} (bash) asks {@code find -newer} the same question.
 *
 * <p>Usage: {@code java -cp grader.jar dev.backendkatas.grader.StaleCheck <repo>}
 */
public final class StaleCheck {

    private StaleCheck() {
    }

    public static void main(String[] args) {
        System.exit(stale(Path.of(args[0])) ? 1 : 0);
    }

    /** True when the jar is missing, or any source of the grader, or a pom it is built with, is newer than it. */
    static boolean stale(Path repo) {
        Path jar = repo.resolve("grader/target/grader.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(repo.resolve("grader/target/lib"))) {
            return true;
        }
        try {
            FileTime built = Files.getLastModifiedTime(jar);
            for (Path input : List.of(repo.resolve("grader/src/main"), repo.resolve("grader/pom.xml"),
                    repo.resolve("pom.xml"), repo.resolve("toolset/pom.xml"))) {
                if (newerThan(input, built)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | UncheckedIOException e) {
            // Cannot tell: rebuilding is always safe.
            return true;
        }
    }

    private static boolean newerThan(Path input, FileTime built) throws IOException {
        if (!Files.exists(input)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(input)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> {
                try {
                    return Files.getLastModifiedTime(file).compareTo(built) > 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
