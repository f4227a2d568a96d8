package dev.backendkatas.grader.build;

import java.nio.file.Path;

/**
 * A source or resource file and where it goes.
 *
 * @param relativePath path below its source root, with {@code /} separators (also the output path of a resource)
 * @param file         the file on disk
 */
public record SourceFile(String relativePath, Path file) {
}
