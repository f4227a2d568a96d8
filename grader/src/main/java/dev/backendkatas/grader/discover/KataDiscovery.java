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
 * Finds the katas of a repository. The folder names are the one source of truth for the learning order
 * ({@code katas/NN-name}); titles and stage headings come from each kata's README.
 */
public final class KataDiscovery {

    private static final Pattern KATA_DIR = Pattern.compile("(\\d+)-([A-Za-z0-9][A-Za-z0-9-]*)");
    /** {@code ## Stage 2 — Header fields}; an en dash, hyphen or colon is tolerated for the em dash. */
    static final Pattern STAGE_HEADING = Pattern.compile("^##\\s+(Stage\\s+(\\d+)\\s*[—–:-]\\s*.*?)\\s*#*\\s*$");
    private static final Pattern TITLE_HEADING = Pattern.compile("^#\\s+(.+?)\\s*#*\\s*$");

    private KataDiscovery() {
    }

    /** Every kata of {@code repo}, in learning order. */
    public static List<Kata> discover(Path repo) {
        Path katas = repo.resolve("katas");
        if (!Files.isDirectory(katas)) {
            throw new GraderException("no katas/ folder in " + repo + " (use --repo to point at the Backend Katas checkout)");
        }
        List<Kata> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(katas)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                Matcher m = KATA_DIR.matcher(dir.getFileName().toString());
                if (Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("pom.xml")) && m.matches()) {
                    found.add(load(dir, Integer.parseInt(m.group(1)), m.group(2)));
                }
            }
        } catch (IOException e) {
            throw new GraderException("cannot list " + katas + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparingInt(Kata::number).thenComparing(Kata::id));
        return List.copyOf(found);
    }

    private static Kata load(Path dir, int number, String name) {
        Path readme = dir.resolve("README.md");
        String title = name.replace('-', ' ');
        List<ReadmeSection> sections = new ArrayList<>();
        if (Files.isRegularFile(readme)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new GraderException("cannot read " + readme + ": " + e.getMessage(), e);
            }
            boolean titleSeen = false;
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                // A "# comment" inside a fenced shell example is not a heading.
                if (line.trim().startsWith("```") || line.trim().startsWith("~~~")) {
                    inFence = !inFence;
                    continue;
                }
                if (inFence) {
                    continue;
                }
                Matcher t = TITLE_HEADING.matcher(line);
                if (!titleSeen && t.matches()) {
                    title = t.group(1);
                    titleSeen = true;
                }
                Matcher s = STAGE_HEADING.matcher(line);
                if (s.matches()) {
                    sections.add(new ReadmeSection(Integer.parseInt(s.group(2)), s.group(1), i + 1));
                }
            }
        }
        return new Kata(dir.getFileName().toString(), number, name, dir, title, readme, sections);
    }
}
