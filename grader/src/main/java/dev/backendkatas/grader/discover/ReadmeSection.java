package dev.backendkatas.grader.discover;

/**
 * A {@code ## Stage N — Title} heading of a kata README.
 *
 * @param stageNumber the N of the heading
 * @param heading     the heading text without the leading {@code ## }
 * @param line        1-based line number, so the report can print {@code README.md:88}
 */
public record ReadmeSection(int stageNumber, String heading, int line) {
}
