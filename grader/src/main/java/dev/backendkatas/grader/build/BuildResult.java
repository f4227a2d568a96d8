package dev.backendkatas.grader.build;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The output of one kata build.
 *
 * @param classes     compiled main code and its resources
 * @param testClasses compiled graded tests and their resources, in {@code target/test-classes}: ArchUnit's
 *                    {@code DO_NOT_INCLUDE_TESTS} recognises test code by that path
 * @param firstError  empty when everything compiled; else the first compiler error, {@code path:line: message}
 */
public record BuildResult(Path classes, Path testClasses, Optional<String> firstError) {

    public boolean compiled() {
        return firstError.isEmpty();
    }
}
