package dev.backendkatas.grader;

import dev.backendkatas.grader.bench.BenchMode;
import dev.backendkatas.grader.bench.BenchTable;
import dev.backendkatas.grader.bench.BenchWorkbench;
import dev.backendkatas.grader.bench.JmhProcess;
import dev.backendkatas.grader.bench.KataBench;
import dev.backendkatas.grader.build.BuildResult;
import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.report.JsonWriter;
import dev.backendkatas.grader.report.KataProgress;
import dev.backendkatas.grader.report.StageProgress;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.TestResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ./grade bench <kata> [--quick] [--json FILE]}: your code, the reference and a production peer, side by side. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        header = "Benchmark your code next to the reference and a production library, in one run.",
        description = "Once every test of the kata passes, builds the kata's JMH benchmark (benchmarks/, with the Maven "
                + "wrapper) and runs it with the same options on your code, then on the reference and on the "
                + "production library it is measured against (Netty's HTTP decoder, BouncyCastle, ...). Prints each "
                + "case's score with JMH's error bars and the ratios of yours to theirs. Refuses, with exit code 1, "
                + "while the kata's tests fail: measuring wrong code measures nothing.")
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    private GradeCommand parent;

    @Parameters(paramLabel = "<kata>", description = "the kata: its number, folder name or a unique prefix")
    private String kata;

    @Option(names = "--quick", description = "about 30 s: one fork, short warm-up and measurements (default: full, minutes)")
    private boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results to FILE as JSON")
    private Path json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Kata selected = parent.select(kata).get(0);
        Console console = parent.console();
        Path work = parent.workDir().resolve("bench").resolve(selected.id());
        BenchWorkbench workbench = new BenchWorkbench(parent.repo(), work.resolve("maven-build.log"));
        String benchmarkClass = workbench.benchmarkClass(selected).orElseThrow(() -> new GraderException(
                selected.id() + " has no benchmark yet; " + BenchWorkbench.REGISTRY + " lists "
                        + String.join(", ", workbench.registeredKatas())));

        KataResult result = parent.gradeLearner(selected);
        if (!result.complete()) {
            console.out().println(refusal(result));
            console.out().flush();
            return 1;
        }
        Grader grader = parent.grader();
        BuildResult yours = grader.build(selected, Implementation.LEARNER);
        BuildResult reference = grader.build(selected, Implementation.REFERENCE);
        if (!reference.compiled()) {
            throw new GraderException("the reference of " + selected.id() + " does not compile: "
                    + reference.firstError().orElse(""));
        }
        BenchMode mode = quick ? BenchMode.QUICK : BenchMode.FULL;
        say("building the benchmarks with the Maven wrapper (a minute or two the first time)...");
        List<Path> benchmarkClasses = workbench.classpathWithout(selected);
        say("running " + benchmarkClass + " (" + mode.name().toLowerCase(java.util.Locale.ROOT) + "): your code, then"
                + " the reference and the production peers");
        BenchTable table = new KataBench(new JmhProcess()).compare(selected.id(), benchmarkClass,
                benchmarkClasses, yours.classes(), reference.classes(), mode, work, line -> say("  " + line));

        console.out().printf("%s: %s, %s mode (higher is better; ± is JMH's 99.9%% confidence half-width)%n%n",
                selected.id(), benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1),
                mode.name().toLowerCase(java.util.Locale.ROOT));
        console.out().print(table.render());
        console.out().printf("%nyou/x above 1: your code is faster than x. The benchmark's Javadoc says what one "
                + "operation is; benchmarks/README.md explains each peer.%n");
        console.out().flush();
        if (json != null) {
            Files.writeString(json, JsonWriter.write(table.toJson()), StandardCharsets.UTF_8);
        }
        return 0;
    }

    private void say(String line) {
        parent.console().err().println("bench: " + line);
        parent.console().err().flush();
    }

    /** Why the bench will not run, and what to do: the first unfinished stage and its first failing test. */
    static String refusal(KataResult result) {
        String id = result.kata().id();
        StringBuilder text = new StringBuilder("bench: " + id + " does not pass its tests yet ("
                + result.passed() + "/" + result.total() + " pass), and measuring wrong code measures nothing.");
        Optional<StageProgress> stage = KataProgress.of(result).firstUnfinishedStage();
        Optional<TestResult> failing = stage.flatMap(StageProgress::firstUnpassed);
        if (!result.message().isBlank()) {
            text.append("\n  ").append(result.message().lines().findFirst().orElse(""));
        } else if (stage.isPresent() && failing.isPresent()) {
            text.append("\n  first unfinished: ").append(stage.get().name()).append(" › ")
                    .append(failing.get().displayName());
        }
        text.append("\n  Make them pass (./grade ").append(result.kata().number() < 10 ? "0" : "")
                .append(result.kata().number()).append("), then benchmark.");
        return text.toString();
    }
}
