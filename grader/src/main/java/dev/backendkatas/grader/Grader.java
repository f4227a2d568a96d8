package dev.backendkatas.grader;

import dev.backendkatas.grader.build.BuildResult;
import dev.backendkatas.grader.build.GraderClasspath;
import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.build.KataCompiler;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.KataRunner;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.RunLimits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The pipeline for a set of katas: build each (in-process), run its tests (forked), collect the results. */
public final class Grader {

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

    public KataResult grade(Kata kata, Implementation implementation) {
        BuildResult build = build(kata, implementation);
        if (!build.compiled()) {
            return notCompiled(kata, build);
        }
        return runForked(kata, build, implementation);
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

    /** Where a kata's runs keep their events and output. */
    public Path runDir(Kata kata, Implementation implementation) {
        return buildRoot.resolve(implementation.dirName()).resolve(kata.id());
    }

    public static KataResult notCompiled(Kata kata, BuildResult build) {
        return new KataResult(kata, Outcome.DOES_NOT_COMPILE, build.firstError().orElseThrow(), List.of());
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

    /** Grades the katas one after the other; a kata that breaks in any way is reported and the next one still graded. */
    public List<KataResult> gradeAll(List<Kata> katas, Implementation implementation) {
        List<KataResult> results = new ArrayList<>();
        for (Kata kata : katas) {
            results.add(grade(kata, implementation));
        }
        return results;
    }
}
