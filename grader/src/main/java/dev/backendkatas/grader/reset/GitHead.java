package dev.backendkatas.grader.reset;

import dev.backendkatas.grader.GraderException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads files as the repository's last commit has them ({@code git ls-tree} and {@code git cat-file}). Read-only on
 * purpose: unlike {@code git checkout}, it never touches the learner's index or any other file.
 */
final class GitHead {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path repo;

    GitHead(Path repo) {
        this.repo = repo;
    }

    /** Why git cannot be used here, or empty when it can: git is installed and {@code repo} has a commit. */
    java.util.Optional<String> unavailable() {
        try {
            Result version = git("--version");
            if (version.exit != 0) {
                return java.util.Optional.of("git does not work here: " + version.text().strip());
            }
        } catch (IOException e) {
            return java.util.Optional.of("git is not installed (or not on the PATH)");
        }
        try {
            Result head = git("rev-parse", "--verify", "--quiet", "HEAD");
            return head.exit == 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(repo + " is not a git checkout with a commit");
        } catch (IOException e) {
            return java.util.Optional.of("git failed: " + e.getMessage());
        }
    }

    /** The files below {@code dir} (repository-relative, {@code /} separators) in HEAD, relative to {@code dir}. */
    List<String> files(String dir) {
        Result listing = run("ls-tree", "-r", "-z", "--name-only", "HEAD", "--", dir + "/");
        List<String> files = new ArrayList<>();
        for (String name : listing.text().split("\0")) {
            if (name.startsWith(dir + "/")) {
                files.add(name.substring(dir.length() + 1));
            }
        }
        return files;
    }

    /** The content of {@code path} (repository-relative) in HEAD. */
    byte[] read(String path) {
        return run("cat-file", "blob", "HEAD:./" + path).bytes;
    }

    private Result run(String... args) {
        try {
            Result result = git(args);
            if (result.exit != 0) {
                throw new GraderException("git " + String.join(" ", args) + " failed: " + result.text().strip());
            }
            return result;
        } catch (IOException e) {
            throw new GraderException("git failed: " + e.getMessage(), e);
        }
    }

    private record Result(int exit, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private Result git(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(out);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("git did not answer within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        return new Result(process.exitValue(), out.toByteArray());
    }
}
