package dev.backendkatas.grader.bench;

import dev.backendkatas.grader.GraderException;
import dev.backendkatas.grader.build.GraderClasspath;
import dev.backendkatas.grader.run.KataRunner;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs JMH in a JVM of its own ({@code java -cp <run's classpath> org.openjdk.jmh.Main}). JMH forks a fresh JVM per
 * case from that classpath, so the implementation on it is the one measured.
 */
public final class JmhProcess implements BenchmarkRunner {

    /** How much of JMH's output a failure shows. */
    private static final int TAIL_LINES = 30;

    @Override
    public List<BenchScore> run(BenchRun run, Consumer<String> progress) throws IOException, InterruptedException {
        Files.createDirectories(run.resultFile().toAbsolutePath().getParent());
        Files.deleteIfExists(run.resultFile());
        List<String> command = new ArrayList<>(List.of(KataRunner.javaExecutable().toString(),
                "-Duser.language=en", "-Duser.country=US",
                "-cp", GraderClasspath.join(run.classpath()),
                "org.openjdk.jmh.Main",
                "^" + Pattern.quote(run.benchmarkClass()) + "\\.",
                // Fail on error: a case that throws (a wrong result, a hang cut short) must not leave a partial score.
                "-foe", "true",
                "-rf", "csv", "-rff", run.resultFile().toString()));
        if (!run.impls().isEmpty()) {
            command.addAll(List.of("-p", "impl=" + String.join(",", run.impls())));
        }
        command.addAll(run.mode().jmhOptions());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Deque<String> tail = new ArrayDeque<>();
        String benchmark = "";
        // JMH's whole output is kept next to the result, for a closer look at a surprising score.
        Path log = run.resultFile().resolveSibling(run.resultFile().getFileName() + ".log");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             BufferedWriter saved = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                saved.write(line);
                saved.newLine();
                if (tail.size() == TAIL_LINES) {
                    tail.removeFirst();
                }
                tail.addLast(line);
                if (line.startsWith("# Benchmark: ")) {
                    benchmark = line.substring(line.lastIndexOf('.') + 1);
                } else if (line.startsWith("# Parameters: ")) {
                    progress.accept(benchmark + ", " + line.substring("# Parameters: ".length()).replace("(", "")
                            .replace(")", ""));
                }
            }
        } finally {
            process.destroy();
        }
        int exit = process.waitFor();
        if (exit != 0 || !Files.isRegularFile(run.resultFile())) {
            throw new GraderException("the benchmark of " + run.label() + " failed (JMH exit code " + exit + "); "
                    + "the end of its output (all of it: " + log + "):\n  " + String.join("\n  ", tail));
        }
        List<BenchScore> scores = JmhCsv.parse(Files.readString(run.resultFile(), StandardCharsets.UTF_8));
        if (scores.isEmpty()) {
            throw new GraderException("the benchmark of " + run.label() + " gave no result; the end of its output:\n  "
                    + String.join("\n  ", tail));
        }
        return scores;
    }
}
