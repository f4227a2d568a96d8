package dev.backendkatas.grader.bench;

import java.util.Objects;

/**
 * One JMH result: a case (a {@code @Benchmark} method) run on one implementation.
 *
 * @param benchmark the case, the method's simple name (e.g. {@code smallGet})
 * @param impl      the benchmark's {@code impl} parameter: {@code kata} or a production peer's name
 * @param score     the primary score (higher is better in throughput mode)
 * @param error     the half-width of JMH's 99.9 % confidence interval, or NaN when JMH could not compute one
 * @param unit      JMH's unit, e.g. {@code ops/s}
 */
public record BenchScore(String benchmark, String impl, double score, double error, String unit) {

    public BenchScore {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(impl, "impl");
        Objects.requireNonNull(unit, "unit");
    }
}
