package dev.backendkatas.grader;

import dev.backendkatas.grader.report.Style;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Fixture repositories, golden files and a command-line runner for the grader's own tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** Copies {@code src/test/resources/fixtures/<name>} (a mini repository) into {@code target}; returns it. */
    static Path copyRepo(String name, Path target) {
        Path source = resource("/fixtures/" + name);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    static String golden(String name) {
        try {
            return Files.readString(resource("/golden/" + name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) {
        URL url = Fixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Backend Katas checkout these tests run in: the grader module's parent folder. */
    static Path realRepo() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("katas")) && Files.isDirectory(dir.resolve("grader"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the Backend Katas repository: " + Path.of("").toAbsolutePath());
    }

    record CliResult(int exitCode, String out, String err) {
    }

    /** Runs the command line in-process, as the launcher would, with plain (colourless) output. */
    static CliResult cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new Console(new PrintWriter(out), new PrintWriter(err), Style.PLAIN));
        return new CliResult(code, out.toString(), err.toString());
    }

    /** {@code --repo repo --work-dir work} followed by {@code args}. */
    static String[] args(Path repo, Path work, String... args) {
        List<String> all = new ArrayList<>(List.of("--repo", repo.toString(), "--work-dir", work.toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
