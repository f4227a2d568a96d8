package dev.backendkatas.grader.run;

import dev.backendkatas.grader.discover.Kata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last result of a kata, kept next to its run with the fingerprint of everything it was built from, so that a kata
 * whose sources and tests did not change since is reported again without compiling or running anything. Lines are
 * {@link EventCodec} lines: a header {@code result-v1 <fingerprint> <outcome> <message>}, then one
 * {@code test <uid> <status> <message> <display path...>} per test. A file that cannot be read is no result.
 */
public final class ResultStore {

    private static final String FILE = "last-result.txt";
    private static final String HEADER = "result-v1";
    private static final String TEST = "test";

    private ResultStore() {
    }

    /** The stored result of {@code runDir}, if it was graded from exactly {@code fingerprint}. */
    public static Optional<KataResult> load(Kata kata, Path runDir, String fingerprint) {
        Path file = runDir.resolve(FILE);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            List<String> header = EventCodec.decode(lines.get(0));
            if (header.size() != 4 || !header.get(0).equals(HEADER) || !header.get(1).equals(fingerprint)) {
                return Optional.empty();
            }
            List<TestResult> tests = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                List<String> f = EventCodec.decode(line);
                if (f.size() < 4 || !f.get(0).equals(TEST)) {
                    return Optional.empty();
                }
                tests.add(new TestResult(f.get(1), f.subList(4, f.size()), TestStatus.valueOf(f.get(2)), f.get(3)));
            }
            return Optional.of(new KataResult(kata, Outcome.valueOf(header.get(2)), header.get(3), tests));
        } catch (IOException | IllegalArgumentException e) {
            // A damaged or older file: grade again.
            return Optional.empty();
        }
    }

    /** Keeps {@code result} as the last result of {@code runDir}; written aside and moved, so a reader never sees half. */
    public static void save(Path runDir, String fingerprint, KataResult result) {
        StringBuilder text = new StringBuilder();
        text.append(EventCodec.encode(List.of(HEADER, fingerprint, result.outcome().name(), result.message()))).append('\n');
        for (TestResult test : result.tests()) {
            List<String> fields = new ArrayList<>(List.of(TEST, test.uniqueId(), test.status().name(), test.message()));
            fields.addAll(test.displayPath());
            text.append(EventCodec.encode(fields)).append('\n');
        }
        try {
            Files.createDirectories(runDir);
            Path partial = runDir.resolve(FILE + ".partial");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Only a cache: the next run grades again.
        }
    }

    /** Forgets the stored result, so the next grading runs the tests. */
    public static void forget(Path runDir) {
        try {
            Files.deleteIfExists(runDir.resolve(FILE));
        } catch (IOException e) {
            // Nothing stored, or nothing we can do: the fingerprint still guards against a stale result.
        }
    }
}
