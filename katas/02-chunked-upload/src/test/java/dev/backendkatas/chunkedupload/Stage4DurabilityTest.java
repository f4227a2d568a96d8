package dev.backendkatas.chunkedupload;

import static dev.backendkatas.chunkedupload.Bytes.base64Digest;
import static dev.backendkatas.chunkedupload.Bytes.randomBytes;
import static dev.backendkatas.chunkedupload.Bytes.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 4 of kata 02: offsets that survive restarts and failures; the README section of the same name teaches it. */
@Order(4)
@DisplayName("Stage 4 — Durability")
class Stage4DurabilityTest extends UploadSandbox {

    @Test
    @Order(1)
    @DisplayName("a new server over the same directory resumes every upload at its acknowledged offset")
    void restart() throws IOException {
        byte[] data = randomBytes(4, 200_000);
        String partial;
        String empty;
        String complete;
        String metadata = "filename YS50eHQ=";
        try (UploadServer first = new UploadServer(UploadServerConfig.of(root(), MAX_SIZE))) {
            first.start();
            Tus1 tus = tus(first);
            partial = tus.create(data.length);
            tus.append(partial, data, 0, 70_000);
            tus.append(partial, data, 70_000, 120_000);
            RawHttp.Response created = tus.post("Tus-Resumable: 1.0.0\r\nUpload-Length: 9\r\nUpload-Metadata: "
                    + metadata + "\r\n");
            empty = created.header("Location").substring("/uploads/".length());
            complete = tus.create(3);
            tus.append(complete, "abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
        }
        Tus1 tus = tus(startServer());
        RawHttp.Response head = tus.head(partial);
        assertThat(head.status()).as("HEAD after the restart → %s", head).isEqualTo(200);
        assertThat(head.header("Upload-Offset")).as("acknowledged offset after the restart").isEqualTo("120000");
        assertThat(head.header("Upload-Length")).as("length after the restart").isEqualTo("200000");
        assertThat(tus.offset(empty)).as("an upload that got no bytes").isZero();
        assertThat(tus.head(empty).header("Upload-Metadata")).as("metadata after the restart").isEqualTo(metadata);
        assertThat(tus.offset(complete)).as("a complete upload").isEqualTo(3);

        tus.append(partial, data, 120_000, data.length);
        assertThat(sha256Hex(Files.readAllBytes(tus.dataFile(partial)))).as("SHA-256 after resuming on the new server")
                .isEqualTo(sha256Hex(data));
    }

    @Test
    @Order(2)
    @DisplayName("a client that vanishes mid-chunk without a checksum: the bytes that arrived are kept, and the upload resumes byte-exact (Core › PATCH)")
    void interruptedChunk() throws IOException {
        Tus1 tus = tus();
        byte[] data = randomBytes(5, 100_000);
        String id = tus.create(data.length);
        tus.append(id, data, 0, 30_000);
        try (RawHttp vanishing = new RawHttp(tus.port())) {
            vanishing.send("PATCH /uploads/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 30000\r\n"
                    + "Content-Length: 70000\r\n", Arrays.copyOfRange(data, 30_000, 55_000));
        }
        // The server notices the closed connection on its own thread; HEAD may report 30000 until it has.
        await("HEAD reports the 25,000 bytes that arrived before the client vanished").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(tus.offset(id))
                        .as("offset after 25,000 of 70,000 bytes at 30,000, without Upload-Checksum").isEqualTo(55_000));
        assertThat(sha256Hex(tus.stored(id, 55_000))).as("the kept bytes are the original's first 55,000")
                .isEqualTo(sha256Hex(Arrays.copyOf(data, 55_000)));
        tus.append(id, data, 55_000, data.length);
        assertThat(sha256Hex(Files.readAllBytes(tus.dataFile(id)))).as("SHA-256 after resuming at 55,000")
                .isEqualTo(sha256Hex(data));
    }

    @Test
    @Order(3)
    @DisplayName("a client that vanishes mid-chunk with Upload-Checksum: nothing of it is kept, and the upload resumes byte-exact (Checksum)")
    void interruptedChecksummedChunk() throws IOException {
        Tus1 tus = tus();
        byte[] data = randomBytes(5, 100_000);
        String id = tus.create(data.length);
        tus.append(id, data, 0, 30_000);
        String checksum = base64Digest("SHA-256", Arrays.copyOfRange(data, 30_000, 100_000));
        try (RawHttp vanishing = new RawHttp(tus.port())) {
            vanishing.send("PATCH /uploads/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 30000\r\n"
                    + "Upload-Checksum: sha256 " + checksum + "\r\nContent-Length: 70000\r\n",
                    Arrays.copyOfRange(data, 30_000, 55_000));
        }
        resumeUntilComplete(tus, id, data, 30_000);
    }

    @Test
    @Order(4)
    @DisplayName("a chunk that fails its checksum leaves nothing behind, even across a restart")
    void checksumFailureIsNotDurable() throws IOException {
        byte[] data = randomBytes(6, 20_000);
        String id;
        try (UploadServer first = new UploadServer(UploadServerConfig.of(root(), MAX_SIZE))) {
            first.start();
            Tus1 tus = tus(first);
            id = tus.create(data.length);
            tus.append(id, data, 0, 5_000);
            RawHttp.Response bad = tus.patch(id, 5_000, Arrays.copyOfRange(data, 5_000, 20_000),
                    "Upload-Checksum: sha256 " + base64Digest("SHA-256", new byte[1]) + "\r\n");
            assertThat(bad.status()).as("a wrong checksum → %s", bad).isEqualTo(460);
        }
        Tus1 tus = tus(startServer());
        assertThat(tus.offset(id)).as("offset after the 460 and a restart").isEqualTo(5_000);
        tus.append(id, data, 5_000, 20_000);
        assertThat(Files.readAllBytes(tus.dataFile(id))).as("data file after completing").isEqualTo(data);
    }

    @Test
    @Order(5)
    @DisplayName("ignores bytes a crash left in the data file past the acknowledged offset")
    void crashLeftovers() throws IOException {
        byte[] data = randomBytes(7, 60_000);
        String id;
        try (UploadServer first = new UploadServer(UploadServerConfig.of(root(), MAX_SIZE))) {
            first.start();
            Tus1 tus = tus(first);
            id = tus.create(data.length);
            tus.append(id, data, 0, 20_000);
        }
        // A crash mid-chunk: 15,000 unverified bytes reached the disk, no acknowledgement was ever sent.
        Path dataFile = UploadServerConfig.of(root(), MAX_SIZE).dataFile(id);
        Files.write(dataFile, randomBytes(99, 15_000), StandardOpenOption.APPEND);

        Tus1 tus = tus(startServer());
        assertThat(tus.offset(id)).as("offset after the crash: the acknowledged one, not the file's size 35000")
                .isEqualTo(20_000);
        tus.append(id, data, 20_000, 50_000);
        tus.append(id, data, 50_000, data.length);
        assertThat(sha256Hex(Files.readAllBytes(dataFile))).as("SHA-256 of the completed upload")
                .isEqualTo(sha256Hex(data));
    }

    @Test
    @Order(6)
    @DisplayName("a disk that fails mid-write gets a 500, keeps the upload consistent, and the same PATCH then succeeds")
    void diskFailure() throws IOException {
        FailingDisk disk = new FailingDisk();
        Tus1 tus = tus(startServer(disk));
        byte[] data = randomBytes(8, 300_000);
        String id = tus.create(data.length);
        tus.append(id, data, 0, 100_000);

        disk.failNextWriteAfter(70_000);
        RawHttp.Response failed = tus.patch(id, 100_000, Arrays.copyOfRange(data, 100_000, 300_000));
        assertThat(failed.status()).as("PATCH whose write fails after 70000 bytes → %s", failed).isEqualTo(500);
        assertThat(disk.failures()).as("writes that failed").isPositive();
        assertThat(tus.offset(id)).as("offset after the disk failure").isEqualTo(100_000);
        assertThat(sha256Hex(tus.stored(id, 100_000))).as("the acknowledged bytes after the failure")
                .isEqualTo(sha256Hex(Arrays.copyOf(data, 100_000)));

        tus.append(id, data, 100_000, 300_000);
        assertThat(sha256Hex(Files.readAllBytes(tus.dataFile(id)))).as("SHA-256 after the retry")
                .isEqualTo(sha256Hex(data));
    }

    @Test
    @Order(7)
    @DisplayName("forces a chunk to disk (FileChannel.force) after writing it, before acknowledging it")
    void forcesBeforeAcknowledging() throws IOException {
        FailingDisk disk = new FailingDisk();
        Tus1 tus = tus(startServer(disk));
        String id = tus.create(100);
        tus.append(id, randomBytes(9, 100), 0, 60);
        List<String> events = disk.events();
        assertThat(events).as("what happened to the data file, in order").contains("write");
        assertThat(events.lastIndexOf("force")).as("a force after the last write, in %s", events)
                .isGreaterThan(events.lastIndexOf("write"));
    }

    @Test
    @Order(8)
    @DisplayName("a disk failure while creating an upload is a 500 and leaves no upload behind")
    void diskFailureOnCreate() throws IOException {
        AtomicBoolean broken = new AtomicBoolean();
        DataFileOpener disk = (file, options) -> {
            if (broken.get()) {
                throw new IOException("injected: read-only file system");
            }
            return DataFileOpener.FILE_SYSTEM.open(file, options);
        };
        Tus1 tus = tus(startServer(disk));
        String before = tus.create(10);

        broken.set(true);
        RawHttp.Response response = tus.postLength(10);
        assertThat(response.status()).as("POST while the disk refuses → %s", response).isEqualTo(500);
        assertThat(response.header("Location")).as("no Location for an upload that does not exist").isNull();
        try (Stream<Path> files = Files.list(root())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("files in the storage root: only those of the upload created before the failure")
                    .allMatch(name -> name.startsWith(before));
        }
        broken.set(false);
        assertThat(tus.offset(before)).as("the earlier upload").isZero();
        assertThat(tus.postLength(10).status()).as("POST once the disk works again").isEqualTo(201);
    }

    /** HEAD, check the invariant, PATCH the rest; a few rounds in case the interrupted PATCH is still ending. */
    private void resumeUntilComplete(Tus1 tus, String id, byte[] data, long bytesSent) throws IOException {
        for (int round = 0; round < 5; round++) {
            long offset = tus.offset(id);
            assertThat(offset).as("offset after an interrupted chunk: at most %d", bytesSent)
                    .isLessThanOrEqualTo(bytesSent);
            assertThat(sha256Hex(tus.stored(id, offset))).as("the stored %d bytes are the original's prefix",
                    offset).isEqualTo(sha256Hex(Arrays.copyOf(data, (int) offset)));
            RawHttp.Response response = tus.patch(id, offset, Arrays.copyOfRange(data, (int) offset, data.length));
            if (response.status() == 204) {
                assertThat(sha256Hex(Files.readAllBytes(tus.dataFile(id)))).as("SHA-256 after resuming")
                        .isEqualTo(sha256Hex(data));
                return;
            }
            assertThat(response.status()).as("resuming at the HEAD offset %d → %s", offset, response).isEqualTo(409);
        }
        throw new AssertionError("the upload could not be resumed in 5 rounds of HEAD + PATCH");
    }
}
