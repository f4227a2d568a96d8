package dev.backendkatas.grader.report;

import dev.backendkatas.grader.run.TestResult;

import java.util.List;
import java.util.Optional;

/**
 * The tests of one stage.
 *
 * @param name   the stage's display name, {@code Stage 2 — Header fields}, or {@code Other} for tests outside stages
 * @param number N of {@code Stage N}, empty for {@code Other}
 * @param tests  its tests in execution order; empty when the kata was not started, did not compile, or never got here
 * @param ahead  the stage comes after the first unfinished one: see {@link StageStatus#AHEAD}
 */
public record StageProgress(String name, Optional<Integer> number, List<TestResult> tests, boolean ahead) {

    public static final String OTHER = "Other";

    public StageProgress {
        tests = List.copyOf(tests);
    }

    public int passed() {
        return (int) tests.stream().filter(TestResult::passed).count();
    }

    public int total() {
        return tests.size();
    }

    /** Every test ran and passed (a stage whose tests never ran is not complete). */
    public boolean complete() {
        return total() > 0 && passed() == total();
    }

    public StageStatus status() {
        if (ahead) {
            return StageStatus.AHEAD;
        }
        if (complete()) {
            return StageStatus.COMPLETE;
        }
        return passed() > 0 ? StageStatus.IN_PROGRESS : StageStatus.NOT_STARTED;
    }

    /** The first test that did not pass: the one to work on next. */
    public Optional<TestResult> firstUnpassed() {
        return tests.stream().filter(t -> !t.passed()).findFirst();
    }
}
