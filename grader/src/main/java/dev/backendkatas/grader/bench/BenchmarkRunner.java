package dev.backendkatas.grader.bench;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/** Runs one {@link BenchRun} and returns its scores; {@link JmhProcess} is the real one, tests pass a stub. */
public interface BenchmarkRunner {

    /**
     * @param progress gets a short line as each case starts (e.g. {@code smallGet, impl=netty})
     * @throws dev.backendkatas.grader.GraderException the benchmark could not run or gave no result (says why)
     */
    List<BenchScore> run(BenchRun run, Consumer<String> progress) throws IOException, InterruptedException;
}
