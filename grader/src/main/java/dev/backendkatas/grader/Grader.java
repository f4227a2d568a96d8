package dev.backendkatas.grader;

import dev.backendkatas.grader.build.BuildResult;
import dev.backendkatas.grader.build.GraderClasspath;
import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.build.KataCompiler;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.mutants.MutantCheck;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.KataRunner;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.ResultStore;
import dev.backendkatas.grader.run.RunLimits;
import dev.backendkatas.grader.run.WarmTestJvm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The pipeline for a set of katas: build each (in-process), run its tests (forked), collect the results. Katas are
 * graded in parallel, up to one per core; the learner's katas also skip what need not run (see {@link #gradeLearner}).
 */
public final class Grader {

    /** What the grader is doing, for a progress line. Called from the grading threads. */
    public interface Progress {
        Progress SILENT = new Progress() {
        };

        /** {@code kata} entered {@code phase}: "compiling" or "running tests". */
        default void phase(Kata kata, String phase) {
        }

        /** {@code kata} is graded; {@code reused} when its stored result stood in for a run. */
        default void finished(Kata kata, KataResult result, boolean reused) {
        }
    }

    private final KataCompiler compiler;
    private final KataRunner runner;
    private final Path buildRoot;
    private final List<Path> classpath;
    private final RunLimits limits;

    /**
     * @param repo    the repository root
     * @param workDir the grader's scratch folder (default {@code <repo>/.grade}); builds go to {@code <workDir>/build}
     */
    public Grader(Path repo, Path workDir, RunLimits limits) {
        this.classpath = GraderClasspath.entries();
        this.limits = limits;
        this.buildRoot = workDir.resolve("build");
        this.compiler = new KataCompiler(repo, buildRoot, classpath);
        this.runner = new KataRunner(classpath, limits);
    }

    /** Builds and runs the kata, whatever was graded before: what the self-check and the flake finder need. */
    public KataResult grade(Kata kata, Implementation implementation) {
        return grade(kata, implementation, Progress.SILENT);
    }

    private KataResult grade(Kata kata, Implementation implementation, Progress progress) {
        progress.phase(kata, "compiling");
        BuildResult build = build(kata, implementation);
        if (!build.compiled()) {
            return notCompiled(kata, build);
        }
        progress.phase(kata, "running tests");
        return runForked(kata, build, implementation);
    }

    /**
     * The learner's result for {@code kata}, doing no more work than needed: an {@code untouched} kata (its code is the
     * pristine stub) is {@link Outcome#NOT_STARTED} at once; a kata whose every input is unchanged since it was last
     * graded gets that stored result back (unless {@code rerun}); any other is built and run, and its result stored.
     */
    public KataResult gradeLearner(Kata kata, boolean untouched, boolean rerun, Progress progress) {
        if (untouched) {
            KataResult result = notStarted(kata);
            progress.finished(kata, result, false);
            return result;
        }
        Path runDir = runDir(kata, Implementation.LEARNER);
        String fingerprint = runFingerprint(kata);
        if (!rerun) {
            var stored = ResultStore.load(kata, runDir, fingerprint);
            if (stored.isPresent()) {
                progress.finished(kata, stored.get(), true);
                return stored.get();
            }
        }
        KataResult result = grade(kata, Implementation.LEARNER, progress);
        ResultStore.save(runDir, fingerprint, result);
        progress.finished(kata, result, false);
        return result;
    }

    /** The learner's results for {@code katas}, in their order, graded in parallel (see {@link #gradeLearner}). */
    public List<KataResult> gradeLearners(List<Kata> katas, Predicate<Kata> untouched, boolean rerun, Progress progress) {
        return inParallel(katas, kata -> gradeLearner(kata, untouched.test(kata), rerun, progress));
    }

    /** Builds and runs every kata, in parallel; a kata that breaks in any way is reported and the others still graded. */
    public List<KataResult> gradeAll(List<Kata> katas, Implementation implementation) {
        return inParallel(katas, kata -> grade(kata, implementation));
    }

    /** A run's fingerprint: the build's inputs and the bounds the tests ran under. */
    private String runFingerprint(Kata kata) {
        return compiler.fingerprint(kata, Implementation.LEARNER) + " " + limits;
    }

    /** Stores a result that was graded outside {@link #gradeLearner} (watch mode), so the next ./grade reuses it. */
    public void remember(Kata kata, KataResult result) {
        if (result.outcome() != Outcome.NOT_STARTED && result.outcome() != Outcome.GRADER_FAILED) {
            ResultStore.save(runDir(kata, Implementation.LEARNER), runFingerprint(kata), result);
        }
    }

    /** Compiles the kata (or reuses an unchanged build). */
    public BuildResult build(Kata kata, Implementation implementation) {
        return compiler.build(kata, implementation);
    }

    /** Warms the in-process compiler up on {@code kata}, without touching its build (see {@link KataCompiler#warmUp}). */
    public void warmUpCompiler(Kata kata) {
        compiler.warmUp(kata, buildRoot.resolve("warm-up").resolve(kata.id()));
    }

    /** Runs an already compiled kata's tests in a forked JVM. */
    public KataResult runForked(Kata kata, BuildResult build, Implementation implementation) {
        return runner.run(kata, build, runDir(kata, implementation));
    }

    /**
     * Runs the learner's compiled {@code build} of {@code kata} in {@code jvm}, a test JVM started before the build and
     * kept for the next run if this one leaves it clean (watch mode).
     */
    public KataResult runIn(WarmTestJvm jvm, Kata kata, BuildResult build) {
        return runner.run(jvm, kata, build, true);
    }

    /** Starts a test JVM for the learner's {@code kata} that warms up and waits for its runs (watch mode). */
    public WarmTestJvm startWarmJvm(Kata kata) {
        return runner.startWarm(kata, runDir(kata, Implementation.LEARNER));
    }

    /** Replays the kept mutants of the katas' references, with this grader's compiler and runner. */
    public MutantCheck mutantCheck() {
        return new MutantCheck(compiler, runner, buildRoot.resolve("mutants"));
    }

    /** Where a kata's runs keep their events and output. */
    public Path runDir(Kata kata, Implementation implementation) {
        return buildRoot.resolve(implementation.dirName()).resolve(kata.id());
    }

    public static KataResult notCompiled(Kata kata, BuildResult build) {
        return new KataResult(kata, Outcome.DOES_NOT_COMPILE, build.firstError().orElseThrow(), List.of());
    }

    public static KataResult notStarted(Kata kata) {
        return new KataResult(kata, Outcome.NOT_STARTED, "", List.of());
    }

    public List<Path> classpath() {
        return classpath;
    }

    public RunLimits limits() {
        return limits;
    }

    /** Builds once, then runs the kata's tests {@code times} times in fresh JVMs: the input of the flake finder. */
    public List<KataResult> repeat(Kata kata, Implementation implementation, int times) {
        BuildResult build = build(kata, implementation);
        if (!build.compiled()) {
            return List.of(notCompiled(kata, build));
        }
        List<KataResult> runs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            runs.add(runForked(kata, build, implementation));
        }
        return runs;
    }

    /**
     * Applies {@code grade} to every kata, up to one kata per core at a time (compiles take turns; test JVMs run side by
     * side). A kata whose grading throws is reported as {@link Outcome#GRADER_FAILED}; the others are still graded.
     */
    private List<KataResult> inParallel(List<Kata> katas, Function<Kata, KataResult> grade) {
        int threads = Math.max(1, Math.min(katas.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "grader-kata");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<KataResult>> futures = new ArrayList<>();
            for (Kata kata : katas) {
                futures.add(pool.submit(() -> {
                    try {
                        return grade.apply(kata);
                    } catch (RuntimeException e) {
                        // A grader bug or a file it cannot read costs this kata's grade, never the others'.
                        String why = e instanceof GraderException ? e.getMessage() : e.toString();
                        return new KataResult(kata, Outcome.GRADER_FAILED, why, List.of());
                    }
                }));
            }
            List<KataResult> results = new ArrayList<>();
            for (Future<KataResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraderException("interrupted while grading", e);
        } catch (ExecutionException e) {
            throw new GraderException("the grader failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
