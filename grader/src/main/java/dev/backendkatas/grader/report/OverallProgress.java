package dev.backendkatas.grader.report;

import dev.backendkatas.grader.integrity.TestIntegrity;
import dev.backendkatas.grader.run.KataResult;

import java.util.List;
import java.util.Map;

/**
 * The totals over every graded kata, as both reports show them. A kata whose graded tests were modified is left out:
 * its score would not mean what the others' mean.
 *
 * @param stagesDone  progress in stages over the counted katas (see {@link KataProgress#score()})
 * @param stages      stages of the counted katas
 * @param passed      tests passed in the counted katas (the per-test truth, for --json)
 * @param total       tests that ran in the counted katas
 * @param complete    counted katas with every test passing
 * @param counted     katas whose score counts
 * @param notCounted  katas left out because their tests were modified
 */
record OverallProgress(double stagesDone, int stages, int passed, int total, int complete, int counted, int notCounted) {

    static OverallProgress of(List<KataResult> results, Map<String, TestIntegrity> integrity) {
        double stagesDone = 0;
        int stages = 0;
        int passed = 0;
        int total = 0;
        int complete = 0;
        int notCounted = 0;
        for (KataResult result : results) {
            if (!integrityOf(result, integrity).counted()) {
                notCounted++;
                continue;
            }
            KataProgress progress = KataProgress.of(result);
            stagesDone += progress.score();
            stages += progress.stageCount();
            passed += result.passed();
            total += result.total();
            complete += result.complete() ? 1 : 0;
        }
        return new OverallProgress(stagesDone, stages, passed, total, complete, results.size() - notCounted, notCounted);
    }

    int percent() {
        return stages == 0 ? 0 : (int) Math.floor(stagesDone * 100 / stages);
    }

    /** Whether a kata's tests are the pristine ones; a kata missing from the map is unverified. */
    static TestIntegrity integrityOf(KataResult result, Map<String, TestIntegrity> integrity) {
        return integrity.getOrDefault(result.kata().id(), TestIntegrity.UNKNOWN);
    }
}
