package dev.backendkatas.grader.report;

import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.TestResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kata result seen through its stages: the {@code @Nested} classes named {@code Stage N — Title}. */
public record KataProgress(KataResult result, List<StageProgress> stages) {

    private static final Pattern STAGE = Pattern.compile("Stage\\s+(\\d+)\\s*[—–:-]\\s*.*");

    public KataProgress {
        stages = List.copyOf(stages);
    }

    public static KataProgress of(KataResult result) {
        Map<String, List<TestResult>> byStage = new LinkedHashMap<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (TestResult test : result.tests()) {
            String stage = StageProgress.OTHER;
            // The test's own name is not a stage even if it starts with "Stage": only its containers are.
            for (String container : test.displayPath().subList(0, Math.max(0, test.displayPath().size() - 1))) {
                Matcher m = STAGE.matcher(container);
                if (m.matches()) {
                    stage = container;
                    numbers.put(stage, Integer.parseInt(m.group(1)));
                    break;
                }
            }
            byStage.computeIfAbsent(stage, k -> new ArrayList<>()).add(test);
        }
        List<StageProgress> stages = new ArrayList<>();
        // Stages in execution order; tests outside every stage come last.
        byStage.forEach((name, tests) -> {
            if (!name.equals(StageProgress.OTHER)) {
                stages.add(new StageProgress(name, Optional.ofNullable(numbers.get(name)), tests));
            }
        });
        if (byStage.containsKey(StageProgress.OTHER)) {
            stages.add(new StageProgress(StageProgress.OTHER, Optional.empty(), byStage.get(StageProgress.OTHER)));
        }
        return new KataProgress(result, stages);
    }

    /** The first stage with a test that did not pass. */
    public Optional<StageProgress> firstUnfinishedStage() {
        return stages.stream().filter(s -> s.status() != StageStatus.COMPLETE).findFirst();
    }
}
