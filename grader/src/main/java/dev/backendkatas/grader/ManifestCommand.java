package dev.backendkatas.grader;

import dev.backendkatas.grader.integrity.TestManifest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./grade manifest --write | --check}: the maintainers' side of honest scores. */
@Command(name = "manifest",
        mixinStandardHelpOptions = true,
        header = "Maintainers: write or check the SHA-256 manifest of the pristine graded test files.",
        description = "The manifest (" + TestManifest.SOURCE_PATH + ") lists every file under katas/*/src/test with its "
                + "SHA-256. The grader compares a learner's test files with it and does not count a kata whose tests "
                + "were changed. --write regenerates it after you change a kata's tests; --check (CI) exits 1 when it "
                + "is out of date.")
final class ManifestCommand implements Callable<Integer> {

    @ParentCommand
    private GradeCommand parent;

    @ArgGroup(multiplicity = "1")
    private Mode mode;

    static final class Mode {
        @Option(names = "--write", required = true, description = "regenerate the manifest from the test files as they are")
        boolean write;

        @Option(names = "--check", required = true, description = "exit 1 unless the manifest matches the test files")
        boolean check;
    }

    @Override
    public Integer call() throws IOException {
        Path file = parent.manifest != null ? parent.manifest : parent.repo().resolve(TestManifest.SOURCE_PATH);
        TestManifest now = TestManifest.compute(parent.repo());
        Console console = parent.console();
        if (mode.write) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, now.format(), StandardCharsets.UTF_8);
            console.out().printf("wrote %s: %d file(s)\n", file, now.hashes().size());
            console.out().flush();
            return 0;
        }
        TestManifest recorded = TestManifest.read(file);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : now.hashes().entrySet()) {
            String hash = recorded.hashes().get(e.getKey());
            if (hash == null) {
                problems.add("not in the manifest: " + e.getKey());
            } else if (!hash.equals(e.getValue())) {
                problems.add("changed since the manifest was written: " + e.getKey());
            }
        }
        recorded.hashes().keySet().stream().filter(p -> !now.hashes().containsKey(p))
                .forEach(p -> problems.add("in the manifest but gone: " + p));
        if (problems.isEmpty()) {
            console.out().printf("manifest up to date: %d file(s)\n", now.hashes().size());
        } else {
            problems.forEach(p -> console.out().print(p + "\n"));
            console.out().print("manifest OUT OF DATE: run ./grade manifest --write and commit "
                    + TestManifest.SOURCE_PATH + "\n");
        }
        console.out().flush();
        return problems.isEmpty() ? 0 : 1;
    }
}
