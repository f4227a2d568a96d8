package dev.backendkatas.grader.build;

import dev.backendkatas.grader.GraderException;
import dev.backendkatas.grader.discover.Kata;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Compiles a kata in-process with javax.tools (no Maven per kata): main code, then the graded tests against it, into
 * {@code <buildRoot>/<learner|reference>/<kata>/target/{classes,test-classes}}, a folder outside {@code katas/} and
 * {@code solutions/}. An unchanged kata is not compiled again: a fingerprint of every input is kept next to the output.
 */
public final class KataCompiler {

    /** The release every kata targets, whatever JDK runs the grader. */
    private static final String RELEASE = "17";
    private static final int MAX_MESSAGE_LINES = 4;

    private final Path repo;
    private final Path buildRoot;
    private final List<Path> classpath;
    private StandardJavaFileManager fileManager;

    /**
     * @param repo      the repository root, to print error paths relative to it
     * @param buildRoot where builds go, e.g. {@code <repo>/.grade/build}
     * @param classpath the libraries the katas compile against (the grader's own classpath)
     */
    public KataCompiler(Path repo, Path buildRoot, List<Path> classpath) {
        this.repo = repo;
        this.buildRoot = buildRoot;
        this.classpath = List.copyOf(classpath);
    }

    /** Synchronized: one file manager serves every compile, and watch mode compiles from two threads. */
    public BuildResult build(Kata kata, Implementation implementation) {
        return build(kata, SourceSet.of(kata, implementation), outputDir(kata, implementation), implementation);
    }

    /**
     * Builds {@code sources} (a kata's, possibly changed: a mutant of its reference) into {@code out}; an unchanged
     * build is reused as by {@link #build(Kata, Implementation)}.
     */
    public synchronized BuildResult build(Kata kata, SourceSet sources, Path out, Implementation implementation) {
        Path classes = classesDir(out);
        Path testClasses = testClassesDir(out);
        Path fingerprintFile = out.resolve("fingerprint.txt");
        String fingerprint = fingerprint(sources, classes, testClasses);
        try {
            if (Files.isDirectory(classes) && Files.isDirectory(testClasses) && Files.isRegularFile(fingerprintFile)
                    && Files.readString(fingerprintFile, StandardCharsets.UTF_8).equals(fingerprint)) {
                return new BuildResult(classes, testClasses, Optional.empty());
            }
            Files.createDirectories(out);
            Files.deleteIfExists(fingerprintFile);
            // Class files of deleted sources must not survive into the new build.
            deleteTree(classes);
            deleteTree(testClasses);
            Files.createDirectories(classes);
            Files.createDirectories(testClasses);

            Optional<String> error = compile(sources.mainJava(), classpath, classes);
            if (error.isPresent()) {
                return new BuildResult(classes, testClasses, error);
            }
            List<Path> testClasspath = new ArrayList<>();
            testClasspath.add(classes);
            testClasspath.addAll(classpath);
            error = compile(sources.testJava(), testClasspath, testClasses)
                    .map(e -> implementation == Implementation.LEARNER
                            ? "the graded tests do not compile against your code (was a given signature changed?): " + e
                            : e);
            if (error.isPresent()) {
                return new BuildResult(classes, testClasses, error);
            }
            copy(sources.mainResources(), classes);
            copy(sources.testResources(), testClasses);
            Files.writeString(fingerprintFile, fingerprint, StandardCharsets.UTF_8);
            return new BuildResult(classes, testClasses, Optional.empty());
        } catch (IOException e) {
            throw new GraderException("cannot build " + kata.id() + " in " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * The fingerprint of every input of the kata's build (sources, tests, resources, JDK, libraries): equal
     * fingerprints build equal classes, so a result graded from one stands for the other.
     */
    public String fingerprint(Kata kata, Implementation implementation) {
        Path out = outputDir(kata, implementation);
        return fingerprint(SourceSet.of(kata, implementation), classesDir(out), testClassesDir(out));
    }

    /** Where {@link #build} puts the classes of {@code kata}, known before it compiles (a warm test JVM needs them). */
    public BuildResult outputOf(Kata kata, Implementation implementation) {
        Path out = outputDir(kata, implementation);
        return new BuildResult(classesDir(out), testClassesDir(out), Optional.empty());
    }

    private Path outputDir(Kata kata, Implementation implementation) {
        return buildRoot.resolve(implementation.dirName()).resolve(kata.id());
    }

    // Maven's folder names: ArchUnit's ImportOption.DO_NOT_INCLUDE_TESTS, used by graded tests that check the main
    // code alone, recognises test code by the path pattern ".*/target/test-classes/.*".
    private static Path classesDir(Path out) {
        return out.resolve("target/classes");
    }

    private static Path testClassesDir(Path out) {
        return out.resolve("target/test-classes");
    }

    /**
     * Compiles the kata into {@code scratch}, ignoring the outcome: the first compile in a JVM is several times slower
     * than the next ones (javac is loaded, JIT-compiled, and the toolset jars are indexed), so watch mode does this in
     * the background while the learner reads the first screen, and the first save is answered fast too.
     */
    public synchronized void warmUp(Kata kata, Path scratch) {
        try {
            SourceSet sources = SourceSet.of(kata, Implementation.LEARNER);
            Path classes = scratch.resolve("classes");
            Files.createDirectories(classes);
            Files.createDirectories(scratch.resolve("test-classes"));
            if (compile(sources.mainJava(), classpath, classes).isEmpty()) {
                List<Path> testClasspath = new ArrayList<>();
                testClasspath.add(classes);
                testClasspath.addAll(classpath);
                compile(sources.testJava(), testClasspath, scratch.resolve("test-classes"));
            }
        } catch (IOException | RuntimeException e) {
            // Only a warm-up: the real build reports every problem.
        }
    }

    /** Compiles {@code files}; returns the first error, as {@code path:line: message}, if any. */
    private Optional<String> compile(List<SourceFile> files, List<Path> cp, Path destination) throws IOException {
        if (files.isEmpty()) {
            return Optional.empty();
        }
        JavaCompiler javac = compiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Iterable<? extends JavaFileObject> units =
                fileManager.getJavaFileObjectsFromPaths(files.stream().map(SourceFile::file).toList());
        List<String> options = List.of(
                "--release", RELEASE,
                "-encoding", "UTF-8",
                "-d", destination.toString(),
                "-classpath", GraderClasspath.join(cp),
                // Only the listed files: never pick up stray sources found on the classpath.
                "-sourcepath", "",
                "-implicit:none",
                "-proc:none",
                "-nowarn",
                "-Xlint:none",
                "-g");
        // javac's own notes ("uses unchecked operations") would only distract a learner.
        StringWriter ignoredNotes = new StringWriter();
        boolean ok = javac.getTask(ignoredNotes, fileManager, diagnostics, options, null, units).call();
        Optional<String> first = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .findFirst()
                .map(this::describe);
        if (!ok && first.isEmpty()) {
            return Optional.of("the Java compiler failed: " + ignoredNotes.toString().strip());
        }
        return first;
    }

    /**
     * The system compiler and one file manager for this compiler's lifetime: the file manager keeps the toolset's
     * jars open and indexed, which makes every compile after the first much faster (watch mode compiles on every
     * save). Only the jars are cached; source and class folders are read afresh by each compile.
     */
    private synchronized JavaCompiler compiler() {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new GraderException("the grader needs a JDK, not a JRE: no Java compiler in " + System.getProperty("java.home")
                    + " (set JAVA_HOME to a JDK 17 or newer)");
        }
        if (fileManager == null) {
            fileManager = javac.getStandardFileManager(null, Locale.ENGLISH, StandardCharsets.UTF_8);
        }
        return javac;
    }

    private String describe(Diagnostic<? extends JavaFileObject> d) {
        String message = d.getMessage(Locale.ENGLISH).strip();
        List<String> lines = message.lines().limit(MAX_MESSAGE_LINES).toList();
        String text = String.join("\n", lines);
        if (d.getSource() == null) {
            return text;
        }
        Path file = Path.of(d.getSource().toUri());
        String where = file.startsWith(repo) ? repo.relativize(file).toString().replace('\\', '/') : file.toString();
        return where + ":" + d.getLineNumber() + ": " + text;
    }

    private static void copy(List<SourceFile> resources, Path destination) throws IOException {
        for (SourceFile resource : resources) {
            Path target = destination.resolve(resource.relativePath());
            Files.createDirectories(target.getParent());
            Files.copy(resource.file(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String fingerprint(SourceSet sources, Path classes, Path testClasses) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, "grader-build-v2");
            update(digest, classes.toString());
            update(digest, testClasses.toString());
            update(digest, System.getProperty("java.vm.version", ""));
            update(digest, GraderClasspath.join(classpath));
            addAll(digest, "main", sources.mainJava());
            addAll(digest, "main-resources", sources.mainResources());
            addAll(digest, "test", sources.testJava());
            addAll(digest, "test-resources", sources.testResources());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void addAll(MessageDigest digest, String label, List<SourceFile> files) {
        update(digest, label);
        for (SourceFile file : files) {
            update(digest, file.relativePath());
            try {
                byte[] content = Files.readAllBytes(file.file());
                update(digest, Integer.toString(content.length));
                digest.update(content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
