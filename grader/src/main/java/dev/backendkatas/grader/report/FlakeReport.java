package dev.backendkatas.grader.report;

import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.TestResult;
import dev.backendkatas.grader.run.TestStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./grade <kata> --repeat N}: the same build's tests run N times; a test whose outcome is not the same in every
 * run is flaky, which in the concurrency katas usually means a race in the learner's code (or a missing wait).
 */
public final class FlakeReport {

    /** One test that changed outcome: its name, its status in each run, and a failure message from one failing run. */
    public record Flake(String name, List<TestStatus> statuses, String firstFailure) {
    }

    private final List<KataResult> runs;

    public FlakeReport(List<KataResult> runs) {
        this.runs = List.copyOf(runs);
    }

    /** The tests whose status differs between runs, in execution order. */
    public List<Flake> flakes() {
        Map<String, List<TestResult>> byId = new LinkedHashMap<>();
        for (KataResult run : runs) {
            for (TestResult test : run.tests()) {
                byId.computeIfAbsent(test.uniqueId(), id -> new ArrayList<>()).add(test);
            }
        }
        List<Flake> flakes = new ArrayList<>();
        for (List<TestResult> results : byId.values()) {
            List<TestStatus> statuses = new ArrayList<>();
            for (KataResult run : runs) {
                statuses.add(run.tests().stream().filter(t -> t.uniqueId().equals(results.get(0).uniqueId()))
                        .map(TestResult::status).findFirst().orElse(TestStatus.NOT_RUN));
            }
            if (statuses.stream().distinct().count() > 1) {
                String failure = results.stream().filter(t -> !t.passed() && !t.message().isEmpty())
                        .map(TestResult::message).findFirst().orElse("");
                flakes.add(new Flake(String.join(" › ", results.get(0).displayPath()), statuses, failure));
            }
        }
        return flakes;
    }

    public String render(Style style) {
        StringBuilder out = new StringBuilder();
        KataResult first = runs.get(0);
        out.append(style.bold("Flake finder " + style.dash() + " " + first.kata().id())).append(": ")
                .append(runs.size()).append(" run(s) of the same build\n");
        for (int i = 0; i < runs.size(); i++) {
            KataResult run = runs.get(i);
            out.append(String.format("  run %d: %d/%d passed%s\n", i + 1, run.passed(), run.total(),
                    run.outcome() == Outcome.RAN ? "" : ", " + TextReport.outcomeLabel(run.outcome())));
        }
        List<Flake> flakes = flakes();
        if (flakes.isEmpty()) {
            out.append("No flaky test: every test had the same outcome in every run.\n");
            return out.toString();
        }
        out.append(style.red("Flaky")).append(": ").append(flakes.size())
                .append(" test(s) changed outcome between runs\n");
        for (Flake flake : flakes) {
            out.append("  ").append(style.failed()).append(' ').append(style.text(flake.name())).append('\n');
            List<String> statuses = new ArrayList<>();
            for (int i = 0; i < flake.statuses().size(); i++) {
                statuses.add((i + 1) + ":" + flake.statuses().get(i));
            }
            out.append("      runs ").append(String.join(" ", statuses)).append('\n');
            flake.firstFailure().lines().findFirst().ifPresent(line ->
                    out.append("      when it failed: ").append(style.text(line)).append('\n'));
        }
        out.append("A test that passes only sometimes usually means a race: shared state without a lock, a missing\n"
                + "happens-before edge, or waiting for something by time instead of by signal.\n");
        return out.toString();
    }
}
