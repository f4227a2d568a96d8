package dev.backendkatas.grader.mutants;

import dev.backendkatas.grader.GraderException;
import dev.backendkatas.grader.build.BuildResult;
import dev.backendkatas.grader.build.Implementation;
import dev.backendkatas.grader.build.KataCompiler;
import dev.backendkatas.grader.build.SourceFile;
import dev.backendkatas.grader.build.SourceSet;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.run.KataResult;
import dev.backendkatas.grader.run.KataRunner;
import dev.backendkatas.grader.run.Outcome;
import dev.backendkatas.grader.run.TestResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Replays a kata's kept mutants ({@link Mutant}): builds the reference with each one applied, outside {@code katas/}
 * and {@code solutions/}, runs the graded tests, and says which test killed it, or that it survived.
 */
public final class MutantCheck {

    /** What became of one mutant. */
    public record Verdict(Kata kata, Mutant mutant, Status status, String detail) {
    }

    public enum Status {
        /** A graded test failed on it: the tests teach this rule. */
        KILLED,
        /** Every graded test passed on it: a learner taking this shortcut would pass. */
        SURVIVED,
        /** The mutant does not apply or does not compile: fix the diff. */
        BROKEN
    }

    private final KataCompiler compiler;
    private final KataRunner runner;
    private final Path workRoot;

    /** @param workRoot where mutated sources, builds and runs go, e.g. {@code <repo>/.grade/mutants} */
    public MutantCheck(KataCompiler compiler, KataRunner runner, Path workRoot) {
        this.compiler = compiler;
        this.runner = runner;
        this.workRoot = workRoot;
    }

    /** The kata's mutants, by file name. */
    public static List<Mutant> mutantsOf(Kata kata) {
        Path folder = kata.solutionDir().resolve("mutants");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".diff")).sorted().map(Mutant::read).toList();
        } catch (IOException e) {
            throw new GraderException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    public Verdict check(Kata kata, Mutant mutant) {
        Path dir = workRoot.resolve(kata.id()).resolve(mutant.name());
        SourceSet reference = SourceSet.of(kata, Implementation.REFERENCE);
        Map<String, Path> mutated;
        try {
            mutated = writeMutatedFiles(reference, mutant, dir.resolve("src"));
        } catch (GraderException e) {
            return new Verdict(kata, mutant, Status.BROKEN, e.getMessage());
        }
        BuildResult build = compiler.build(kata, reference.withMainJava(mutated), dir.resolve("build"),
                Implementation.REFERENCE);
        if (!build.compiled()) {
            return new Verdict(kata, mutant, Status.BROKEN, "does not compile: " + build.firstError().orElse(""));
        }
        KataResult result = runner.run(kata, build, dir.resolve("run"));
        Optional<TestResult> killer = result.tests().stream().filter(t -> !t.passed()).findFirst();
        if (killer.isPresent()) {
            return new Verdict(kata, mutant, Status.KILLED, String.join(" › ", killer.get().displayPath()));
        }
        if (result.outcome() != Outcome.RAN || result.total() == 0) {
            return new Verdict(kata, mutant, Status.KILLED, "the run itself: " + result.message());
        }
        return new Verdict(kata, mutant, Status.SURVIVED, "all " + result.total() + " graded tests pass on it");
    }

    private static Map<String, Path> writeMutatedFiles(SourceSet reference, Mutant mutant, Path root) {
        Map<String, Path> written = new LinkedHashMap<>();
        for (String relative : mutant.patches().keySet()) {
            SourceFile original = reference.mainJava().stream().filter(f -> f.relativePath().equals(relative))
                    .findFirst().orElseThrow(() -> new GraderException("the mutant " + mutant.name() + " changes "
                            + relative + ", which the reference does not have"));
            try {
                String text = mutant.apply(relative, Files.readString(original.file(), StandardCharsets.UTF_8));
                Path target = root.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.writeString(target, text, StandardCharsets.UTF_8);
                written.put(relative, target);
            } catch (IOException e) {
                throw new GraderException("cannot write the mutant " + mutant.name() + ": " + e.getMessage(), e);
            }
        }
        return written;
    }

    /** Every mutant of every kata given, in order; up to one mutant per core is checked at a time. */
    public List<Verdict> checkAll(List<Kata> katas) {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<Verdict>> pending = new ArrayList<>();
            for (Kata kata : katas) {
                for (Mutant mutant : mutantsOf(kata)) {
                    pending.add(pool.submit(() -> check(kata, mutant)));
                }
            }
            List<Verdict> verdicts = new ArrayList<>();
            for (Future<Verdict> verdict : pending) {
                verdicts.add(verdict.get());
            }
            return verdicts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraderException("interrupted while checking mutants", e);
        } catch (ExecutionException e) {
            throw new GraderException("the mutant check failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
