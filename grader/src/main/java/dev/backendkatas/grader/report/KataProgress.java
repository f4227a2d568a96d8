package dev.backendkatas.grader.report;

import dev.backendkatas.grader.discover.StagePlan;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.TestResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kata result seen through its stages (the test classes named {@code Stage N — Title}), and the progress it stands
 * for. Progress counts what the learner has really built: the stages complete in order from the first, plus the share
 * of passing tests in the first unfinished stage. Tests that pass in later stages do not count yet (they often pass by
 * accident), and a run that dies half-way cannot shrink the measure, because it is made of stages, which the test
 * sources declare, not of however many tests happened to run.
 */
public record KataProgress(KataResult result, List<StageProgress> stages) {

    private static final Pattern STAGE = Pattern.compile("Stage\\s+(\\d+)\\s*[—–:-]\\s*.*");

    public KataProgress {
        stages = List.copyOf(stages);
    }

    public static KataProgress of(KataResult result) {
        Map<String, List<TestResult>> byStage = new LinkedHashMap<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        // Every declared stage, in order, even if none of its tests ran.
        for (StagePlan.Stage stage : StagePlan.of(result.kata())) {
            byStage.putIfAbsent(stage.name(), new ArrayList<>());
            numbers.put(stage.name(), stage.number());
        }
        for (TestResult test : result.tests()) {
            String stage = StageProgress.OTHER;
            // The test's own name is not a stage even if it starts with "Stage": only its containers are.
            for (String container : test.displayPath().subList(0, Math.max(0, test.displayPath().size() - 1))) {
                Matcher m = STAGE.matcher(container);
                if (m.matches()) {
                    stage = container;
                    numbers.putIfAbsent(stage, Integer.parseInt(m.group(1)));
                    break;
                }
            }
            byStage.computeIfAbsent(stage, k -> new ArrayList<>()).add(test);
        }
        List<StageProgress> stages = new ArrayList<>();
        boolean unfinishedSeen = false;
        for (Map.Entry<String, List<TestResult>> entry : byStage.entrySet()) {
            if (entry.getKey().equals(StageProgress.OTHER)) {
                continue;
            }
            StageProgress stage = new StageProgress(entry.getKey(), Optional.ofNullable(numbers.get(entry.getKey())),
                    entry.getValue(), unfinishedSeen);
            unfinishedSeen |= !stage.complete();
            stages.add(stage);
        }
        stages.sort(java.util.Comparator.comparing(s -> s.number().orElse(Integer.MAX_VALUE)));
        // Tests outside every stage come last; they are shown, but progress is made of stages.
        if (byStage.containsKey(StageProgress.OTHER)) {
            stages.add(new StageProgress(StageProgress.OTHER, Optional.empty(), byStage.get(StageProgress.OTHER), false));
        }
        return new KataProgress(result, stages);
    }

    /** The stages that make up progress (every stage but {@code Other}). */
    public List<StageProgress> numberedStages() {
        return stages.stream().filter(s -> s.number().isPresent()).toList();
    }

    /** The first stage with a test that did not pass, or that did not run. */
    public Optional<StageProgress> firstUnfinishedStage() {
        return stages.stream().filter(s -> !s.complete()).findFirst();
    }

    /** Stages complete in order from the first. */
    public int completedStages() {
        int complete = 0;
        for (StageProgress stage : numberedStages()) {
            if (!stage.complete()) {
                break;
            }
            complete++;
        }
        return complete;
    }

    /** Progress in stages: the complete ones, plus the passing share of the first unfinished one. */
    public double score() {
        if (result.complete()) {
            return stageCount();
        }
        List<StageProgress> numbered = numberedStages();
        int complete = completedStages();
        if (complete == numbered.size()) {
            return complete;
        }
        StageProgress current = numbered.get(complete);
        return complete + (current.total() == 0 ? 0.0 : (double) current.passed() / current.total());
    }

    /** The number of stages; a kata without stages counts as one, done when all its tests pass. */
    public int stageCount() {
        return Math.max(1, numberedStages().size());
    }

    public int percent() {
        return (int) Math.floor(score() * 100 / stageCount());
    }
}
