package dev.backendkatas.grader.report;

import dev.backendkatas.grader.discover.Kata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a graded test is written: {@code katas/01-x/src/test/java/…/Stage2HeaderFieldsTest.java:88}, the line of its
 * method, found from the JUnit unique id in the kata's test sources. Terminals and IDEs turn {@code path:line} into a
 * link, so the learner jumps from the report to the test instead of searching for it.
 */
final class TestLocation {

    private static final Pattern CLASS = Pattern.compile("\\[class:([^\\]]+)]");
    private static final Pattern METHOD = Pattern.compile("\\[(?:method|test-template|test-factory):([^(\\]]+)\\(");

    private TestLocation() {
    }

    /** {@code path:line} relative to {@code repo}, or the file alone when the method's line cannot be found. */
    static Optional<String> of(Path repo, Kata kata, String uniqueId) {
        Matcher c = CLASS.matcher(uniqueId);
        if (!c.find()) {
            return Optional.empty();
        }
        String topLevel = c.group(1).split("\\$")[0];
        Path file = kata.dir().resolve("src/test/java").resolve(topLevel.replace('.', '/') + ".java");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String where = (file.startsWith(repo) ? repo.relativize(file) : file).toString().replace('\\', '/');
        Matcher m = METHOD.matcher(uniqueId);
        if (!m.find()) {
            return Optional.of(where);
        }
        Pattern declaration = Pattern.compile("^\\s*(?:[\\w<>\\[\\],.?]+\\s+)+" + Pattern.quote(m.group(1)) + "\\s*\\(.*");
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (declaration.matcher(line).matches() && !line.contains("=") && !line.strip().startsWith("return")) {
                    return Optional.of(where + ":" + (i + 1));
                }
            }
        } catch (IOException e) {
            // The file alone still helps.
        }
        return Optional.of(where);
    }
}
