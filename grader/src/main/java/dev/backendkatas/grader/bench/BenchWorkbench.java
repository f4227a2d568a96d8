package dev.backendkatas.grader.bench;

import dev.backendkatas.grader.GraderException;
import dev.backendkatas.grader.discover.Kata;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The benchmarks as {@code ./grade bench} uses them: which benchmark class measures a kata
 * ({@code benchmarks/katas.properties}), and the kata's benchmark module ({@code benchmarks/<kata>/}): its classes
 * and libraries, built with the Maven wrapper.
 */
public final class BenchWorkbench {

    /** Kata folder name → benchmark class (simple name, in {@link #PACKAGE}). */
    public static final String REGISTRY = "benchmarks/katas.properties";
    static final String PACKAGE = "dev.backendkatas.bench.";

    private final Path repo;
    private final Path log;

    /** @param log where the Maven build's output goes (shown in part if the build fails) */
    public BenchWorkbench(Path repo, Path log) {
        this.repo = repo;
        this.log = log;
    }

    /** The kata's benchmark class, fully qualified, or empty if the registry names none. */
    public Optional<String> benchmarkClass(Kata kata) {
        return Optional.ofNullable(registry().getProperty(kata.id())).map(String::strip)
                .filter(name -> !name.isEmpty()).map(name -> PACKAGE + name);
    }

    /** The folder names of the katas that have a benchmark, for the message when a kata has none. */
    public List<String> registeredKatas() {
        return registry().stringPropertyNames().stream().sorted().toList();
    }

    private Properties registry() {
        Path registry = repo.resolve(REGISTRY);
        Properties properties = new Properties();
        if (!Files.isRegularFile(registry)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(registry, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new GraderException("cannot read " + registry + ": " + e.getMessage(), e);
        }
        return properties;
    }

    /**
     * Builds the kata's benchmark module (and the reference it is compiled against; no other kata) with the Maven
     * wrapper, and returns the module's classes and runtime libraries without the reference: the caller adds the
     * implementation to measure. Maven only recompiles what changed, so a second bench starts sooner.
     */
    public List<Path> classpathWithout(Kata kata) throws IOException, InterruptedException {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> command = List.of(repo.resolve(windows ? "mvnw.cmd" : "mvnw").toString(), "-Pbench", "-B",
                "package", "-pl", "benchmarks/" + kata.id(), "-am", "-DskipTests", "-Dpitest.skip=true");
        Files.createDirectories(log.getParent());
        Process maven = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (maven.waitFor() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new GraderException("building the benchmarks failed (" + String.join(" ", command) + "); the end of "
                    + log + ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 25), lines.size())));
        }
        Path module = repo.resolve("benchmarks").resolve(kata.id());
        Path listed = module.resolve("target/classpath.txt");
        if (!Files.isRegularFile(listed)) {
            throw new GraderException("the benchmarks build wrote no " + listed + " (see benchmarks/pom.xml)");
        }
        Path reference = kata.solutionDir().toAbsolutePath().normalize();
        List<Path> classpath = new ArrayList<>();
        classpath.add(module.resolve("target/classes"));
        for (String entry : Files.readString(listed, StandardCharsets.UTF_8).strip().split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (!entry.isBlank() && !path.startsWith(reference)) {
                classpath.add(path);
            }
        }
        return classpath;
    }
}
