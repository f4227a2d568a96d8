package dev.backendkatas.grader.reset;

import dev.backendkatas.grader.GraderException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The backups {@code ./grade reset} made, newest first: {@code <work dir>/backups/<timestamp>/<kata>/src/main/java}. */
public final class BackupList {

    /** One kata's sources as they were before one reset. */
    public record Backup(String stamp, String kata, Path sources, long files) {
    }

    private BackupList() {
    }

    static Path root(Path workDir) {
        return workDir.resolve("backups");
    }

    public static List<Backup> of(Path workDir) {
        Path root = root(workDir);
        List<Backup> backups = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return backups;
        }
        try {
            for (Path stamp : sorted(root)) {
                for (Path kata : sorted(stamp)) {
                    Path sources = kata.resolve("src/main/java");
                    backups.add(new Backup(stamp.getFileName().toString(), kata.getFileName().toString(), sources,
                            count(sources)));
                }
            }
        } catch (IOException e) {
            throw new GraderException("cannot list " + root + ": " + e.getMessage(), e);
        }
        backups.sort((a, b) -> b.stamp().compareTo(a.stamp()));
        return backups;
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
