package dev.backendkatas.chunkedupload;

import static dev.backendkatas.chunkedupload.Bytes.randomBytes;
import static dev.backendkatas.chunkedupload.Bytes.sha256Hex;
import static dev.backendkatas.chunkedupload.Visible.visible;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 2 of kata 02: PATCH appends at the current offset; the README section of the same name teaches it. */
@Order(2)
@DisplayName("Stage 2 — Append")
class Stage2AppendTest extends UploadSandbox {

    @Test
    @Order(1)
    @DisplayName("PATCH at the current offset appends and answers 204 with the new Upload-Offset (Core › PATCH)")
    void appends() throws IOException {
        Tus1 tus = tus();
        String id = tus.create(11);
        RawHttp.Response response = tus.patch(id, 0, "hello".getBytes(StandardCharsets.US_ASCII));

        assertThat(response.status()).as("PATCH of 'hello' at 0 → %s", response).isEqualTo(204);
        assertThat(response.header("Upload-Offset")).as("new offset").isEqualTo("5");
        assertThat(response.header("Tus-Resumable")).as("Tus-Resumable on the 204").isEqualTo("1.0.0");
        assertThat(tus.offset(id)).as("HEAD after the PATCH").isEqualTo(5);
        assertThat(new String(tus.stored(id, 5), StandardCharsets.US_ASCII)).as("the data file's first 5 bytes")
                .isEqualTo("hello");
    }

    @Test
    @Order(2)
    @DisplayName("chunks in sequence complete the upload with exactly the original bytes (SHA-256)")
    void completes() throws IOException {
        Tus1 tus = tus();
        byte[] data = randomBytes(2, 300_000);
        String id = tus.create(data.length);
        tus.append(id, data, 0, 65_536);
        tus.append(id, data, 65_536, 200_000);
        tus.append(id, data, 200_000, data.length);
        RawHttp.Response head = tus.head(id);
        assertThat(head.header("Upload-Offset")).as("offset of the complete upload").isEqualTo("300000");
        assertThat(head.header("Upload-Length")).as("length").isEqualTo("300000");
        assertThat(sha256Hex(Files.readAllBytes(tus.dataFile(id)))).as("SHA-256 of the data file vs the original")
                .isEqualTo(sha256Hex(data));
    }

    @ParameterizedTest(name = "Content-Type: \"{0}\"")
    @Order(3)
    @ValueSource(strings = {"(none)", "application/octet-stream", "text/plain", "application/offset+octet-streamx",
        "multipart/form-data; boundary=x"})
    @DisplayName("refuses a PATCH whose Content-Type is not application/offset+octet-stream with 415, unchanged (Core › PATCH)")
    void wrongContentType(String type) throws IOException {
        Tus1 tus = tus();
        String id = tus.create(10);
        String header = type.equals("(none)") ? "" : "Content-Type: " + type + "\r\n";
        RawHttp.Response response = tus.request("PATCH", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\n"
                + "Upload-Offset: 0\r\nContent-Length: 3\r\n" + header, "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(response.status()).as("PATCH with %s → %s", visible(header), response).isEqualTo(415);
        assertThat(response.header("Content-Type")).as("an error response explains itself in text")
                .startsWith("text/plain");
        assertThat(response.body()).as("body of the 415").isNotBlank();
        assertThat(tus.offset(id)).as("offset after the refused PATCH").isZero();
    }

    @Test
    @Order(4)
    @DisplayName("accepts the content type in any case and with parameters (RFC 9110 §8.3.1)")
    void contentTypeCaseInsensitive() throws IOException {
        Tus1 tus = tus();
        String id = tus.create(6);
        RawHttp.Response response = tus.request("PATCH", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\n"
                + "Upload-Offset: 0\r\nContent-Length: 3\r\nContent-Type: Application/Offset+Octet-Stream; x=1\r\n",
                "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(response.status()).as("Content-Type: Application/Offset+Octet-Stream; x=1 → %s", response)
                .isEqualTo(204);
    }

    @ParameterizedTest(name = "Upload-Offset {0} while the upload is at 4")
    @Order(5)
    @ValueSource(longs = {0, 3, 5, 9, 10, 1_000_000})
    @DisplayName("refuses an Upload-Offset other than the current one with 409 and changes nothing (Core › PATCH)")
    void offsetConflict(long offset) throws IOException {
        Tus1 tus = tus();
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        String id = tus.create(10);
        tus.append(id, data, 0, 4);
        RawHttp.Response response = tus.patch(id, offset, "XY".getBytes(StandardCharsets.US_ASCII));
        assertThat(response.status()).as("PATCH at %d, upload at 4 → %s", offset, response).isEqualTo(409);
        assertThat(response.header("Upload-Offset")).as("a 409 tells the true offset").isEqualTo("4");
        assertThat(tus.offset(id)).as("offset after the 409").isEqualTo(4);
        assertThat(tus.stored(id, 4)).as("stored bytes after the 409").isEqualTo("0123".getBytes(StandardCharsets.US_ASCII));
        tus.append(id, data, 4, 10);
        assertThat(Files.readAllBytes(tus.dataFile(id))).as("the upload completes unharmed").isEqualTo(data);
    }

    @Test
    @Order(6)
    @DisplayName("a 409 on an upload that has nothing yet says Upload-Offset: 0")
    void conflictAtZero() throws IOException {
        Tus1 tus = tus();
        String id = tus.create(10);
        RawHttp.Response response = tus.patch(id, 5, "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(response.status()).as("PATCH at 5 of an empty upload → %s", response).isEqualTo(409);
        assertThat(response.header("Upload-Offset")).as("the true offset").isEqualTo("0");
        assertThat(response.body()).as("body of the 409").isNotBlank();
    }

    @Test
    @Order(7)
    @DisplayName("answers a PATCH to an unknown upload with 404 (Core › PATCH)")
    void unknownUpload() throws IOException {
        Tus1 tus = tus();
        tus.create(3);
        RawHttp.Response response = tus.patch("AAAAAAAAAAAAAAAAAAAAAA", 0, "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(response.status()).as("PATCH of an id nobody created → %s", response).isEqualTo(404);
    }

    @Test
    @Order(8)
    @DisplayName("an empty PATCH at the current offset is 204 and changes nothing")
    void emptyPatch() throws IOException {
        Tus1 tus = tus();
        String id = tus.create(5);
        tus.append(id, "ab".getBytes(StandardCharsets.US_ASCII), 0, 2);
        RawHttp.Response response = tus.patch(id, 2, new byte[0]);
        assertThat(response.status()).as("PATCH with Content-Length: 0 → %s", response).isEqualTo(204);
        assertThat(response.header("Upload-Offset")).as("offset after an empty PATCH").isEqualTo("2");
    }

    @Test
    @Order(9)
    @DisplayName("X-HTTP-Method-Override is the method: a POST overridden to PATCH appends (Core › Headers)")
    void methodOverride() throws IOException {
        Tus1 tus = tus();
        String id = tus.create(3);
        RawHttp.Response response = tus.request("POST", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\n"
                + "X-HTTP-Method-Override: PATCH\r\nContent-Type: application/offset+octet-stream\r\n"
                + "Upload-Offset: 0\r\nContent-Length: 3\r\n", "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(response.status()).as("POST + X-HTTP-Method-Override: PATCH → %s", response).isEqualTo(204);
        assertThat(response.header("Upload-Offset")).isEqualTo("3");
    }

    @ParameterizedTest(name = "Upload-Offset: \"{0}\"")
    @Order(10)
    @ValueSource(strings = {"(none)", "", "-1", "+0", "abc", "0.0", "99999999999999999999", "0, 0"})
    @DisplayName("refuses a missing or malformed Upload-Offset with 400 (Core › Headers › Upload-Offset)")
    void malformedOffset(String value) throws IOException {
        Tus1 tus = tus();
        String id = tus.create(10);
        String header = value.equals("(none)") ? "" : "Upload-Offset: " + value + "\r\n";
        RawHttp.Response response = tus.request("PATCH", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\n"
                + "Content-Type: application/offset+octet-stream\r\nContent-Length: 3\r\n" + header,
                "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(response.status()).as("PATCH with %s → %s", visible(header), response).isEqualTo(400);
        assertThat(tus.offset(id)).as("offset after the refused PATCH").isZero();
    }

    @Test
    @Order(11)
    @DisplayName("refuses a body that would go past Upload-Length with 413; keeps the bytes that fit only without a checksum (Core › PATCH)")
    void bodyBeyondLength() throws IOException {
        Tus1 tus = tus();
        String id = tus.create(10);
        tus.append(id, "0123".getBytes(StandardCharsets.US_ASCII), 0, 4);
        RawHttp.Response tooLong = tus.patch(id, 4, "456789X".getBytes(StandardCharsets.US_ASCII));
        assertThat(tooLong.status()).as("Content-Length: 7 at 4 of 10 → %s", tooLong).isEqualTo(413);
        assertThat(tus.offset(id)).as("offset after a 413 that read nothing").isEqualTo(4);

        String chunkedHead = "Tus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\n"
                + "Upload-Offset: 4\r\nTransfer-Encoding: chunked\r\n";
        byte[] chunkedBody = "7\r\n456789X\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response checked = tus.request("PATCH", "/uploads/" + id, chunkedHead + "Upload-Checksum: sha1 "
                + Bytes.base64Digest("SHA-1", "456789X".getBytes(StandardCharsets.US_ASCII)) + "\r\n", chunkedBody);
        assertThat(checked.status()).as("7 bytes at 4 of 10, chunked, with Upload-Checksum → %s", checked)
                .isEqualTo(413);
        assertThat(tus.offset(id)).as("offset after the overflowing chunk with a checksum: all or nothing")
                .isEqualTo(4);

        byte[] twoChunks = "4\r\n4567\r\n4\r\n89XY\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response second = tus.request("PATCH", "/uploads/" + id, chunkedHead, twoChunks);
        assertThat(second.status()).as("4 + 4 bytes at 4 of 10 in two HTTP chunks, no checksum → %s", second)
                .isEqualTo(413);
        assertThat(second.header("Upload-Offset")).as("the 413 tells where the kept bytes end → %s", second)
                .isEqualTo("10");
        assertThat(tus.offset(id)).as("offset after the overflow without a checksum: the 6 bytes that fit are kept")
                .isEqualTo(10);
        assertThat(Files.readAllBytes(tus.dataFile(id))).as("data file: the bytes that fit, nothing beyond")
                .isEqualTo("0123456789".getBytes(StandardCharsets.US_ASCII));
        RawHttp.Response afterEnd = tus.patch(id, 10, "A".getBytes(StandardCharsets.US_ASCII));
        assertThat(afterEnd.status()).as("one byte more to a complete upload → %s", afterEnd).isEqualTo(413);
        assertThat(Files.readAllBytes(tus.dataFile(id))).as("data file after one byte more")
                .isEqualTo("0123456789".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    @Order(12)
    @DisplayName("refuses a Content-Length that does not fit with 413 before reading the body")
    void oversizedContentLength() throws IOException {
        Tus1 tus = tus();
        String id = tus.create(10);
        try (RawHttp http = new RawHttp(tus.port())) {
            http.send("PATCH /uploads/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
                    + "Content-Length: 1000000000\r\n", "first".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response response = http.readResponse(false);
            assertThat(response.status()).as("Content-Length: 10^9 for an upload of 10 bytes, 5 bytes sent, then silence → %s",
                    response).isEqualTo(413);
        }
        assertThat(tus.offset(id)).as("offset after the 413").isZero();
    }

    @Test
    @Order(13)
    @DisplayName("two PATCHes at the same offset never interleave: the first wins, the second waits, then gets 409")
    void concurrentPatches() throws Exception {
        Tus1 tus = tus();
        byte[] first = randomBytes(21, 40_000);
        byte[] second = randomBytes(22, 40_000);
        String id = tus.create(80_000);
        String head = "PATCH /uploads/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                + "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: 40000\r\n";
        RawHttp.Response slowResponse;
        RawHttp.Response fastResponse;
        try (RawHttp slow = new RawHttp(tus.port()); RawHttp fast = new RawHttp(tus.port())) {
            // The first PATCH sends half its body and pauses; the second arrives whole meanwhile.
            slow.send(head, Arrays.copyOf(first, 20_000));
            fast.send(head, second);
            slow.sendBytes(Arrays.copyOfRange(first, 20_000, 40_000));
            slowResponse = slow.readResponse(false);
            fastResponse = fast.readResponse(false);
        }
        List<Integer> statuses = List.of(slowResponse.status(), fastResponse.status());
        assertThat(statuses).as("two PATCHes at offset 0 of the same upload: first → %s, second → %s",
                slowResponse, fastResponse).containsExactlyInAnyOrder(204, 409);
        byte[] winner = slowResponse.status() == 204 ? first : second;
        RawHttp.Response loser = slowResponse.status() == 204 ? fastResponse : slowResponse;
        assertThat(loser.header("Upload-Offset")).as("the 409 tells the offset the winner reached").isEqualTo("40000");
        assertThat(tus.offset(id)).as("offset after both").isEqualTo(40_000);
        assertThat(sha256Hex(tus.stored(id, 40_000))).as("the stored bytes are the winner's, not a mix")
                .isEqualTo(sha256Hex(winner));
    }
}
