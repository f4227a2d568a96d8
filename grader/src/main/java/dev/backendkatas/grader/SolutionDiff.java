package dev.backendkatas.grader;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.backendkatas.grader.discover.Kata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./grade compare}: a unified diff of the learner's {@code src/main/java} against the reference, for the files
 * the solution rewrites, plus the files the learner added (the reference has none of them). Given scaffolding that
 * the solution does not touch is the same on both sides and is left out.
 */
public final class SolutionDiff {

    private static final int CONTEXT_LINES = 3;

    private final Path repo;

    public SolutionDiff(Path repo) {
        this.repo = repo;
    }

    public String render(Kata kata) {
        Path mine = kata.dir().resolve("src/main/java");
        Path reference = kata.solutionDir().resolve("src/main/java");
        if (!Files.isDirectory(reference)) {
            throw new GraderException("kata " + kata.id() + " has no reference yet: " + relative(reference) + " is missing");
        }
        Set<String> referenceFiles = javaFiles(reference);
        Set<String> paths = new TreeSet<>(referenceFiles);
        learnerAdded(kata, mine, referenceFiles).ifPresent(paths::addAll);

        StringBuilder out = new StringBuilder();
        int differing = 0;
        for (String path : paths) {
            Path left = mine.resolve(path);
            Path right = reference.resolve(path);
            List<String> leftLines = lines(left);
            List<String> rightLines = lines(right);
            Patch<String> patch = DiffUtils.diff(leftLines, rightLines);
            if (patch.getDeltas().isEmpty()) {
                continue;
            }
            differing++;
            String leftName = Files.exists(left) ? relative(left) + " (yours)" : "/dev/null";
            String rightName = Files.exists(right) ? relative(right) + " (reference)" : "/dev/null";
            UnifiedDiffUtils.generateUnifiedDiff(leftName, rightName, leftLines, patch, CONTEXT_LINES)
                    .forEach(line -> out.append(line).append('\n'));
            out.append('\n');
        }
        String header = "Your code vs the reference of " + kata.id() + ": " + differing + " of " + paths.size()
                + " file(s) differ\n\n";
        Path notes = kata.solutionDir().resolve("NOTES.md");
        String footer = Files.isRegularFile(notes) ? "The reference's design notes: " + relative(notes) + "\n" : "";
        return header + out + footer;
    }

    /**
     * Files in the learner's folder that neither the reference nor the repository's history has: what the learner
     * created. Git knows the given files; without git (a zip download) added files cannot be told from given ones.
     */
    private Optional<Set<String>> learnerAdded(Kata kata, Path mine, Set<String> referenceFiles) {
        Optional<Set<String>> tracked = trackedFiles(mine);
        if (tracked.isEmpty()) {
            return Optional.empty();
        }
        Set<String> added = new TreeSet<>(javaFiles(mine));
        added.removeAll(referenceFiles);
        added.removeAll(tracked.get());
        return Optional.of(added);
    }

    private Optional<Set<String>> trackedFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", ".")
                    .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            git.getOutputStream().close();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                return Optional.empty();
            }
            // Run inside the folder, git prints paths relative to it.
            return Optional.of(Stream.of(output.split("\0")).filter(p -> !p.isEmpty()).collect(Collectors.toSet()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Set<String> javaFiles(Path root) {
        Set<String> files = new TreeSet<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".java"))
                    .forEach(p -> files.add(root.relativize(p).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new GraderException("cannot read " + root + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GraderException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private String relative(Path path) {
        Path p = path.startsWith(repo) ? repo.relativize(path) : path;
        return p.toString().replace('\\', '/');
    }
}
