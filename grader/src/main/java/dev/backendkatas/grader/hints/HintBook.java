package dev.backendkatas.grader.hints;

import dev.backendkatas.grader.GraderException;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.ReadmeSection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hints of a stage, read from where they are written once: the {@code <details><summary>Hint N — level</summary>}
 * blocks below the stage's {@code ## Stage N — Title} heading in the kata README. The blocks nest (hint 2 opens inside
 * hint 1), so a hint's text runs from its summary to the next {@code <details>} or {@code </details>}.
 */
public final class HintBook {

    /** One hint: its level (1 = nudge), its summary ({@code Hint 2 — concept}) and its Markdown text. */
    public record Hint(int level, String title, String text) {
    }

    private static final Pattern SUMMARY = Pattern.compile("<details>\\s*<summary>(.*?)</summary>", Pattern.DOTALL);
    private static final Pattern BLOCK_EDGE = Pattern.compile("<details>|</details>");

    private HintBook() {
    }

    /** The hints of stage {@code stageNumber}, in order; empty when the README has no such stage or no hints. */
    public static List<Hint> of(Kata kata, int stageNumber) {
        Optional<ReadmeSection> section = kata.section(stageNumber);
        if (section.isEmpty()) {
            return List.of();
        }
        String text = sectionText(kata, section.get());
        List<Hint> hints = new ArrayList<>();
        Matcher summary = SUMMARY.matcher(text);
        while (summary.find()) {
            Matcher edge = BLOCK_EDGE.matcher(text);
            int end = edge.find(summary.end()) ? edge.start() : text.length();
            hints.add(new Hint(hints.size() + 1, summary.group(1).strip(), text.substring(summary.end(), end).strip()));
        }
        return hints;
    }

    /** The README lines below the heading, up to the next {@code ## } heading outside a code fence. */
    private static String sectionText(Kata kata, ReadmeSection section) {
        List<String> lines;
        try {
            lines = Files.readAllLines(kata.readme(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GraderException("cannot read " + kata.readme() + ": " + e.getMessage(), e);
        }
        StringBuilder text = new StringBuilder();
        boolean inFence = false;
        for (int i = section.line(); i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.trim().startsWith("```") || line.trim().startsWith("~~~")) {
                inFence = !inFence;
            }
            if (!inFence && line.startsWith("## ")) {
                break;
            }
            text.append(line).append('\n');
        }
        return text.toString();
    }
}
