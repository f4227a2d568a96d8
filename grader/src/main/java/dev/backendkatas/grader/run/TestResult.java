package dev.backendkatas.grader.run;

import java.util.List;

/**
 * One graded test.
 *
 * @param uniqueId    the JUnit Platform unique id
 * @param displayPath display names from the test class down to the test, e.g.
 *                    {@code [RequestParsingTest, Stage 1 — The request line, parses a GET]}
 * @param status      how it ended
 * @param message     the failure message (empty when it passed)
 */
public record TestResult(String uniqueId, List<String> displayPath, TestStatus status, String message) {

    public TestResult {
        displayPath = List.copyOf(displayPath);
        message = message == null ? "" : message;
    }

    public String displayName() {
        return displayPath.isEmpty() ? uniqueId : displayPath.get(displayPath.size() - 1);
    }

    public boolean passed() {
        return status == TestStatus.SUCCESSFUL;
    }
}
