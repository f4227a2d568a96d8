package dev.backendkatas.grader.report;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.ReadmeSection;
import dev.backendkatas.grader.integrity.TestIntegrity;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.TestResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machine-readable report ({@code --json}): per kata its outcome and counts, per stage its counts and status, per
 * test its unique id, display name, stage, status and message. Field order is fixed, so output can be diffed.
 */
public final class JsonReport {

    /** Bumped when a field changes meaning or disappears; new fields may appear without a bump. */
    static final int FORMAT_VERSION = 1;

    private final Path repo;

    public JsonReport(Path repo) {
        this.repo = repo;
    }

    public String render(List<KataResult> results) {
        return render(results, Map.of());
    }

    /**
     * @param integrity per kata id, whether its graded tests are pristine (missing: unverified); a kata whose tests
     *                  were modified has {@code "counted": false} and is left out of the top-level totals
     */
    public String render(List<KataResult> results, Map<String, TestIntegrity> integrity) {
        List<Object> katas = new ArrayList<>();
        for (KataResult result : results) {
            katas.add(kata(KataProgress.of(result), OverallProgress.integrityOf(result, integrity)));
        }
        OverallProgress overall = OverallProgress.of(results, integrity);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT_VERSION);
        root.put("stagesDone", Math.floor(overall.stagesDone() * 100) / 100);
        root.put("stagesTotal", overall.stages());
        root.put("percent", overall.percent());
        root.put("passed", overall.passed());
        root.put("total", overall.total());
        root.put("katasComplete", overall.complete());
        root.put("katasTotal", results.size());
        root.put("katasNotCounted", overall.notCounted());
        root.put("katas", katas);
        return JsonWriter.write(root);
    }

    private Map<String, Object> kata(KataProgress progress, TestIntegrity integrity) {
        KataResult result = progress.result();
        Kata kata = result.kata();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", kata.id());
        json.put("number", kata.number());
        json.put("title", kata.title());
        json.put("outcome", result.outcome().name());
        json.put("message", result.message().isEmpty() ? null : result.message());
        json.put("stagesComplete", progress.completedStages());
        json.put("stageCount", progress.stageCount());
        json.put("percent", progress.percent());
        json.put("passed", result.passed());
        json.put("total", result.total());
        json.put("complete", result.complete());
        // INTACT, MODIFIED (the score is not counted) or UNVERIFIED (no manifest entry for this kata).
        json.put("testFiles", integrity.status().name());
        json.put("counted", integrity.counted());
        json.put("testFilesChanged", new ArrayList<Object>(integrity.changes()));
        List<Object> stages = new ArrayList<>();
        List<Object> tests = new ArrayList<>();
        for (StageProgress stage : progress.stages()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", stage.name());
            s.put("passed", stage.passed());
            s.put("total", stage.total());
            s.put("status", stage.status().name());
            s.put("readme", readme(kata, stage).orElse(null));
            stages.add(s);
            for (TestResult test : stage.tests()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("id", test.uniqueId());
                t.put("displayName", test.displayName());
                t.put("stage", stage.name());
                t.put("status", test.status().name());
                t.put("message", test.message().isEmpty() ? null : test.message());
                t.put("location", TestLocation.of(repo, kata, test.uniqueId()).orElse(null));
                tests.add(t);
            }
        }
        json.put("stages", stages);
        json.put("tests", tests);
        return json;
    }

    private Optional<String> readme(Kata kata, StageProgress stage) {
        if (!Files.isRegularFile(kata.readme())) {
            return Optional.empty();
        }
        Path relative = kata.readme().startsWith(repo) ? repo.relativize(kata.readme()) : kata.readme();
        String path = relative.toString().replace('\\', '/');
        return Optional.of(stage.number().flatMap(kata::section).map(ReadmeSection::line)
                .map(line -> path + ":" + line).orElse(path));
    }
}
