package dev.backendkatas.chunkedupload;

import static dev.backendkatas.chunkedupload.Bytes.base64Digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 5 of kata 02: the client that resumes after failures; the README section of the same name teaches it. */
@Order(5)
@DisplayName("Stage 5 — The resumable client")
class Stage5ClientTest extends UploadSandbox {

    static final byte[] FILE = "0123456789abcdefghijKLMNO".getBytes(StandardCharsets.US_ASCII);
    final RecordingSleeper sleeper = new RecordingSleeper();
    final RecordingProgress progress = new RecordingProgress();

    ResumableUploadClient client(int maxRetries, Duration requestTimeout) {
        return new ResumableUploadClient(new ClientConfig(10, new RetryPolicy(maxRetries, Duration.ofMillis(100),
                Duration.ofMillis(1000)), sleeper, Duration.ofSeconds(2), requestTimeout));
    }

    ResumableUploadClient client() {
        return client(3, Duration.ofSeconds(5));
    }

    Path file(byte[] content) throws IOException {
        return Files.write(sandbox.resolve("file-to-upload.bin"), content);
    }

    MockResponse.Builder created(String location) {
        return new MockResponse.Builder().code(201).addHeader("Tus-Resumable", "1.0.0").addHeader("Location", location);
    }

    MockResponse.Builder headOk(long offset, long length) {
        return new MockResponse.Builder().code(200).addHeader("Tus-Resumable", "1.0.0")
                .addHeader("Upload-Offset", offset).addHeader("Upload-Length", length)
                .addHeader("Cache-Control", "no-store");
    }

    MockResponse.Builder patched(long offset) {
        return new MockResponse.Builder().code(204).addHeader("Tus-Resumable", "1.0.0")
                .addHeader("Upload-Offset", offset);
    }

    MockResponse.Builder status(int code) {
        return new MockResponse.Builder().code(code).addHeader("Tus-Resumable", "1.0.0");
    }

    /** "METHOD path [Upload-Offset]" of each request, for sequence assertions. */
    List<String> sequence(List<RecordedRequest> requests) {
        return requests.stream().map(r -> r.getMethod() + " " + r.getTarget()
                + (r.getHeaders().get("Upload-Offset") == null ? "" : " @" + r.getHeaders().get("Upload-Offset")))
                .toList();
    }

    /** Checks one PATCH: the headers of the tus protocol and the exact bytes [from, to) of the file. */
    void assertPatch(RecordedRequest patch, int from, int to) {
        byte[] expected = Arrays.copyOfRange(FILE, from, to);
        assertThat(patch.getMethod()).as("method of %s", patch).isEqualTo("PATCH");
        assertThat(patch.getHeaders().get("Upload-Offset")).as("Upload-Offset of the PATCH for [%d, %d)", from, to)
                .isEqualTo(Integer.toString(from));
        assertThat(patch.getHeaders().get("Content-Type")).as("Content-Type of the PATCH")
                .isEqualTo("application/offset+octet-stream");
        assertThat(patch.getHeaders().get("Tus-Resumable")).as("Tus-Resumable of the PATCH").isEqualTo("1.0.0");
        assertThat(patch.getHeaders().get("Upload-Checksum")).as("Upload-Checksum of the bytes [%d, %d)", from, to)
                .isEqualTo("sha256 " + base64Digest("SHA-256", expected));
        assertThat(patch.getBody().utf8()).as("body of the PATCH at %d", from)
                .isEqualTo(new String(expected, StandardCharsets.US_ASCII));
    }

    @Test
    @Order(1)
    @DisplayName("uploads a file: POST, HEAD, then one PATCH per chunk with its sha256 checksum (Core, Creation, Checksum)")
    void uploadsInChunks() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(created("/files/abc")).then(headOk(0, 25))
                    .then(patched(10)).then(patched(20)).then(patched(25));

            URI upload = client().upload(server.url("/files"), file(FILE), progress);

            assertThat(upload).as("the upload URL: Location resolved against the endpoint")
                    .isEqualTo(server.url("/files/abc"));
            List<RecordedRequest> requests = server.requests();
            assertThat(sequence(requests)).as("requests, in order")
                    .containsExactly("POST /files", "HEAD /files/abc", "PATCH /files/abc @0", "PATCH /files/abc @10",
                            "PATCH /files/abc @20");
            RecordedRequest post = requests.get(0);
            assertThat(post.getHeaders().get("Upload-Length")).as("Upload-Length of the POST").isEqualTo("25");
            assertThat(post.getHeaders().get("Tus-Resumable")).as("Tus-Resumable of the POST").isEqualTo("1.0.0");
            assertThat(post.getBodySize()).as("body size of the POST").isZero();
            assertThat(requests.get(1).getHeaders().get("Tus-Resumable")).as("Tus-Resumable of the HEAD")
                    .isEqualTo("1.0.0");
            assertPatch(requests.get(2), 0, 10);
            assertPatch(requests.get(3), 10, 20);
            assertPatch(requests.get(4), 20, 25);
            assertThat(progress.reports).as("progress reports").containsExactly("0/25", "10/25", "20/25", "25/25");
            assertThat(sleeper.delays).as("waits on a network that never failed").isEmpty();
        }
    }

    @Test
    @Order(2)
    @DisplayName("a connection dropped during a PATCH body: wait, HEAD, and continue from the server's offset")
    void disconnectDuringBody() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(headOk(0, 25)).thenDisconnectDuringBody().then(headOk(9, 25))
                    .then(patched(19)).then(patched(25));

            client().resume(server.url("/files/abc"), file(FILE), progress);

            List<RecordedRequest> requests = server.requests();
            assertThat(sequence(requests)).as("requests, in order").containsExactly("HEAD /files/abc",
                    "PATCH /files/abc @0", "HEAD /files/abc", "PATCH /files/abc @9", "PATCH /files/abc @19");
            assertPatch(requests.get(3), 9, 19);
            assertPatch(requests.get(4), 19, 25);
            assertThat(sleeper.millis()).as("waits (ms): one failure, the first backoff").containsExactly(100L);
            assertThat(progress.reports).as("progress reports").containsExactly("0/25", "9/25", "19/25", "25/25");
        }
    }

    @Test
    @Order(3)
    @DisplayName("a lost acknowledgement: the PATCH arrived, the 204 did not; HEAD shows it, and nothing is re-sent")
    void lostAcknowledgement() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(headOk(0, 25)).thenDisconnectBeforeResponse().then(headOk(10, 25))
                    .then(patched(20)).then(patched(25));

            client().resume(server.url("/files/abc"), file(FILE), progress);

            List<RecordedRequest> requests = server.requests();
            assertThat(sequence(requests)).as("requests, in order").containsExactly("HEAD /files/abc",
                    "PATCH /files/abc @0", "HEAD /files/abc", "PATCH /files/abc @10", "PATCH /files/abc @20");
            assertPatch(requests.get(1), 0, 10);
            assertPatch(requests.get(3), 10, 20);
            assertThat(progress.reports).as("progress reports").containsExactly("0/25", "10/25", "20/25", "25/25");
        }
    }

    @Test
    @Order(4)
    @DisplayName("a 5xx to a PATCH is temporary: wait, HEAD, continue")
    void serverError() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(headOk(0, 25)).then(patched(10)).then(status(503)).then(headOk(10, 25))
                    .then(patched(20)).then(status(500)).then(headOk(20, 25)).then(patched(25));

            client().resume(server.url("/files/abc"), file(FILE), progress);

            List<RecordedRequest> requests = server.requests();
            assertThat(sequence(requests)).as("requests, in order").containsExactly("HEAD /files/abc",
                    "PATCH /files/abc @0", "PATCH /files/abc @10", "HEAD /files/abc", "PATCH /files/abc @10",
                    "PATCH /files/abc @20", "HEAD /files/abc", "PATCH /files/abc @20");
            assertPatch(requests.get(4), 10, 20);
            assertPatch(requests.get(7), 20, 25);
            assertThat(sleeper.millis()).as("waits (ms): progress between the failures restarts the backoff")
                    .containsExactly(100L, 100L);
        }
    }

    @Test
    @Order(5)
    @DisplayName("a 409 means the offsets disagree: HEAD, and continue from the server's offset, not our own")
    void conflict() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(headOk(0, 25)).then(status(409).addHeader("Upload-Offset", 13)).then(headOk(13, 25))
                    .then(patched(23)).then(patched(25));

            client().resume(server.url("/files/abc"), file(FILE), progress);

            List<RecordedRequest> requests = server.requests();
            assertThat(sequence(requests)).as("requests, in order").containsExactly("HEAD /files/abc",
                    "PATCH /files/abc @0", "HEAD /files/abc", "PATCH /files/abc @13", "PATCH /files/abc @23");
            assertPatch(requests.get(3), 13, 23);
            assertPatch(requests.get(4), 23, 25);
            assertThat(progress.reports).as("progress reports").containsExactly("0/25", "13/25", "23/25", "25/25");
        }
    }

    @Test
    @Order(6)
    @DisplayName("a request that times out is a failure like a dropped connection")
    void timeout() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(headOk(0, 25)).thenStall().then(headOk(0, 25))
                    .then(patched(10)).then(patched(20)).then(patched(25));

            client(3, Duration.ofSeconds(1)).resume(server.url("/files/abc"), file(FILE), progress);

            assertThat(sequence(server.requests())).as("requests, in order").containsExactly("HEAD /files/abc",
                    "PATCH /files/abc @0", "HEAD /files/abc", "PATCH /files/abc @0", "PATCH /files/abc @10",
                    "PATCH /files/abc @20");
            assertThat(sleeper.millis()).as("waits (ms)").containsExactly(100L);
        }
    }

    @Test
    @Order(7)
    @DisplayName("a failed HEAD is a failure too: wait longer, and ask again")
    void failingHead() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            // A stalled HEAD, not a dropped one: the JDK HttpClient itself retries an idempotent HEAD once when
            // its connection drops, which would hide the failure from the client under test.
            server.then(headOk(0, 25)).then(status(500)).thenStall().then(status(503))
                    .then(headOk(10, 25)).then(patched(20)).then(patched(25));

            client(3, Duration.ofSeconds(1)).resume(server.url("/files/abc"), file(FILE), progress);

            assertThat(sequence(server.requests())).as("requests, in order").containsExactly("HEAD /files/abc",
                    "PATCH /files/abc @0", "HEAD /files/abc", "HEAD /files/abc", "HEAD /files/abc",
                    "PATCH /files/abc @10", "PATCH /files/abc @20");
            assertThat(sleeper.millis()).as("waits (ms): three failures in a row").containsExactly(100L, 200L, 400L);
            assertThat(progress.reports).as("progress reports").containsExactly("0/25", "10/25", "20/25", "25/25");
        }
    }

    @Test
    @Order(8)
    @DisplayName("progress from offset 0 restarts the failure count too")
    void progressFromZeroResetsBudget() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(headOk(0, 25)).then(status(500)).then(headOk(10, 25)).then(status(500))
                    .then(headOk(20, 25)).then(patched(25));

            client(1, Duration.ofSeconds(5)).resume(server.url("/files/abc"), file(FILE), progress);

            assertThat(sleeper.millis()).as("waits (ms) with maxRetries = 1: each failure is the first in a row")
                    .containsExactly(100L, 100L);
            assertThat(progress.reports).as("progress reports").containsExactly("0/25", "10/25", "20/25", "25/25");
        }
    }

    @Test
    @Order(9)
    @DisplayName("a HEAD answered 204 is fine, a HEAD answered 404 is permanent (Core › HEAD)")
    void headStatuses() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(headOk(20, 25).code(204)).then(patched(25));
            client().resume(server.url("/files/abc"), file(FILE), progress);
            assertThat(progress.reports).as("progress after a 204 HEAD at 20").containsExactly("20/25", "25/25");
        }
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(status(404)).then(headOk(0, 25));
            UploadFailedException e = catchThrowableOfType(UploadFailedException.class,
                    () -> client().resume(server.url("/files/abc"), file(FILE), ProgressListener.NONE));
            assertThat(e).as("resume of an upload the server does not know").isNotNull();
            assertThat(e.status()).as("status in the exception").isEqualTo(404);
            assertThat(server.requests()).as("requests").hasSize(1);
        }
    }

    @Test
    @Order(10)
    @DisplayName("retries are bounded: backoff doubles up to the maximum, then UploadFailedException")
    void boundedRetries() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(headOk(0, 25)).then(status(500));
            for (int i = 0; i < 5; i++) {
                server.then(status(i % 2 == 0 ? 503 : 500));
            }
            UploadFailedException e = catchThrowableOfType(UploadFailedException.class,
                    () -> client(5, Duration.ofSeconds(5)).resume(server.url("/files/abc"), file(FILE), progress));

            assertThat(e).as("after 1 failed PATCH and 5 failed HEADs with maxRetries = 5").isNotNull();
            assertThat(e.status()).as("status of the last failure").isEqualTo(503);
            assertThat(sleeper.millis()).as("waits (ms): 100 doubling, capped at 1000, one per tolerated failure")
                    .containsExactly(100L, 200L, 400L, 800L, 1000L);
            assertThat(sequence(server.requests())).as("requests").hasSize(7);
        }
    }

    @Test
    @Order(11)
    @DisplayName("dropped connections count as failures too, and the last one is the exception's cause")
    void boundedRetriesOnDisconnects() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(headOk(0, 25)).thenDisconnectDuringBody().then(headOk(0, 25)).thenDisconnectDuringBody();
            UploadFailedException e = catchThrowableOfType(UploadFailedException.class,
                    () -> client(1, Duration.ofSeconds(5)).resume(server.url("/files/abc"), file(FILE), progress));

            assertThat(e).as("two dropped PATCHes in a row with maxRetries = 1").isNotNull();
            assertThat(e.status()).as("no response was involved").isEqualTo(UploadFailedException.NO_STATUS);
            assertThat(e.getCause()).as("the cause: the I/O failure").isInstanceOf(IOException.class);
            assertThat(sleeper.millis()).as("waits (ms)").containsExactly(100L);
        }
    }

    @ParameterizedTest(name = "PATCH answered with {0}")
    @Order(12)
    @ValueSource(ints = {400, 403, 404, 410, 412, 413, 415, 460})
    @DisplayName("a 4xx other than 409 is permanent: UploadFailedException at once, no retry, no wait")
    void permanentFailure(int code) throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(headOk(0, 25)).then(status(code)).then(headOk(0, 25)).then(patched(10));
            UploadFailedException e = catchThrowableOfType(UploadFailedException.class,
                    () -> client().resume(server.url("/files/abc"), file(FILE), progress));

            assertThat(e).as("resume when the PATCH is answered with %d", code).isNotNull();
            assertThat(e.status()).as("status in the exception").isEqualTo(code);
            assertThat(sequence(server.requests())).as("requests").containsExactly("HEAD /files/abc",
                    "PATCH /files/abc @0");
            assertThat(sleeper.delays).as("waits").isEmpty();
        }
    }

    @Test
    @Order(13)
    @DisplayName("POST: a 5xx is retried, a 4xx is permanent, a 201 without Location is an error (Creation › POST)")
    void creation() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(status(500)).thenDisconnectBeforeResponse().then(created("http://127.0.0.1:1/elsewhere/xyz"));
            URI upload = client().create(server.url("/files"), 25);
            assertThat(upload).as("an absolute Location is taken as it is")
                    .isEqualTo(URI.create("http://127.0.0.1:1/elsewhere/xyz"));
            assertThat(sequence(server.requests())).as("requests").containsExactly("POST /files", "POST /files",
                    "POST /files");
            assertThat(sleeper.millis()).as("waits (ms) after a 500 and a lost response").containsExactly(100L, 200L);
        }
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(status(413)).then(created("/files/abc"));
            UploadFailedException e = catchThrowableOfType(UploadFailedException.class,
                    () -> client().create(server.url("/files"), 25));
            assertThat(e).as("POST answered with 413").isNotNull();
            assertThat(e.status()).as("status in the exception").isEqualTo(413);
            assertThat(server.requests()).as("requests after a 413").hasSize(1);
        }
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(status(201));
            UploadFailedException e = catchThrowableOfType(UploadFailedException.class,
                    () -> client().create(server.url("/files"), 25));
            assertThat(e).as("a 201 without Location").isNotNull();
            assertThat(e.status()).as("status in the exception").isEqualTo(201);
        }
    }

    @Test
    @Order(14)
    @DisplayName("an empty file is created and complete at once: no PATCH, one progress report 0/0")
    void emptyFile() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.then(created("/files/e")).then(headOk(0, 0));
            client().upload(server.url("/files"), file(new byte[0]), progress);
            List<RecordedRequest> requests = server.requests();
            assertThat(sequence(requests)).as("requests").containsExactly("POST /files", "HEAD /files/e");
            assertThat(requests.get(0).getHeaders().get("Upload-Length")).as("Upload-Length").isEqualTo("0");
            assertThat(progress.reports).as("progress reports").containsExactly("0/0");
        }
    }

    @Test
    @Order(15)
    @DisplayName("a server that breaks the protocol is an error, never silent corruption")
    void protocolViolations() throws Exception {
        record Case(String name, MockResponse.Builder[] script) { }
        List<Case> cases = List.of(
                new Case("HEAD offset 30 beyond the length 25", new MockResponse.Builder[] {headOk(30, 25)}),
                new Case("HEAD Upload-Length 24 for a 25-byte file", new MockResponse.Builder[] {headOk(0, 24)}),
                new Case("HEAD without Upload-Offset", new MockResponse.Builder[] {status(200)
                    .addHeader("Upload-Length", 25)}),
                new Case("HEAD with Upload-Offset: -1", new MockResponse.Builder[] {status(200)
                    .addHeader("Upload-Length", 25).addHeader("Upload-Offset", "-1")}),
                new Case("HEAD with Upload-Offset: +0", new MockResponse.Builder[] {status(200)
                    .addHeader("Upload-Length", 25).addHeader("Upload-Offset", "+0")}),
                new Case("HEAD with Upload-Offset: 9999999999999999999 (beyond a long)",
                    new MockResponse.Builder[] {status(200).addHeader("Upload-Length", 25)
                        .addHeader("Upload-Offset", "9999999999999999999")}),
                new Case("204 without Upload-Offset", new MockResponse.Builder[] {headOk(0, 25), status(204)}),
                new Case("204 acknowledging 15 bytes for a 10-byte chunk",
                    new MockResponse.Builder[] {headOk(0, 25), patched(15)}),
                new Case("204 acknowledging no progress", new MockResponse.Builder[] {headOk(0, 25), patched(0)}),
                new Case("HEAD going back from 10 to 5",
                    new MockResponse.Builder[] {headOk(0, 25), patched(10), status(500), headOk(5, 25)}));
        for (Case c : cases) {
            try (ScriptedServer server = new ScriptedServer()) {
                for (MockResponse.Builder response : c.script) {
                    server.then(response);
                }
                server.then(headOk(0, 25)).then(patched(10)).then(patched(20)).then(patched(25));
                UploadFailedException e = catchThrowableOfType(UploadFailedException.class,
                        () -> client().resume(server.url("/files/abc"), file(FILE), ProgressListener.NONE));
                assertThat(e).as("resume against a server that sends: %s", c.name).isNotNull();
                assertThat(server.requests()).as("requests before giving up on: %s", c.name)
                        .hasSize(c.script.length);
            }
        }
    }
}
