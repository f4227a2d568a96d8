package dev.backendkatas.grader;

import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.discover.KataSelector;
import dev.backendkatas.grader.report.JsonReport;
import dev.backendkatas.grader.report.TextReport;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.RunLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./grade [<kata>]}: grades the learner's katas. Holds the options every subcommand shares. */
@Command(name = "grade",
        mixinStandardHelpOptions = true,
        version = "Backend Katas grader 1",
        subcommands = {CompareCommand.class, SelfCheckCommand.class},
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Grades your katas: builds each one, runs its graded tests and shows your progress stage by stage, "
                        + "with the first failing test of the first unfinished stage and the README section that helps.",
                "Without <kata>, grades every kata in learning order."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:grading ran (whatever your progress); compare showed the diff; selfcheck passed",
                "1:--require-all and a graded kata is not complete; compare refused to spoil an unfinished kata;"
                        + " selfcheck found problems",
                "2:the grader's own error: unknown or ambiguous kata, bad arguments, no JDK, unreadable repository"},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./grade                   every kata",
                "  ./grade 1                 kata 01 (also 01, 01-request-parsing, request-parsing, req)",
                "  ./grade --json            machine-readable results",
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

    Grader grader() {
        RunLimits limits;
        try {
            limits = new RunLimits(testTimeout, kataTimeout, testHeap);
        } catch (IllegalArgumentException e) {
            throw new GraderException(e.getMessage(), e);
        }
        Path work = (workDir == null ? repo().resolve(".grade") : workDir).toAbsolutePath().normalize();
        return new Grader(repo(), work, limits);
    }

    @Override
    public Integer call() {
        List<Kata> selected = select(kata);
        List<KataResult> results = grader().gradeAll(selected, Implementation.LEARNER);
        console.out().print(json ? new JsonReport(repo()).render(results)
                : new TextReport(repo(), console.style()).render(results));
        console.out().flush();
        boolean allComplete = results.stream().allMatch(KataResult::complete);
        return requireAll && !allComplete ? 1 : 0;
    }
}
