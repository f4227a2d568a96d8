package dev.backendkatas.chunkedupload;

import static dev.backendkatas.chunkedupload.Bytes.randomBytes;
import static dev.backendkatas.chunkedupload.Bytes.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Stage 7 of kata 02: the official tus Java client (io.tus.java.client) against your server, directly and through a
 * faulty network; the README section of the same name teaches it.
 */
@Order(7)
@DisplayName("Stage 7 — A real tus client")
class Stage7RealTusClientTest extends UploadSandbox {

    /** The proxy of stage 6: the same seed and budgets cut every client at the same bytes. */
    static final long PROXY_SEED = 2026_12_01L;
    static final int MAX_UP_BYTES = 400_000;
    static final int MAX_DOWN_BYTES = 700;

    @Test
    @Order(1)
    @DisplayName("tus-java-client uploads a 1 MiB file with metadata byte-exact (Core, Creation, X-HTTP-Method-Override)")
    void officialClientCleanNetwork() throws Exception {
        UploadServer server = startServer();
        byte[] data = randomBytes(70, 1024 * 1024);
        Path file = Files.write(sandbox.resolve("clean.bin"), data);

        OfficialClient client = new OfficialClient(server.endpoint());
        URL upload = client.upload(file, 1);

        String id = upload.getPath().substring("/uploads/".length());
        assertThat(sha256Hex(Files.readAllBytes(server.config().dataFile(id))))
                .as("SHA-256 on the server of what tus-java-client sent to %s", upload).isEqualTo(sha256Hex(data));
        RawHttp.Response head = tus(server).head(id);
        assertThat(head.header("Upload-Metadata")).as("the metadata tus-java-client sent, echoed by HEAD → %s", head)
                .isEqualTo("filename Y2xlYW4uYmlu");
        assertThat(client.failures).as("failures on a clean network").isEmpty();
    }

    @Test
    @Order(2)
    @DisplayName("through the faulty proxy, tus-java-client resumes with HEAD after every cut and the 2 MiB file arrives byte-exact")
    void officialClientFaultyNetwork() throws Exception {
        UploadServer server = startServer();
        byte[] data = randomBytes(71, 2 * 1024 * 1024);
        Path file = Files.write(sandbox.resolve("faulty.bin"), data);

        URL upload;
        OfficialClient client;
        try (FaultyProxy proxy = new FaultyProxy(server.port(), PROXY_SEED, MAX_UP_BYTES, MAX_DOWN_BYTES)) {
            client = new OfficialClient(URI.create("http://127.0.0.1:" + proxy.port() + "/uploads"));
            upload = client.upload(file, 200);

            assertThat(proxy.cuts()).as("connections the proxy cut (%d while sending, %d while answering) of %d",
                    proxy.upstreamCuts(), proxy.downstreamCuts(), proxy.connections()).isGreaterThanOrEqualTo(10);
            assertThat(proxy.upstreamCuts()).as("cuts in the middle of a request").isPositive();
            assertThat(proxy.downstreamCuts()).as("cuts in the middle of a response").isPositive();
        }
        String id = upload.getPath().substring("/uploads/".length());
        assertThat(sha256Hex(Files.readAllBytes(server.config().dataFile(id))))
                .as("SHA-256 on the server after %d failures the client resumed from: %s", client.failures.size(),
                        client.failures)
                .isEqualTo(sha256Hex(data));
    }

    @Test
    @Order(3)
    @DisplayName("through the same faulty proxy, your client uploads the 2 MiB file to your server byte-exact")
    void ownClientFaultyNetwork() throws Exception {
        UploadServer server = startServer();
        byte[] data = randomBytes(71, 2 * 1024 * 1024);
        Path file = Files.write(sandbox.resolve("faulty.bin"), data);
        RecordingProgress progress = new RecordingProgress();

        URI upload;
        try (FaultyProxy proxy = new FaultyProxy(server.port(), PROXY_SEED, MAX_UP_BYTES, MAX_DOWN_BYTES)) {
            URI endpoint = URI.create("http://127.0.0.1:" + proxy.port() + "/uploads");
            ClientConfig config = new ClientConfig(256 * 1024, new RetryPolicy(12, Duration.ofMillis(50),
                    Duration.ofSeconds(2)), new RecordingSleeper(), Duration.ofSeconds(2), Duration.ofSeconds(5));
            upload = new ResumableUploadClient(config).upload(endpoint, file, progress);
            assertThat(proxy.cuts()).as("connections the proxy cut of %d", proxy.connections())
                    .isGreaterThanOrEqualTo(10);
        }
        String id = upload.getPath().substring("/uploads/".length());
        assertThat(sha256Hex(Files.readAllBytes(server.config().dataFile(id)))).as("SHA-256 on the server")
                .isEqualTo(sha256Hex(data));
        assertThat(progress.acknowledged).as("progress: the last report").endsWith((long) data.length);
    }

    /**
     * tus-java-client as an application would use it: a URL store so that an interrupted upload is resumed (HEAD,
     * then PATCH from the server's offset) instead of created again, and a loop that resumes after every failure.
     * The library's own TusExecutor would sleep for real between attempts; this loop does not wait.
     */
    static final class OfficialClient {
        final TusClient client = new TusClient();
        final List<String> failures = new ArrayList<>();

        OfficialClient(URI endpoint) throws IOException {
            client.setUploadCreationURL(endpoint.toURL());
            client.enableResuming(new TusURLMemoryStore());
        }

        /** Uploads the file, resuming after each failure, at most {@code maxAttempts} times; returns its URL. */
        URL upload(Path file, int maxAttempts) throws IOException {
            for (int attempt = 1; ; attempt++) {
                // A fresh stream per attempt; the fingerprint finds the upload URL of the attempts before.
                try (InputStream input = Files.newInputStream(file)) {
                    TusUpload upload = new TusUpload();
                    upload.setSize(Files.size(file));
                    upload.setFingerprint(file.toAbsolutePath().toString());
                    upload.setMetadata(Map.of("filename", file.getFileName().toString()));
                    upload.setInputStream(input);
                    TusUploader uploader = client.resumeOrCreateUpload(upload);
                    uploader.setChunkSize(64 * 1024);
                    uploader.setRequestPayloadSize(256 * 1024);
                    while (uploader.uploadChunk() > -1) {
                        // each call sends up to one chunk; a new PATCH starts every 256 KiB
                    }
                    uploader.finish();
                    return uploader.getUploadURL();
                } catch (IOException | ProtocolException e) {
                    failures.add(describe(e));
                    if (attempt >= maxAttempts) {
                        throw new AssertionError("tus-java-client gave up after " + attempt + " attempts; what it"
                                + " saw, in order: " + failures, e);
                    }
                }
            }
        }

        private static String describe(Exception e) {
            if (e instanceof ProtocolException protocol && protocol.getCausingConnection() != null) {
                try {
                    return e.getMessage() + " (status " + protocol.getCausingConnection().getResponseCode() + ")";
                } catch (IOException ignored) {
                    return e.getMessage();
                }
            }
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
