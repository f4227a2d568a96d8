package dev.backendkatas.grader.report;

import dev.backendkatas.grader.integrity.TestIntegrity;
import dev.backendkatas.grader.run.KataResult;
import java.util.List;
import java.util.Map;

/**
 * The totals over every graded kata, as both reports show them. A kata whose graded tests were modified is left out:
 * its score would not mean what the others' mean.
 *
 * @param passed      tests passed in the counted katas
 * @param total       tests in the counted katas
 * @param complete    counted katas with every test passing
 * @param counted     katas whose score counts
 * @param notCounted  katas left out because their tests were modified
 */
record OverallProgress(int passed, int total, int complete, int counted, int notCounted) {

    static OverallProgress of(List<KataResult> results, Map<String, TestIntegrity> integrity) {
        int passed = 0;
        int total = 0;
        int complete = 0;
        int notCounted = 0;
        for (KataResult result : results) {
            if (!integrityOf(result, integrity).counted()) {
                notCounted++;
                continue;
            }
            passed += result.passed();
            total += result.total();
            complete += result.complete() ? 1 : 0;
        }
        return new OverallProgress(passed, total, complete, results.size() - notCounted, notCounted);
    }

    /** Whether a kata's tests are the pristine ones; a kata missing from the map is unverified. */
    static TestIntegrity integrityOf(KataResult result, Map<String, TestIntegrity> integrity) {
        return integrity.getOrDefault(result.kata().id(), TestIntegrity.UNKNOWN);
    }
}
