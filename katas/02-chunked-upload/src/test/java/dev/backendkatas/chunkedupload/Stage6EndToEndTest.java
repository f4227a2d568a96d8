package dev.backendkatas.chunkedupload;

import static dev.backendkatas.chunkedupload.Bytes.randomBytes;
import static dev.backendkatas.chunkedupload.Bytes.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 6 of kata 02: client and server through a faulty network; the README section of the same name teaches it. */
@Order(6)
@DisplayName("Stage 6 — End to end through a faulty network")
class Stage6EndToEndTest extends UploadSandbox {

    ClientConfig config(int chunkSize, RecordingSleeper sleeper) {
        return new ClientConfig(chunkSize, new RetryPolicy(12, Duration.ofMillis(50), Duration.ofSeconds(2)),
                sleeper, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    @Order(1)
    @DisplayName("the client uploads a 1 MiB file to the server byte-exact")
    void cleanNetwork() throws Exception {
        UploadServer server = startServer();
        byte[] data = randomBytes(60, 1024 * 1024);
        Path file = Files.write(sandbox.resolve("clean.bin"), data);
        RecordingProgress progress = new RecordingProgress();

        URI upload = new ResumableUploadClient(config(100_000, new RecordingSleeper()))
                .upload(server.endpoint(), file, progress);

        String id = upload.getPath().substring("/uploads/".length());
        assertThat(sha256Hex(Files.readAllBytes(server.config().dataFile(id)))).as("SHA-256 on the server")
                .isEqualTo(sha256Hex(data));
        assertThat(progress.acknowledged).as("progress").startsWith(0L).endsWith((long) data.length).hasSize(12);
    }

    @Test
    @Order(2)
    @DisplayName("through a proxy that cuts connections at random (seeded), the file arrives byte-exact")
    void faultyNetwork() throws Exception {
        UploadServer server = startServer();
        byte[] data = randomBytes(61, 4 * 1024 * 1024);
        Path file = Files.write(sandbox.resolve("faulty.bin"), data);
        RecordingProgress progress = new RecordingProgress();
        RecordingSleeper sleeper = new RecordingSleeper();

        URI upload;
        try (FaultyProxy proxy = new FaultyProxy(server.port(), 20_26_04_22L, 400_000, 700)) {
            URI endpoint = URI.create("http://127.0.0.1:" + proxy.port() + "/uploads");
            upload = new ResumableUploadClient(config(128 * 1024, sleeper)).upload(endpoint, file, progress);

            assertThat(proxy.cuts()).as("connections the proxy cut (%d while sending, %d while answering) of %d",
                    proxy.upstreamCuts(), proxy.downstreamCuts(), proxy.connections()).isGreaterThanOrEqualTo(20);
            assertThat(proxy.upstreamCuts()).as("cuts in the middle of a request").isPositive();
            assertThat(proxy.downstreamCuts()).as("cuts in the middle of a response (lost acknowledgements)")
                    .isPositive();
        }
        assertThat(upload.getPort()).as("the upload URL stays behind the proxy (relative Location)")
                .isNotEqualTo(server.port());
        String id = upload.getPath().substring("/uploads/".length());
        assertThat(sha256Hex(Files.readAllBytes(server.config().dataFile(id)))).as("SHA-256 on the server")
                .isEqualTo(sha256Hex(data));
        assertThat(progress.acknowledged).as("progress: strictly increasing").isSorted().doesNotHaveDuplicates();
        assertThat(progress.acknowledged).as("progress: the last report").endsWith((long) data.length);
        assertThat(sleeper.delays).as("waits: one per failure, at least one per cut").isNotEmpty();
    }
}
