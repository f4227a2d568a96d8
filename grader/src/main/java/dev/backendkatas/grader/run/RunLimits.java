package dev.backendkatas.grader.run;

import java.time.Duration;

/**
 * Bounds of one kata's test run.
 *
 * @param testTimeout default timeout of every test and lifecycle method (JUnit's
 *                    {@code junit.jupiter.execution.timeout.default})
 * @param kataTimeout bound of the whole test JVM, from start to exit; on expiry its process tree is killed
 * @param maxHeap     {@code -Xmx} of the test JVM, e.g. {@code 512m}
 */
public record RunLimits(Duration testTimeout, Duration kataTimeout, String maxHeap) {

    public static final RunLimits DEFAULT = new RunLimits(Duration.ofSeconds(10), Duration.ofSeconds(120), "512m");

    public RunLimits {
        if (testTimeout.isNegative() || testTimeout.isZero() || kataTimeout.isNegative() || kataTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (!maxHeap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("heap size must look like 512m, not " + maxHeap);
        }
    }
}
