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

    /**
     * @param repo    the repository root
     * @param workDir the grader's scratch folder (default {@code <repo>/.grade}); builds go to {@code <workDir>/build}
     */
    public Grader(Path repo, Path workDir, RunLimits limits) {
        List<Path> classpath = GraderClasspath.entries();
        this.buildRoot = workDir.resolve("build");
        this.compiler = new KataCompiler(repo, buildRoot, classpath);
        this.runner = new KataRunner(classpath, limits);
    }

    public KataResult grade(Kata kata, Implementation implementation) {
        BuildResult build = compiler.build(kata, implementation);
        if (!build.compiled()) {
            return new KataResult(kata, Outcome.DOES_NOT_COMPILE, build.firstError().orElseThrow(), List.of());
        }
        return runner.run(kata, build, buildRoot.resolve(implementation.dirName()).resolve(kata.id()));
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
