package dev.backendkatas.chunkedupload;

import static dev.backendkatas.chunkedupload.Bytes.base64Digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Stage 10 of kata 02: the first bytes of an upload in the POST that creates it (tus 1.0.0, Creation With Upload);
 * the README section of the same name teaches it.
 */
@Order(10)
@DisplayName("Stage 10 — Creation with upload")
class Stage10CreationWithUploadTest extends UploadSandbox {

    private static final byte[] HELLO_WORLD = "hello world".getBytes(StandardCharsets.US_ASCII);
    private static final String WITH_UPLOAD = "Tus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\n";

    @Test
    @Order(1)
    @DisplayName("a POST with Content-Type: application/offset+octet-stream stores its body: 201 with Upload-Offset, then PATCH goes on from there (Creation With Upload)")
    void firstChunkInPost() throws IOException {
        Tus1 tus = tus();
        RawHttp.Response created = postWithBody(tus, "Upload-Length: 11\r\n", Arrays.copyOf(HELLO_WORLD, 5));
        assertThat(created.status()).as("POST, Upload-Length: 11, body 'hello' → %s", created).isEqualTo(201);
        assertThat(created.header("Upload-Offset")).as("Upload-Offset of the 201: the bytes stored → %s", created)
                .isEqualTo("5");
        String id = idOf(created);
        assertThat(tus.offset(id)).as("HEAD after the POST").isEqualTo(5);
        tus.append(id, HELLO_WORLD, 5, 11);
        assertThat(Files.readAllBytes(tus.dataFile(id))).as("the data file").isEqualTo(HELLO_WORLD);
    }

    @Test
    @Order(2)
    @DisplayName("a whole upload fits in one POST, with the specification's sha1 Upload-Checksum (Creation With Upload, Checksum)")
    void wholeUploadInPost() throws IOException {
        Tus1 tus = tus();
        RawHttp.Response created = postWithBody(tus, "Upload-Length: 11\r\nUpload-Checksum: sha1 "
                + "Kq5sNclPz7QV2+lfQIuc6R7oRu0=\r\n", HELLO_WORLD);
        assertThat(created.status()).as("POST with all 11 bytes and their sha1 → %s", created).isEqualTo(201);
        assertThat(created.header("Upload-Offset")).as("Upload-Offset of the 201 → %s", created).isEqualTo("11");
        String id = idOf(created);
        RawHttp.Response head = tus.head(id);
        assertThat(head.header("Upload-Offset")).as("HEAD → %s", head).isEqualTo("11");
        assertThat(head.header("Upload-Length")).as("HEAD → %s", head).isEqualTo("11");
        assertThat(Files.readAllBytes(tus.dataFile(id))).as("the data file").isEqualTo(HELLO_WORLD);
    }

    @Test
    @Order(3)
    @DisplayName("the body may come chunked, and may start an upload of deferred length (Creation With Upload, creation-defer-length)")
    void chunkedAndDeferred() throws IOException {
        Tus1 tus = tus();
        RawHttp.Response created = tus.request("POST", "/uploads", WITH_UPLOAD + "Upload-Defer-Length: 1\r\n"
                + "Transfer-Encoding: chunked\r\n", "3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(created.status()).as("POST, Upload-Defer-Length: 1, a chunked body 'hel' + 'lo' → %s", created)
                .isEqualTo(201);
        assertThat(created.header("Upload-Offset")).as("Upload-Offset of the 201 → %s", created).isEqualTo("5");
        String id = idOf(created);
        RawHttp.Response head = tus.head(id);
        assertThat(head.header("Upload-Offset")).as("HEAD → %s", head).isEqualTo("5");
        assertThat(head.header("Upload-Defer-Length")).as("HEAD → %s", head).isEqualTo("1");
        RawHttp.Response rest = tus.patch(id, 5, Arrays.copyOfRange(HELLO_WORLD, 5, 11), "Upload-Length: 11\r\n");
        assertThat(rest.status()).as("the rest with Upload-Length: 11 → %s", rest).isEqualTo(204);
        assertThat(Files.readAllBytes(tus.dataFile(id))).as("the data file").isEqualTo(HELLO_WORLD);
    }

    @Test
    @Order(4)
    @DisplayName("OPTIONS announces creation-with-upload next to creation in Tus-Extension (Creation With Upload)")
    void announcesCreationWithUpload() throws IOException {
        RawHttp.Response options = tus().request("OPTIONS", "/uploads", "", new byte[0]);
        assertThat(options.header("Tus-Extension")).as("Tus-Extension of %s", options).isNotNull();
        assertThat(options.header("Tus-Extension").split(",")).as("Tus-Extension of %s", options)
                .contains("creation", "creation-with-upload");
    }

    @Test
    @Order(5)
    @DisplayName("an empty POST with the content type is an ordinary creation, and answers Upload-Offset: 0 (Creation With Upload)")
    void emptyBody() throws IOException {
        Tus1 tus = tus();
        RawHttp.Response created = postWithBody(tus, "Upload-Length: 11\r\n", new byte[0]);
        assertThat(created.status()).as("POST with the content type and no bytes → %s", created).isEqualTo(201);
        assertThat(created.header("Upload-Offset")).as("Upload-Offset of the 201 → %s", created).isEqualTo("0");
        assertThat(tus.offset(idOf(created))).as("HEAD after the POST").isZero();
    }

    @Test
    @Order(6)
    @DisplayName("a POST body that does not match its Upload-Checksum is 460 and creates nothing; a malformed one is 400 (Checksum)")
    void checksumInPost() throws IOException {
        Tus1 tus = tus();
        byte[] flipped = HELLO_WORLD.clone();
        flipped[10] ^= 1;
        RawHttp.Response mismatch = postWithBody(tus, "Upload-Length: 11\r\nUpload-Checksum: sha1 "
                + base64Digest("SHA-1", HELLO_WORLD) + "\r\n", flipped);
        assertThat(mismatch.status()).as("POST whose last bit is flipped → %s", mismatch).isEqualTo(460);
        assertThat(mismatch.header("Location")).as("no Location: nothing was created").isNull();
        RawHttp.Response malformed = postWithBody(tus, "Upload-Length: 11\r\nUpload-Checksum: md5 "
                + base64Digest("MD5", HELLO_WORLD) + "\r\n", HELLO_WORLD);
        assertThat(malformed.status()).as("POST with Upload-Checksum: md5 … → %s", malformed).isEqualTo(400);
        assertThat(filesInRoot()).as("files in the storage root after the refused POSTs").isEmpty();
    }

    @Test
    @Order(7)
    @DisplayName("a POST whose Content-Length exceeds Upload-Length is 413 before the body is read, and creates nothing (Core › PATCH)")
    void contentLengthBeyondLength() throws IOException {
        Tus1 tus = tus();
        RawHttp.Response tooLong = postWithBody(tus, "Upload-Length: 10\r\n", HELLO_WORLD);
        assertThat(tooLong.status()).as("POST, Upload-Length: 10, 11 bytes → %s", tooLong).isEqualTo(413);
        assertThat(tooLong.header("Location")).as("no Location: nothing was created").isNull();
        try (RawHttp http = new RawHttp(tus.port())) {
            http.send("POST /uploads HTTP/1.1\r\nHost: 127.0.0.1\r\n" + WITH_UPLOAD + "Upload-Length: 10\r\n"
                    + "Content-Length: 1000000000\r\n", "first".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response response = http.readResponse(false);
            assertThat(response.status()).as("POST, Upload-Length: 10, Content-Length: 10^9, 5 bytes sent → %s",
                    response).isEqualTo(413);
        }
        assertThat(filesInRoot()).as("files in the storage root after the refused POSTs").isEmpty();
    }

    @Test
    @Order(8)
    @DisplayName("a chunked POST body that overflows Upload-Length is 413 and creates nothing: without a Location, kept bytes could never be resumed")
    void chunkedOverflow() throws IOException {
        Tus1 tus = tus();
        RawHttp.Response response = tus.request("POST", "/uploads", WITH_UPLOAD + "Upload-Length: 8\r\n"
                + "Transfer-Encoding: chunked\r\n", "6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(response.status()).as("POST, Upload-Length: 8, 6 + 5 bytes chunked, no checksum → %s", response)
                .isEqualTo(413);
        assertThat(response.header("Location")).as("no Location: nothing was created").isNull();
        assertThat(filesInRoot()).as("files in the storage root after the refused POST").isEmpty();
    }

    @Test
    @Order(9)
    @DisplayName("a client that vanishes in the middle of a POST body leaves no upload behind")
    void vanishedDuringPost() throws IOException {
        Tus1 tus = tus();
        byte[] data = Bytes.randomBytes(100, 70_000);
        try (RawHttp http = new RawHttp(tus.port())) {
            http.send("POST /uploads HTTP/1.1\r\nHost: 127.0.0.1\r\n" + WITH_UPLOAD + "Upload-Length: 70000\r\n"
                    + "Content-Length: 70000\r\n", Arrays.copyOf(data, 25_000));
            // The server has created the upload and waits for the other 45,000 bytes; then the client vanishes.
            await("the upload's files appear while the body arrives").atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(filesInRoot()).as("files in the storage root").isNotEmpty());
        }
        await("the server notices the vanished client and removes what it created").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(filesInRoot()).as("files in the storage root").isEmpty());
        assertThat(tus.create(3)).as("the server still creates uploads").isNotEmpty();
    }

    private static RawHttp.Response postWithBody(Tus1 tus, String headers, byte[] body) throws IOException {
        return tus.request("POST", "/uploads", WITH_UPLOAD + headers + "Content-Length: " + body.length + "\r\n",
                body);
    }

    private static String idOf(RawHttp.Response created) {
        assertThat(created.header("Location")).as("Location of %s", created).isNotNull().startsWith("/uploads/");
        return created.header("Location").substring("/uploads/".length());
    }
}
