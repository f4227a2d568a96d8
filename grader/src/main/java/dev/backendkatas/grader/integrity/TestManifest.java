package dev.backendkatas.grader.integrity;

import dev.backendkatas.grader.GraderException;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The SHA-256 of every pristine graded test file: each file below {@code katas/<kata>/src/test/} (sources and
 * resources), keyed by its repository-relative path with {@code /} separators. The checked-in copy
 * ({@value #RESOURCE}, one {@code <sha256>  <path>} line per file, as {@code sha256sum} prints) is what a learner's
 * test files are compared with, so an edited, deleted, added or {@code @Disabled} test cannot raise a score unnoticed.
 *
 * <p>Line endings are normalised before hashing (CRLF becomes LF): a Windows checkout with {@code core.autocrlf} has
 * the same tests as a Linux one and must not be reported as modified.
 */
public record TestManifest(SortedMap<String, String> hashes) {

    /** Where the manifest lives in the grader's sources, and on its classpath. */
    public static final String RESOURCE = "pristine-tests.sha256";
    public static final String SOURCE_PATH = "grader/src/main/resources/" + RESOURCE;

    public TestManifest {
        hashes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(hashes));
    }

    /** The test files and stub files of every kata in {@code repo} as they are now. */
    public static TestManifest compute(Path repo) {
        SortedMap<String, String> hashes = new TreeMap<>();
        for (Kata kata : KataDiscovery.discover(repo)) {
            hashes.putAll(testFiles(repo, kata));
            hashes.putAll(stubFiles(repo, kata));
        }
        return new TestManifest(hashes);
    }

    /** The test files of one kata as they are now. */
    public static SortedMap<String, String> testFiles(Path repo, Kata kata) {
        return files(repo, kata, "src/test");
    }

    /** The files of one kata's {@code src/main} (the learner's code) as they are now. */
    public static SortedMap<String, String> stubFiles(Path repo, Kata kata) {
        return files(repo, kata, "src/main");
    }

    private static SortedMap<String, String> files(Path repo, Kata kata, String folder) {
        SortedMap<String, String> hashes = new TreeMap<>();
        Path tests = kata.dir().resolve(folder);
        if (!Files.isDirectory(tests)) {
            return hashes;
        }
        try (Stream<Path> walk = Files.walk(tests)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).filter(TestManifest::graded)::iterator) {
                hashes.put(repo.relativize(file).toString().replace('\\', '/'), sha256(file));
            }
        } catch (IOException e) {
            throw new GraderException("cannot read " + tests + ": " + e.getMessage(), e);
        }
        return hashes;
    }

    /**
     * Whether a file under {@code src/test} belongs to the tests: not a hidden file (macOS's {@code .DS_Store}, an
     * editor's {@code .Foo.java.swp}) nor an editor backup ({@code Foo.java~}), which an editor or file browser leaves
     * behind without anyone changing a test.
     */
    private static boolean graded(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && !name.endsWith("~");
    }

    /** The checked-in manifest the grader was built with; empty if it has none (then nothing can be verified). */
    public static TestManifest bundled() {
        try (InputStream in = TestManifest.class.getResourceAsStream("/" + RESOURCE)) {
            return in == null ? new TestManifest(new TreeMap<>()) : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GraderException("cannot read the grader's " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public static TestManifest read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new TestManifest(new TreeMap<>());
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GraderException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static TestManifest parse(String text) {
        SortedMap<String, String> hashes = new TreeMap<>();
        for (String line : text.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            if (space != 64) {
                throw new GraderException("not a manifest line (<sha256>  <path>): " + line);
            }
            hashes.put(trimmed.substring(space).strip(), trimmed.substring(0, space));
        }
        return new TestManifest(hashes);
    }

    public String format() {
        StringBuilder out = new StringBuilder();
        out.append("# SHA-256 of every graded test file (katas/*/src/test/**) and of every file of the pristine stubs\n")
                .append("# (katas/*/src/main/**), CRLF read as LF.\n")
                .append("# Generated by ./grade manifest --write; CI runs ./grade manifest --check.\n");
        hashes.forEach((path, hash) -> out.append(hash).append("  ").append(path).append('\n'));
        return out.toString();
    }

    /** The graded test files of one kata. */
    public SortedMap<String, String> tests(String kataId) {
        return entries("katas/" + kataId + "/src/test/");
    }

    /** The files of one kata's pristine stub. */
    public SortedMap<String, String> stub(String kataId) {
        return entries("katas/" + kataId + "/src/main/");
    }

    private SortedMap<String, String> entries(String prefix) {
        SortedMap<String, String> entries = new TreeMap<>();
        for (Map.Entry<String, String> e : hashes.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                entries.put(e.getKey(), e.getValue());
            }
        }
        return entries;
    }

    static String sha256(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        byte[] normalised = new byte[content.length];
        int n = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
                continue;
            }
            normalised[n++] = content[i];
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(normalised, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
