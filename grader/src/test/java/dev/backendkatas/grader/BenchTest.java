package dev.backendkatas.grader;

import dev.backendkatas.grader.bench.BenchMode;
import dev.backendkatas.grader.bench.BenchRun;
import dev.backendkatas.grader.bench.BenchScore;
import dev.backendkatas.grader.bench.BenchTable;
import dev.backendkatas.grader.bench.BenchmarkRunner;
import dev.backendkatas.grader.bench.KataBench;
import dev.backendkatas.grader.report.JsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.backendkatas.grader.Fixtures.args;
import static dev.backendkatas.grader.Fixtures.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./grade bench}: it refuses while the kata's tests fail, says so when a kata has no benchmark, and pairs your
 * run with the reference run into one table (with a stub in place of JMH: the real runs belong to benchmarks).
 */
class BenchTest {

    private static final Path BENCH_CLASSES = Path.of("/bench/classes");
    private static final Path LIBRARY = Path.of("/lib/jmh-core.jar");

    @Test
    void refusesWhileTheKatasTestsFailAndNamesTheFirstUnfinishedTest(@TempDir Path dir) throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        register(repo, "01-alpha = AlphaBenchmark\n");

        Fixtures.CliResult result = cli(args(repo, dir.resolve("work"), "bench", "1", "--quick"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out())
                .contains("bench: 01-alpha does not pass its tests yet (", "measuring wrong code measures nothing")
                .contains("first unfinished: Stage 2 — Adding › adds any count of numbers")
                .contains("Make them pass (./grade 01), then benchmark.");
        assertThat(result.err()).doesNotContain("building the benchmarks");
    }

    @Test
    void refusesAKataThatDoesNotCompileWithTheCompilersMessage(@TempDir Path dir) throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        register(repo, "02-syntax-error = BrokenBenchmark\n");

        Fixtures.CliResult result = cli(args(repo, dir.resolve("work"), "bench", "2"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).contains("bench: 02-syntax-error does not pass its tests yet (0/0 pass)",
                "Broken.java");
    }

    @Test
    void aKataWithoutABenchmarkIsAClearErrorThatListsTheKatasThatHaveOne(@TempDir Path dir) throws Exception {
        Path repo = Fixtures.copyRepo("mixed", dir.resolve("repo"));
        register(repo, "# comment\n02-syntax-error = BrokenBenchmark\n");

        Fixtures.CliResult result = cli(args(repo, dir.resolve("work"), "bench", "1"));

        assertThat(result.exitCode()).isEqualTo(Main.GRADER_ERROR);
        assertThat(result.err()).contains("grade: 01-alpha has no benchmark yet; benchmarks/katas.properties lists "
                + "02-syntax-error");
    }

    @Test
    void runsYourCodeAloneThenTheReferenceWithItsPeersWithTheSameOptions(@TempDir Path dir) throws Exception {
        StubRunner runner = new StubRunner();
        List<String> progress = new ArrayList<>();

        new KataBench(runner).compare("01-request-parsing", "dev.backendkatas.bench.RequestParserBenchmark",
                List.of(BENCH_CLASSES, LIBRARY), Path.of("/yours"), Path.of("/reference"), BenchMode.QUICK, dir,
                progress::add);

        assertThat(runner.runs).hasSize(2);
        BenchRun yours = runner.runs.get(0);
        BenchRun reference = runner.runs.get(1);
        assertThat(yours.impls()).as("your run measures only the kata's implementation").containsExactly("kata");
        assertThat(reference.impls()).as("the reference run measures every implementation").isEmpty();
        assertThat(yours.classpath()).as("the benchmark classes first (JMH's list), then your code, then libraries")
                .containsExactly(BENCH_CLASSES, Path.of("/yours"), LIBRARY);
        assertThat(reference.classpath()).containsExactly(BENCH_CLASSES, Path.of("/reference"), LIBRARY);
        assertThat(yours.mode()).isEqualTo(reference.mode()).isEqualTo(BenchMode.QUICK);
        assertThat(yours.resultFile()).isNotEqualTo(reference.resultFile());
        assertThat(progress).containsExactly("your code: smallGet, impl = kata",
                "reference and peers: smallGet, impl = kata");
    }

    @Test
    void theTableShowsEveryScoreWithItsErrorBarAndYourRatiosToTheReferenceAndEachPeer(@TempDir Path dir)
            throws Exception {
        BenchTable table = BenchTable.of("01-request-parsing", "dev.backendkatas.bench.RequestParserBenchmark",
                BenchMode.FULL,
                List.of(score("smallGet", "kata", 300_000, 6_000), score("largePost", "kata", 50_000, Double.NaN)),
                List.of(score("smallGet", "kata", 600_000, 12_000), score("smallGet", "netty", 400_000, 8_000),
                        score("largePost", "kata", 25_000, 500), score("largePost", "netty", 100_000, 2_000)));

        assertThat(table.peers()).containsExactly("netty");
        assertThat(table.render()).isEqualTo(""
                + "case       unit         your code         reference            netty  you/ref  you/netty\n"
                + "smallGet   ops/s  300,000 ± 6,000  600,000 ± 12,000  400,000 ± 8,000    0.50×      0.75×\n"
                + "largePost  ops/s           50,000      25,000 ± 500  100,000 ± 2,000    2.00×      0.50×\n");
        assertThat(JsonWriter.write(table.toJson()))
                .contains("\"mode\": \"full\"", "\"ratioToReference\": 0.5", "\"ratioToReference\": 2.0")
                .contains("\"netty\": 0.75")
                .contains("\"error\": null");
    }

    @Test
    void aCaseMissingFromOneRunShowsADashInsteadOfARatio() {
        BenchTable table = BenchTable.of("07-diffie-hellman", "DiffieHellmanBenchmark", BenchMode.QUICK,
                List.of(), List.of(score("group14", "kata", 17, 0.5), score("group14", "bouncycastle", 430, 10)));

        assertThat(table.render()).endsWith(""
                + "group14  ops/s          -  17.0 ± 0.500    430 ± 10.0        -                 -\n");
    }

    private static BenchScore score(String benchmark, String impl, double score, double error) {
        return new BenchScore(benchmark, impl, score, error, "ops/s");
    }

    private static void register(Path repo, String registry) throws Exception {
        Files.createDirectories(repo.resolve("benchmarks"));
        Files.writeString(repo.resolve("benchmarks/katas.properties"), registry, StandardCharsets.UTF_8);
    }

    /** Answers every run with one case per implementation asked for, and remembers the runs. */
    private static final class StubRunner implements BenchmarkRunner {
        final List<BenchRun> runs = new ArrayList<>();

        @Override
        public List<BenchScore> run(BenchRun run, Consumer<String> progress) {
            runs.add(run);
            progress.accept("smallGet, impl = kata");
            List<BenchScore> scores = new ArrayList<>();
            for (String impl : run.impls().isEmpty() ? List.of("kata", "netty") : run.impls()) {
                scores.add(score("smallGet", impl, 1_000, 10));
            }
            return scores;
        }
    }
}
