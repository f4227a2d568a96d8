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
        String kata = stub.kata().id();
        List<String> problems = new ArrayList<>();
        if (stub.outcome() != Outcome.RAN) {
            problems.add(kata + ": the stub run ended badly (" + stub.outcome() + "): " + firstLine(stub.message()));
        }
        if (reference.outcome() != Outcome.RAN) {
            problems.add(kata + ": the reference run ended badly (" + reference.outcome() + "): "
                    + firstLine(reference.message()));
        }
        if (stub.outcome() == Outcome.RAN && stub.total() == 0 || reference.outcome() == Outcome.RAN && reference.total() == 0) {
            problems.add(kata + ": no graded tests found");
        }
        Map<String, TestResult> onStub = byId(stub);
        Map<String, TestResult> onReference = byId(reference);
        for (TestResult test : onStub.values()) {
            if (test.status() != TestStatus.FAILED) {
                problems.add(kata + ": does not fail on the stub (" + test.status() + "): " + name(test));
            }
            if (!onReference.containsKey(test.uniqueId()) && reference.outcome() == Outcome.RAN) {
                problems.add(kata + ": only in the stub run: " + name(test));
            }
        }
        for (TestResult test : onReference.values()) {
            if (test.status() != TestStatus.SUCCESSFUL) {
                problems.add(kata + ": does not pass on the reference (" + test.status() + "): " + name(test)
                        + (test.message().isEmpty() ? "" : " — " + firstLine(test.message())));
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
