package dev.backendkatas.grader.reset;

import dev.backendkatas.grader.GraderException;
import dev.backendkatas.grader.discover.Kata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./grade reset}: puts the pristine stub of a kata back. Nothing is ever deleted: the learner's
 * {@code src/main/java} is first moved to {@code <work dir>/backups/<timestamp>/<kata>/src/main/java}, then the stub
 * is written from the last commit. Refuses (and moves nothing) when git cannot provide the stub.
 */
public final class KataReset {

    /** No colons: the folder name must be valid on Windows too. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");

    private final Path repo;
    private final Path backups;
    private final Clock clock;
    private final GitHead git;

    public KataReset(Path repo, Path workDir, Clock clock) {
        this.repo = repo;
        this.backups = BackupList.root(workDir);
        this.clock = clock;
        this.git = new GitHead(repo);
    }

    /** What one reset did: where the learner's sources went and how many stub files were restored. */
    public record Done(Kata kata, Path backup, int restoredFiles) {
    }

    public List<Done> reset(List<Kata> katas) {
        git.unavailable().ifPresent(why -> {
            throw new GraderException("cannot reset without git, so nothing was changed: " + why
                    + ". Your code stays as it is; copy a fresh stub from a new clone instead.");
        });
        // Check every kata before touching any, so "reset --all" is not left half done.
        List<List<String>> stubs = new ArrayList<>();
        for (Kata kata : katas) {
            List<String> files = git.files(stubDir(kata));
            if (files.isEmpty()) {
                throw new GraderException("the last commit has no stub for " + kata.id() + " (" + stubDir(kata)
                        + "), so nothing was changed");
            }
            stubs.add(files);
        }
        Path stamp = freshBackupFolder();
        List<Done> done = new ArrayList<>();
        for (int i = 0; i < katas.size(); i++) {
            done.add(reset(katas.get(i), stubs.get(i), stamp));
        }
        return done;
    }

    /**
     * Brings {@code from} (a backup of {@code kata}) back into {@code src/main/java}. The code there now is backed up
     * first, like a reset does, so a restore loses nothing either; the restored backup stays where it is.
     */
    public Done restore(Kata kata, Path from) {
        Path sources = kata.dir().resolve("src/main/java");
        Path backup = moveAside(kata, freshBackupFolder());
        int files = 0;
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                Path target = sources.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
                files++;
            }
        } catch (IOException e) {
            throw new GraderException("your current code is safe in " + backup + ", but copying " + from + " back failed: "
                    + e.getMessage(), e);
        }
        return new Done(kata, backup, files);
    }

    private Done reset(Kata kata, List<String> stubFiles, Path stamp) {
        Path sources = kata.dir().resolve("src/main/java");
        Path backup = moveAside(kata, stamp);
        try {
            for (String file : stubFiles) {
                Path target = sources.resolve(file);
                Files.createDirectories(target.getParent());
                Files.write(target, git.read(stubDir(kata) + "/" + file));
            }
        } catch (IOException | GraderException e) {
            throw new GraderException("your code is safe in " + backup + ", but restoring the stub of " + kata.id()
                    + " failed: " + e.getMessage(), e);
        }
        return new Done(kata, backup, stubFiles.size());
    }

    /** Moves the kata's {@code src/main/java} into the backup folder {@code stamp}; returns where it went. */
    private Path moveAside(Kata kata, Path stamp) {
        Path sources = kata.dir().resolve("src/main/java");
        Path backup = stamp.resolve(kata.id()).resolve("src/main/java");
        try {
            Files.createDirectories(backup.getParent());
            if (Files.exists(sources)) {
                // One rename inside the repository's file system: the learner's files are never copied and dropped.
                Files.move(sources, backup);
            } else {
                Files.createDirectories(backup);
            }
        } catch (IOException e) {
            throw new GraderException("cannot move " + rel(sources) + " to " + backup + " (is a file open in an editor?): "
                    + e.getMessage() + ". Nothing was changed for " + kata.id(), e);
        }
        return backup;
    }

    private Path freshBackupFolder() {
        String base = LocalDateTime.now(clock).format(STAMP);
        Path folder = backups.resolve(base);
        for (int n = 2; Files.exists(folder); n++) {
            folder = backups.resolve(base + "-" + n);
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new GraderException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        return folder;
    }

    private String stubDir(Kata kata) {
        return rel(kata.dir().resolve("src/main/java"));
    }

    private String rel(Path path) {
        return repo.relativize(path).toString().replace('\\', '/');
    }
}
