package dev.backendkatas.chunkedupload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every stage's tests share: a fresh temporary directory per test (the sandbox, which holds the storage root),
 * and the {@link UploadServer}s a test starts, stopped after it. Each stage is a class {@code Stage<N>…Test} that
 * extends this one; the README has a section of the same name as its display name.
 *
 * <p>Server stages talk to a real {@link UploadServer} on a loopback port through {@link RawHttp}, which sends
 * requests byte for byte as written (hostile ones included). Client stages script a MockWebServer
 * ({@link ScriptedServer}) or run the client against the server through a {@link FaultyProxy}. Section names in
 * display names are those of the tus 1.0.0 specification (https://tus.io/protocols/resumable-upload).
 */
abstract class UploadSandbox {

    static final long MAX_SIZE = 64L * 1024 * 1024;

    @TempDir
    Path sandbox;

    private final List<UploadServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(UploadServer::close);
    }

    Path root() throws IOException {
        return Files.createDirectories(sandbox.resolve("uploads-root"));
    }

    UploadServer startServer() throws IOException {
        return startServer(DataFileOpener.FILE_SYSTEM);
    }

    UploadServer startServer(DataFileOpener opener) throws IOException {
        return startServer(UploadServerConfig.of(root(), MAX_SIZE), opener);
    }

    /** A server with this configuration (a test clock, say), stopped after the test. */
    UploadServer startServer(UploadServerConfig config) throws IOException {
        return startServer(config, DataFileOpener.FILE_SYSTEM);
    }

    private UploadServer startServer(UploadServerConfig config, DataFileOpener opener) throws IOException {
        UploadServer server = new UploadServer(config, opener);
        servers.add(server);
        server.start();
        return server;
    }

    /** The names of the files in the storage root. */
    List<String> filesInRoot() throws IOException {
        try (Stream<Path> files = Files.list(root())) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    Tus1 tus(UploadServer server) {
        return new Tus1(server);
    }

    Tus1 tus() throws IOException {
        return tus(startServer());
    }
}
