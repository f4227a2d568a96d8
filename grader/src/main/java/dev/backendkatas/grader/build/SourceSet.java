package dev.backendkatas.grader.build;

import dev.backendkatas.grader.GraderException;
import dev.backendkatas.grader.discover.Kata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files one build of a kata compiles. The graded tests are always the kata's own; the main code is the learner's
 * stub folder or, for the reference, that folder overlaid with the solution's files (a solution holds only the files
 * it rewrites; the rest is given scaffolding that lives once, in the stub).
 */
public record SourceSet(List<SourceFile> mainJava, List<SourceFile> mainResources,
                        List<SourceFile> testJava, List<SourceFile> testResources) {

    public static SourceSet of(Kata kata, Implementation implementation) {
        Map<String, SourceFile> mainJava = collect(kata.dir().resolve("src/main/java"), ".java");
        Map<String, SourceFile> mainResources = collect(kata.dir().resolve("src/main/resources"), "");
        if (implementation == Implementation.REFERENCE) {
            Path solution = kata.solutionDir();
            if (!Files.isDirectory(solution.resolve("src/main/java"))) {
                throw new GraderException("kata " + kata.id() + " has no reference: " + solution.resolve("src/main/java")
                        + " is missing");
            }
            // Same relative path: the solution's file wins.
            mainJava.putAll(collect(solution.resolve("src/main/java"), ".java"));
            mainResources.putAll(collect(solution.resolve("src/main/resources"), ""));
        }
        return new SourceSet(
                List.copyOf(mainJava.values()), List.copyOf(mainResources.values()),
                List.copyOf(collect(kata.dir().resolve("src/test/java"), ".java").values()),
                List.copyOf(collect(kata.dir().resolve("src/test/resources"), "").values()));
    }

    /** This set with some main Java files replaced, keyed by their path below {@code src/main/java}. */
    public SourceSet withMainJava(Map<String, Path> replacements) {
        Map<String, SourceFile> main = new TreeMap<>();
        mainJava.forEach(f -> main.put(f.relativePath(), f));
        replacements.forEach((relative, file) -> main.put(relative, new SourceFile(relative, file)));
        return new SourceSet(List.copyOf(main.values()), mainResources, testJava, testResources);
    }

    /** Files below {@code root} ending with {@code suffix}, sorted by relative path so builds are reproducible. */
    private static Map<String, SourceFile> collect(Path root, String suffix) {
        Map<String, SourceFile> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = new ArrayList<>();
            walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).forEach(paths::add);
            for (Path p : paths) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                files.put(relative, new SourceFile(relative, p));
            }
        } catch (IOException e) {
            throw new GraderException("cannot read " + root + ": " + e.getMessage(), e);
        }
        return files;
    }
}
