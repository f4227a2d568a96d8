package dev.backendkatas.grader.state;

import dev.backendkatas.grader.GraderException;
import dev.backendkatas.grader.report.KataProgress;
import dev.backendkatas.grader.report.StageProgress;
import dev.backendkatas.grader.report.StageStatus;
import dev.backendkatas.grader.run.KataResult;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the grader remembers between runs, in {@code <work dir>/state.properties} (never in {@code katas/}): the stages
 * each kata had complete when it was last graded (so {@code ./grade} can say what is new), its last score, and how
 * many hints of each stage were revealed. A properties file: readable, diffable, and needs no parser of our own.
 */
public final class ProgressState {

    public static final String FILE_NAME = "state.properties";

    private final Path file;
    private final Properties properties = new Properties();
    private final boolean existed;

    private ProgressState(Path file, boolean existed) {
        this.file = file;
        this.existed = existed;
    }

    public static ProgressState load(Path workDir) {
        Path file = workDir.resolve(FILE_NAME);
        ProgressState state = new ProgressState(file, Files.isRegularFile(file));
        if (state.existed) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                state.properties.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // A damaged state file costs the "new since last time" line, never a grading run.
                state.properties.clear();
            }
        }
        return state;
    }

    /** There was a state file: an earlier run to compare with. */
    public boolean hasHistory() {
        return existed;
    }

    /**
     * Records the stages of {@code result} that are complete now, and returns those that were not complete when the
     * kata was last graded (in stage order). Stages no longer complete are forgotten, so fixing one again is news.
     */
    public List<String> recordCompletedStages(KataResult result) {
        String kata = result.kata().id();
        List<String> newlyComplete = new ArrayList<>();
        KataProgress progress = KataProgress.of(result);
        for (StageProgress stage : progress.stages()) {
            String key = "stage." + kata + "." + stage.name();
            boolean completeNow = stage.status() == StageStatus.COMPLETE && result.total() > 0;
            if (completeNow && properties.getProperty(key) == null) {
                newlyComplete.add(stage.name());
            }
            if (completeNow) {
                properties.setProperty(key, "complete");
            } else {
                properties.remove(key);
            }
        }
        // In stages, which the test sources declare: a run that dies half-way cannot shrink the total.
        properties.setProperty("score." + kata, (result.complete() ? progress.stageCount() : progress.completedStages())
                + "/" + progress.stageCount() + " stages");
        return newlyComplete;
    }

    /** Every test of the kata passed when it was last graded. */
    public boolean completeAtLastRun(String kata) {
        String[] score = properties.getProperty("score." + kata, "0/0").replace(" stages", "").split("/");
        return score.length == 2 && score[0].equals(score[1]) && !score[1].equals("0");
    }

    /** How many hints of the stage were revealed so far (0 when none). */
    public int hintsRevealed(String kata, int stage) {
        String value = properties.getProperty(hintKey(kata, stage), "0");
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public void revealHints(String kata, int stage, int level) {
        properties.setProperty(hintKey(kata, stage), Integer.toString(level));
    }

    /** Forgets the kata's hints and completed stages: it starts over (after a reset). */
    public void forget(String kata) {
        properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("hints." + kata + ".") || key.startsWith("stage." + kata + ".")
                        || key.equals("score." + kata))
                .forEach(properties::remove);
    }

    private static String hintKey(String kata, int stage) {
        return "hints." + kata + ".stage-" + stage;
    }

    /** Writes the file; through a temporary file and a rename, so a run cut short never leaves half a file. */
    public void save() {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(out, "Backend Katas grader: your progress and revealed hints (safe to delete)");
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new GraderException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
