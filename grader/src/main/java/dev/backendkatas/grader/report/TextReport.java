package dev.backendkatas.grader.report;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.ReadmeSection;
import dev.backendkatas.grader.integrity.TestIntegrity;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.TestResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report a learner reads: per kata a progress bar and its stages, and for the first unfinished stage the first
 * failing test, its message and the README section that helps; overall progress last.
 */
public final class TextReport {

    private static final int BAR_WIDTH = 20;
    private static final int MAX_MESSAGE_LINES = 6;
    private static final int MAX_LINE_CHARS = 160;

    private final Path repo;
    private final Style style;

    public TextReport(Path repo, Style style) {
        this.repo = repo;
        this.style = style;
    }

    public String render(List<KataResult> results) {
        return render(results, Map.of());
    }

    /**
     * @param integrity per kata id, whether its graded tests are the pristine ones; a kata whose tests were modified
     *                  is shown as such and left out of the overall totals (a missing entry counts as unverified)
     */
    public String render(List<KataResult> results, Map<String, TestIntegrity> integrity) {
        StringBuilder out = new StringBuilder();
        out.append(style.bold("Backend Katas " + style.dash() + " progress")).append("\n\n");
        for (KataResult result : results) {
            out.append(renderKata(result, OverallProgress.integrityOf(result, integrity))).append('\n');
        }
        OverallProgress overall = OverallProgress.of(results, integrity);
        out.append(style.bold("Overall")).append("  ").append(style.bar(overall.percent(), 100, BAR_WIDTH))
                .append(String.format("  %s/%d stages  %3d %%   %d/%d katas complete", stages(overall.stagesDone()),
                        overall.stages(), overall.percent(), overall.complete(), overall.counted()));
        if (overall.notCounted() > 0) {
            out.append(String.format("   (%d with modified tests not counted)", overall.notCounted()));
        }
        return out.append('\n').toString();
    }

    /** One kata: its bar, its stages and what to do next (also the body of watch mode's screen). */
    public String renderKata(KataResult result, TestIntegrity tests) {
        StringBuilder out = new StringBuilder();
        renderKata(KataProgress.of(result), tests, out);
        return out.toString();
    }

    private void renderKata(KataProgress progress, TestIntegrity tests, StringBuilder out) {
        KataResult result = progress.result();
        Kata kata = result.kata();
        out.append(style.bold(String.format("%02d  %s", kata.number(), style.text(kata.title()))))
                .append(style.dim("  (" + kata.id() + ")")).append('\n');
        out.append("    ").append(style.bar(progress.percent(), 100, BAR_WIDTH))
                .append("  ").append(summary(progress)).append(String.format("  %3d %%\n", progress.percent()));
        if (!tests.counted()) {
            out.append("    ").append(style.red("tests modified")).append(": this score is not counted\n");
            tests.changes().forEach(change -> out.append("      ").append(change).append('\n'));
            out.append("      Restore the graded tests: git checkout -- ")
                    .append(relative(kata.dir().resolve("src/test"))).append('\n');
        }
        if (result.outcome() == Outcome.NOT_STARTED) {
            out.append("    not started: your code is the stub. Begin with ").append(relative(kata.readme())).append('\n');
        } else if (result.outcome() != Outcome.RAN) {
            out.append("    ").append(style.red(outcomeLabel(result.outcome()))).append('\n');
            appendMessage(result.message(), "      ", out);
        } else if (result.total() == 0) {
            out.append("    no graded tests found\n");
            appendMessage(result.message(), "      ", out);
        }
        int nameWidth = progress.stages().stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (StageProgress stage : progress.stages()) {
            String symbol = switch (stage.status()) {
                case COMPLETE -> style.complete();
                case IN_PROGRESS -> style.inProgress();
                case NOT_STARTED, AHEAD -> style.notStarted();
            };
            out.append("    ").append(symbol).append(' ');
            if (stage.total() > 0) {
                String counts = String.format("%d/%d", stage.passed(), stage.total());
                // Passes after the first unfinished stage are shown, dimmed, but do not count yet.
                out.append(style.text(pad(stage.name(), nameWidth))).append("  ")
                        .append(stage.status() == StageStatus.AHEAD ? style.dim(counts) : counts);
            } else {
                out.append(style.text(stage.name()));
            }
            out.append('\n');
        }
        if (result.complete()) {
            out.append("    Complete. Compare with the reference: ./grade compare ")
                    .append(String.format("%02d", kata.number())).append('\n');
            return;
        }
        Optional<StageProgress> next = progress.firstUnfinishedStage();
        if (next.isEmpty() || result.outcome() == Outcome.NOT_STARTED) {
            return;
        }
        StageProgress stage = next.get();
        out.append("    Next up: ").append(style.text(stage.name())).append('\n');
        Optional<TestResult> first = stage.firstUnpassed();
        if (first.isPresent()) {
            TestResult test = first.get();
            out.append("      ").append(style.failed()).append(' ').append(style.text(testName(test))).append('\n');
            appendMessage(test.message(), "          ", out);
            TestLocation.of(repo, kata, test.uniqueId())
                    .ifPresent(where -> out.append("      Test: ").append(where).append('\n'));
        }
        help(kata, stage).ifPresent(help -> out.append("      Help: ").append(help).append('\n'));
    }

    /** {@code 2/7 stages, Stage 3: 5/20 tests}: what the bar stands for. */
    private static String summary(KataProgress progress) {
        int complete = progress.completedStages();
        String text = complete + "/" + progress.stageCount() + " stages";
        Optional<StageProgress> current = progress.firstUnfinishedStage();
        if (!progress.result().complete() && current.isPresent() && current.get().total() > 0
                && current.get().number().isPresent()) {
            text += String.format(", Stage %d: %d/%d tests", current.get().number().get(), current.get().passed(),
                    current.get().total());
        }
        return text;
    }

    /**
     * The test's name below its stage: {@code rejects a bad scheme › "@:x"} for a parameterized case, whose own display
     * name is only its arguments.
     */
    static String testName(TestResult test) {
        List<String> path = test.displayPath();
        int stage = 0;
        for (int i = 0; i < path.size() - 1; i++) {
            if (path.get(i).startsWith("Stage ")) {
                stage = i + 1;
            }
        }
        return String.join(" › ", path.subList(Math.min(stage, path.size() - 1), path.size()));
    }

    /** Stages done, with one decimal where a stage is partly done: {@code 2}, {@code 2.4}. */
    static String stages(double done) {
        double tenths = Math.floor(done * 10) / 10;
        return tenths == Math.floor(tenths) ? Integer.toString((int) tenths) : String.format(java.util.Locale.ROOT, "%.1f", tenths);
    }

    /** The README place for a stage: {@code katas/01-x/README.md:88 (Stage 2 — Header fields)}. */
    public Optional<String> help(Kata kata, StageProgress stage) {
        if (!java.nio.file.Files.isRegularFile(kata.readme())) {
            return Optional.empty();
        }
        String readme = relative(kata.readme());
        Optional<ReadmeSection> section = stage.number().flatMap(kata::section);
        return Optional.of(section.map(s -> readme + ":" + s.line() + " (" + style.text(s.heading()) + ")").orElse(readme));
    }

    private String relative(Path path) {
        Path p = path.startsWith(repo) ? repo.relativize(path) : path;
        return p.toString().replace('\\', '/');
    }

    private void appendMessage(String message, String indent, StringBuilder out) {
        if (message == null || message.isBlank()) {
            return;
        }
        List<String> lines = message.strip().lines().toList();
        for (int i = 0; i < Math.min(lines.size(), MAX_MESSAGE_LINES); i++) {
            String line = lines.get(i).stripTrailing();
            if (line.length() > MAX_LINE_CHARS) {
                line = line.substring(0, MAX_LINE_CHARS) + "…";
            }
            out.append(indent).append(style.text(line)).append('\n');
        }
        if (lines.size() > MAX_MESSAGE_LINES) {
            out.append(indent).append(style.text("… (" + (lines.size() - MAX_MESSAGE_LINES) + " more lines)")).append('\n');
        }
    }

    static String outcomeLabel(Outcome outcome) {
        return switch (outcome) {
            case NOT_STARTED -> "not started";
            case RAN -> "ran";
            case DOES_NOT_COMPILE -> "does not compile";
            case TIMED_OUT -> "stopped: a test ran out of time";
            case OUT_OF_MEMORY -> "out of memory";
            case EXITED_EARLY -> "exited early";
            case GRADER_FAILED -> "the grader could not grade this kata";
        };
    }

    static int percent(int passed, int total) {
        return total == 0 ? 0 : (int) ((long) passed * 100 / total);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
