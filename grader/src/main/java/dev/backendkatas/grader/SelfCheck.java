package dev.backendkatas.grader;

import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.TestResult;
import dev.backendkatas.grader.run.TestStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The maintainer check: a graded test proves something only if it fails on the pristine stub and passes on the
 * reference; one that passes on the stub teaches nothing, one that fails on the reference teaches something wrong.
 */
public final class SelfCheck {

    private SelfCheck() {
    }

    /** What is wrong with one kata, one line each; empty when every test fails on the stub and passes on the reference. */
    public static List<String> problems(KataResult stub, KataResult reference) {
        return problems(stub, List.of(reference));
    }

    /**
     * The same check with the reference run several times (same build, fresh JVMs): a graded test must pass in every
     * run. A test that fails in some runs only is a race in the test or in the reference, and a learner would meet it
     * as a failure they cannot explain.
     */
    public static List<String> problems(KataResult stub, List<KataResult> references) {
        String kata = stub.kata().id();
        KataResult reference = references.get(0);
        List<String> problems = new ArrayList<>();
        if (stub.outcome() != Outcome.RAN) {
            problems.add(kata + ": the stub run ended badly (" + stub.outcome() + "): " + firstLine(stub.message()));
        }
        for (int i = 0; i < references.size(); i++) {
            KataResult run = references.get(i);
            if (run.outcome() != Outcome.RAN) {
                String which = references.size() == 1 ? "" : ", run " + (i + 1) + " of " + references.size();
                problems.add(kata + ": the reference run ended badly (" + run.outcome() + which + "): "
                        + firstLine(run.message()));
            }
        }
        if (stub.outcome() == Outcome.RAN && stub.total() == 0 || reference.outcome() == Outcome.RAN && reference.total() == 0) {
            problems.add(kata + ": no graded tests found");
        }
        Map<String, TestResult> onStub = byId(stub);
        Map<String, TestResult> onReference = byId(reference);
        List<Map<String, TestResult>> everyRun = references.stream().map(SelfCheck::byId).toList();
        for (TestResult test : onStub.values()) {
            if (test.status() != TestStatus.FAILED) {
                problems.add(kata + ": does not fail on the stub (" + test.status() + "): " + name(test));
            }
            if (!onReference.containsKey(test.uniqueId()) && reference.outcome() == Outcome.RAN) {
                problems.add(kata + ": only in the stub run: " + name(test));
            }
        }
        for (TestResult test : onReference.values()) {
            List<TestResult> notPassed = everyRun.stream()
                    .map(run -> run.get(test.uniqueId()))
                    .filter(result -> result != null && result.status() != TestStatus.SUCCESSFUL)
                    .toList();
            if (!notPassed.isEmpty()) {
                TestResult first = notPassed.get(0);
                String inRuns = references.size() == 1 ? ""
                        : " in " + notPassed.size() + " of " + references.size() + " runs";
                problems.add(kata + ": does not pass on the reference (" + first.status() + inRuns + "): " + name(test)
                        + (first.message().isEmpty() ? "" : " — " + firstLine(first.message())));
            }
            if (!onStub.containsKey(test.uniqueId()) && stub.outcome() == Outcome.RAN) {
                problems.add(kata + ": only in the reference run: " + name(test));
            }
        }
        return problems;
    }

    private static Map<String, TestResult> byId(KataResult result) {
        Map<String, TestResult> tests = new LinkedHashMap<>();
        result.tests().forEach(t -> tests.put(t.uniqueId(), t));
        return tests;
    }

    private static String name(TestResult test) {
        return String.join(" › ", test.displayPath());
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
