package dev.backendkatas.grader.mutants;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.PatchFailedException;
import dev.backendkatas.grader.GraderException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plausible wrong implementation of a kata: its reference with one shortcut a learner is likely to take, kept as
 * {@code solutions/<kata>/mutants/<name>.diff}. The file starts with {@code # } lines that name the shortcut and the
 * rule it breaks, then a unified diff of reference files; each file is found by the part of its path after
 * {@code src/main/java/}. The graded tests must kill every mutant: at least one of them fails on it.
 *
 * @param name        the file name without {@code .diff}
 * @param description the {@code # } lines, joined
 * @param patches     per file (its path below {@code src/main/java}), the diff lines of that file
 */
public record Mutant(String name, String description, Map<String, List<String>> patches) {

    private static final String SOURCE_ROOT = "src/main/java/";

    public static Mutant read(Path diffFile) {
        String fileName = diffFile.getFileName().toString();
        String name = fileName.endsWith(".diff") ? fileName.substring(0, fileName.length() - 5) : fileName;
        List<String> lines;
        try {
            lines = Files.readAllLines(diffFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GraderException("cannot read the mutant " + diffFile + ": " + e.getMessage(), e);
        }
        List<String> description = new ArrayList<>();
        Map<String, List<String>> patches = new LinkedHashMap<>();
        List<String> current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("--- ") && i + 1 < lines.size() && lines.get(i + 1).startsWith("+++ ")) {
                current = new ArrayList<>();
                patches.put(sourcePath(lines.get(i + 1).substring(4), diffFile), current);
            }
            if (current != null) {
                current.add(line);
            } else if (line.startsWith("# ")) {
                description.add(line.substring(2).strip());
            }
        }
        if (patches.isEmpty()) {
            throw new GraderException("the mutant " + diffFile + " holds no diff (--- and +++ lines)");
        }
        return new Mutant(name, String.join(" ", description), patches);
    }

    /** {@code b/solutions/x/src/main/java/a/B.java\t2026-…} → {@code a/B.java}. */
    private static String sourcePath(String header, Path diffFile) {
        String path = header.split("\t")[0].strip();
        int root = path.lastIndexOf(SOURCE_ROOT);
        if (root < 0) {
            throw new GraderException("the mutant " + diffFile + " changes " + path + ", which is not below " + SOURCE_ROOT);
        }
        return path.substring(root + SOURCE_ROOT.length());
    }

    /** The mutated text of {@code original} (a file of the reference, by its path below src/main/java). */
    public String apply(String relativePath, String original) {
        List<String> diff = patches.get(relativePath);
        try {
            List<String> patched = DiffUtils.patch(original.lines().toList(), UnifiedDiffUtils.parseUnifiedDiff(diff));
            return String.join("\n", patched) + "\n";
        } catch (PatchFailedException | RuntimeException e) {
            throw new GraderException("the mutant " + name + " no longer applies to " + relativePath
                    + " (was the reference changed? make the diff again): " + e.getMessage(), e);
        }
    }
}
