package dev.backendkatas.grader.run;

import dev.backendkatas.grader.discover.Kata;

import java.util.List;

/**
 * The grading of one kata.
 *
 * @param kata    the kata
 * @param outcome how the build and run went
 * @param message what went wrong when the outcome is not {@link Outcome#RAN} (empty otherwise, unless the run itself
 *                reported a problem, such as a test class that could not be loaded)
 * @param tests   every graded test known, in execution order; tests the JVM never reached are {@link TestStatus#NOT_RUN}
 */
public record KataResult(Kata kata, Outcome outcome, String message, List<TestResult> tests) {

    public KataResult {
        tests = List.copyOf(tests);
        message = message == null ? "" : message;
    }

    public int passed() {
        return (int) tests.stream().filter(TestResult::passed).count();
    }

    public int total() {
        return tests.size();
    }

    /** Every test ran and passed. A kata without tests is never complete. */
    public boolean complete() {
        return outcome == Outcome.RAN && total() > 0 && passed() == total();
    }
}
