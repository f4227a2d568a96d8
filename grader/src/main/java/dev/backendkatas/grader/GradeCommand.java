package dev.backendkatas.grader;

import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.discover.KataSelector;
import dev.backendkatas.grader.integrity.TestIntegrity;
import dev.backendkatas.grader.integrity.StubCheck;
import dev.backendkatas.grader.integrity.TestManifest;
import dev.backendkatas.grader.report.FlakeReport;
import dev.backendkatas.grader.report.JsonReport;
import dev.backendkatas.grader.report.ProgressLine;
import dev.backendkatas.grader.report.Style;
import dev.backendkatas.grader.report.TextReport;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.RunLimits;
import dev.backendkatas.grader.state.ProgressState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./grade [<kata>]}: grades the learner's katas. Holds the options every subcommand shares. */
@Command(name = "grade",
        mixinStandardHelpOptions = true,
        version = "Backend Katas grader 1",
        subcommands = {WatchCommand.class, NextCommand.class, HintCommand.class, CompareCommand.class, ResetCommand.class,
                RestoreCommand.class, BackupsCommand.class, BenchCommand.class, SelfCheckCommand.class, ManifestCommand.class,
                MutantsCommand.class},
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Grades your katas: builds each one, runs its graded tests and shows your progress stage by stage, "
                        + "with the first failing test of the first unfinished stage and the README section that helps.",
                "Without <kata>, grades every kata in learning order."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:grading ran (whatever your progress); compare showed the diff; selfcheck passed",
                "1:--require-all and a graded kata is not complete; --repeat found a flaky test; compare refused to"
                        + " spoil an unfinished kata; selfcheck found problems; manifest --check found it out of date",
                "2:the grader's own error: unknown or ambiguous kata, bad arguments, no JDK, unreadable repository"},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./grade                   every kata",
                "  ./grade 1                 kata 01 (also 01, 01-request-parsing, request-parsing, req)",
                "  ./grade --json            machine-readable results",
                "  ./grade watch 1           re-grade kata 01 on every save",
                "  ./grade next              the next thing to do, and where to read",
                "  ./grade hint 1            the next hint for kata 01's first unfinished stage",
                "  ./grade 1 --repeat 10     run kata 01 ten times, list tests that flip",
                "  ./grade reset 1           back up your code, restore the stub",
                "  ./grade restore 1         bring the code a reset put aside back",
                "  ./grade compare 1         your code against the reference, once the kata is complete",
                "  ./grade compare --help    more about a command"})
public final class GradeCommand implements Callable<Integer> {

    private final Console console;

    @Parameters(arity = "0..1", paramLabel = "<kata>",
            description = "the kata to grade: its number (1, 01), its folder name, or a unique prefix (req)")
    private String kata;

    @Option(names = "--json", description = "print machine-readable JSON instead of the text report")
    private boolean json;

    @Option(names = "--require-all", description = "exit 1 unless every graded kata is complete (for your own CI)")
    private boolean requireAll;

    @Option(names = "--rerun", scope = ScopeType.INHERIT,
            description = "run the tests even where nothing changed since the last grading (default: reuse that result)")
    boolean rerun;

    @Option(names = "--repeat", paramLabel = "N",
            description = "run the kata's tests N times (same build, fresh JVMs) and list tests whose outcome changed")
    private Integer repeat;

    @Option(names = "--repo", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "the Backend Katas checkout (the launchers pass it; default: the current folder)")
    Path repo;

    @Option(names = "--work-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "where builds and test output go (default: <repo>/.grade)")
    Path workDir;

    @Option(names = "--test-timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            converter = DurationConverter.class,
            description = "maintainers: the default timeout of each test (default: 10s)")
    Duration testTimeout = RunLimits.DEFAULT.testTimeout();

    @Option(names = "--kata-timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            converter = DurationConverter.class,
            description = "maintainers: the bound of one kata's whole test run (default: 120s)")
    Duration kataTimeout = RunLimits.DEFAULT.kataTimeout();

    @Option(names = "--test-heap", paramLabel = "SIZE", scope = ScopeType.INHERIT, hidden = true,
            description = "maintainers: -Xmx of the test JVM (default: 512m)")
    String testHeap = RunLimits.DEFAULT.maxHeap();

    @Option(names = "--manifest", paramLabel = "FILE", scope = ScopeType.INHERIT, hidden = true,
            description = "maintainers: the manifest of pristine test files (default: the one built into the grader;"
                    + " for 'manifest': " + TestManifest.SOURCE_PATH + ")")
    Path manifest;

    public GradeCommand(Console console) {
        this.console = console;
    }

    Console console() {
        return console;
    }

    Path repo() {
        return (repo == null ? Path.of("") : repo).toAbsolutePath().normalize();
    }

    List<Kata> katas() {
        List<Kata> katas = KataDiscovery.discover(repo());
        if (katas.isEmpty()) {
            throw new GraderException("no katas in " + repo().resolve("katas"));
        }
        return katas;
    }

    /** All katas, or the one {@code query} names. */
    List<Kata> select(String query) {
        List<Kata> katas = katas();
        return query == null ? katas : List.of(KataSelector.select(katas, query));
    }

    Path workDir() {
        return (workDir == null ? repo().resolve(".grade") : workDir).toAbsolutePath().normalize();
    }

    Grader grader() {
        RunLimits limits;
        try {
            limits = new RunLimits(testTimeout, kataTimeout, testHeap);
        } catch (IllegalArgumentException e) {
            throw new GraderException(e.getMessage(), e);
        }
        return new Grader(repo(), workDir(), limits);
    }

    /** The pristine test hashes that scores are checked against. */
    TestManifest pristineTests() {
        return manifest == null ? TestManifest.bundled() : TestManifest.read(manifest);
    }

    /** Per kata id: are its graded tests the pristine ones? */
    Map<String, TestIntegrity> integrity(List<Kata> katas) {
        TestManifest pristine = pristineTests();
        Map<String, TestIntegrity> integrity = new LinkedHashMap<>();
        katas.forEach(k -> integrity.put(k.id(), TestIntegrity.check(pristine, repo(), k)));
        return integrity;
    }

    /**
     * The learner's results for {@code katas}, graded in parallel, doing only the work needed: a kata whose code is
     * the pristine stub is "not started", an unchanged kata gets its last result back (unless --rerun). A line on a
     * terminal's error stream shows what is being graded meanwhile.
     */
    List<KataResult> gradeLearner(List<Kata> katas) {
        TestManifest pristine = pristineTests();
        Grader grader = grader();
        boolean terminal = Style.isTerminal();
        try (ProgressLine line = new ProgressLine(console.err(), katas.size(), terminal)) {
            return grader.gradeLearners(katas, k -> StubCheck.untouched(pristine, repo(), k), rerun, line);
        }
    }

    KataResult gradeLearner(Kata kata) {
        return gradeLearner(List.of(kata)).get(0);
    }

    ProgressState state() {
        return ProgressState.load(workDir());
    }

    /**
     * Remembers the stages complete now and returns, as {@code 01 Stage 2 — Title} lines, those that were not at the
     * last run. A kata whose tests were modified is not recorded: its score does not count.
     */
    List<String> recordProgress(List<KataResult> results, Map<String, TestIntegrity> integrity) {
        ProgressState state = state();
        List<String> news = new ArrayList<>();
        for (KataResult result : results) {
            if (integrity.getOrDefault(result.kata().id(), TestIntegrity.UNKNOWN).counted()) {
                String number = String.format("%02d", result.kata().number());
                state.recordCompletedStages(result).forEach(stage -> news.add(number + " " + stage));
            }
        }
        state.save();
        return state.hasHistory() ? news : List.of();
    }

    @Override
    public Integer call() {
        List<Kata> selected = select(kata);
        if (repeat != null) {
            return repeat(selected);
        }
        List<KataResult> results = gradeLearner(selected);
        Map<String, TestIntegrity> integrity = integrity(selected);
        List<String> news = recordProgress(results, integrity);
        if (json) {
            console.out().print(new JsonReport(repo()).render(results, integrity));
        } else {
            console.out().print(new TextReport(repo(), console.style()).render(results, integrity));
            if (!news.isEmpty()) {
                console.out().print("\nNew since last time:\n");
                news.forEach(n -> console.out().print("  " + console.style().text(n) + "\n"));
            }
        }
        console.out().flush();
        boolean allComplete = results.stream().allMatch(r -> r.complete()
                && integrity.getOrDefault(r.kata().id(), TestIntegrity.UNKNOWN).counted());
        return requireAll && !allComplete ? 1 : 0;
    }

    private int repeat(List<Kata> selected) {
        if (kata == null) {
            throw new GraderException("--repeat needs a kata: ./grade <kata> --repeat N");
        }
        if (repeat < 2) {
            throw new GraderException("--repeat needs at least 2 runs to compare, not " + repeat);
        }
        List<KataResult> runs = grader().repeat(selected.get(0), Implementation.LEARNER, repeat);
        FlakeReport report = new FlakeReport(runs);
        console.out().print(report.render(console.style()));
        console.out().flush();
        return report.flakes().isEmpty() ? 0 : 1;
    }
}
