package dev.backendkatas.grader.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One JMH invocation of {@code ./grade bench}: a kata's benchmark class, on one classpath, for some values of its
 * {@code impl} parameter. Both invocations of a bench (your code, then the reference) use the same {@link #mode}.
 *
 * @param label          whose code is on the classpath, for progress lines ({@code your code}, {@code reference})
 * @param classpath      the benchmarks' classes and libraries, with one implementation of the kata
 * @param benchmarkClass the fully qualified benchmark class
 * @param impls          the values of its {@code impl} parameter to run; empty: all it declares
 * @param mode           how long to measure
 * @param resultFile     where JMH writes its CSV result
 */
public record BenchRun(String label, List<Path> classpath, String benchmarkClass, List<String> impls, BenchMode mode,
                       Path resultFile) {

    public BenchRun {
        Objects.requireNonNull(label, "label");
        classpath = List.copyOf(classpath);
        Objects.requireNonNull(benchmarkClass, "benchmarkClass");
        impls = List.copyOf(impls);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(resultFile, "resultFile");
    }
}
