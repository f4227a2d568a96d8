package dev.backendkatas.grader.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a kata's benchmark twice with the same JMH options: {@code impl=kata} on your code, then every implementation
 * (the kata's and the production peers') on the reference. Two JMH runs, because your classes and the reference's
 * have the same names and cannot share a classpath; JMH forks a fresh JVM for every case anyway.
 */
public final class KataBench {

    private final BenchmarkRunner runner;

    public KataBench(BenchmarkRunner runner) {
        this.runner = runner;
    }

    /**
     * @param benchmarkClasses the benchmarks module's classes and libraries, without any implementation of the kata
     * @param yourClasses      your compiled code of the kata
     * @param referenceClasses the reference's compiled code
     * @param workDir          where JMH's result files go
     * @param progress         gets a line as each case starts
     */
    public BenchTable compare(String kata, String benchmarkClass, List<Path> benchmarkClasses, Path yourClasses,
                              Path referenceClasses, BenchMode mode, Path workDir, Consumer<String> progress)
            throws IOException, InterruptedException {
        List<BenchScore> yours = runner.run(new BenchRun("your code", with(benchmarkClasses, yourClasses),
                benchmarkClass, List.of(BenchTable.KATA), mode, workDir.resolve("yours.csv")),
                line -> progress.accept("your code: " + line));
        List<BenchScore> reference = runner.run(new BenchRun("the reference", with(benchmarkClasses,
                referenceClasses), benchmarkClass, List.of(), mode, workDir.resolve("reference.csv")),
                line -> progress.accept("reference and peers: " + line));
        return BenchTable.of(kata, benchmarkClass, mode, yours, reference);
    }

    /** The benchmark classes first (they hold JMH's generated code and benchmark list), then the implementation. */
    private static List<Path> with(List<Path> benchmarkClasses, Path implementation) {
        List<Path> classpath = new ArrayList<>(benchmarkClasses.subList(0, Math.min(1, benchmarkClasses.size())));
        classpath.add(implementation);
        classpath.addAll(benchmarkClasses.subList(Math.min(1, benchmarkClasses.size()), benchmarkClasses.size()));
        return classpath;
    }
}
