package dev.backendkatas.chunkedupload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The graded tests of kata 02. Each nested class is a stage; the README has a section of the same name.
 *
 * <p>Server stages talk to a real {@link UploadServer} on a loopback port through {@link RawHttp}, which sends
 * requests byte for byte as written (hostile ones included). Client stages script a MockWebServer
 * ({@link ScriptedServer}) or run the client against the server through a {@link FaultyProxy}. Section names in
 * display names are those of the tus 1.0.0 specification (https://tus.io/protocols/resumable-upload).
 */
@DisplayName("Kata 02 — Chunked, resumable upload")
class ChunkedUploadKataTest {

    static final long MAX_SIZE = 64L * 1024 * 1024;

    @TempDir
    Path sandbox;

    private final List<UploadServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(UploadServer::close);
    }

    // --- fixtures -----------------------------------------------------------------------------------------------

    Path root() throws IOException {
        return Files.createDirectories(sandbox.resolve("uploads-root"));
    }

    UploadServer startServer() throws IOException {
        return startServer(DataFileOpener.FILE_SYSTEM);
    }

    UploadServer startServer(DataFileOpener opener) throws IOException {
        UploadServer server = new UploadServer(UploadServerConfig.of(root(), MAX_SIZE), opener);
        servers.add(server);
        server.start();
        return server;
    }

    static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256", bytes));
    }

    static String base64Digest(String algorithm, byte[] bytes) {
        return Base64.getEncoder().encodeToString(digest(algorithm, bytes));
    }

    static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Control characters visible: what a learner needs to see in a failure message. */
    static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** A tiny tus client over RawHttp, for one server. */
    static final class Tus1 {
        final UploadServer server;

        Tus1(UploadServer server) {
            this.server = server;
        }

        int port() {
            return server.port();
        }

        RawHttp.Response request(String method, String target, String headers, byte[] body) throws IOException {
            String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers;
            return RawHttp.exchange(port(), method, head, body);
        }

        RawHttp.Response post(String headers) throws IOException {
            return request("POST", "/uploads", headers + "Content-Length: 0\r\n", new byte[0]);
        }

        RawHttp.Response postLength(long length) throws IOException {
            return post("Tus-Resumable: 1.0.0\r\nUpload-Length: " + length + "\r\n");
        }

        /** Creates an upload and returns its id, failing the test with the response if that does not work. */
        String create(long length) throws IOException {
            RawHttp.Response response = postLength(length);
            assertThat(response.status()).as("POST /uploads with Upload-Length: %d → %s", length, response)
                    .isEqualTo(201);
            String location = response.header("Location");
            assertThat(location).as("Location of %s", response).isNotNull().startsWith("/uploads/");
            return location.substring("/uploads/".length());
        }

        RawHttp.Response head(String id) throws IOException {
            return request("HEAD", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\n", new byte[0]);
        }

        /** The Upload-Offset a HEAD reports, failing the test if HEAD does not answer 200 with one. */
        long offset(String id) throws IOException {
            RawHttp.Response response = head(id);
            assertThat(response.status()).as("HEAD /uploads/%s → %s", id, response).isEqualTo(200);
            assertThat(response.header("Upload-Offset")).as("Upload-Offset of HEAD → %s", response).isNotNull();
            return Long.parseLong(response.header("Upload-Offset"));
        }

        RawHttp.Response patch(String id, long offset, byte[] body, String extraHeaders) throws IOException {
            return request("PATCH", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\nContent-Type: "
                    + Tus.OFFSET_OCTET_STREAM + "\r\nUpload-Offset: " + offset + "\r\nContent-Length: " + body.length
                    + "\r\n" + extraHeaders, body);
        }

        RawHttp.Response patch(String id, long offset, byte[] body) throws IOException {
            return patch(id, offset, body, "");
        }

        /** PATCHes bytes [from, to) of data and expects 204 with Upload-Offset: to. */
        void append(String id, byte[] data, int from, int to) throws IOException {
            RawHttp.Response response = patch(id, from, Arrays.copyOfRange(data, from, to));
            assertThat(response.status()).as("PATCH of bytes [%d, %d) at Upload-Offset %d → %s", from, to, from,
                    response).isEqualTo(204);
            assertThat(response.header("Upload-Offset")).as("new Upload-Offset after [%d, %d) → %s", from, to,
                    response).isEqualTo(Long.toString(to));
        }

        Path dataFile(String id) {
            return server.config().dataFile(id);
        }

        /** The first {@code offset} bytes of the data file: what the upload holds. */
        byte[] stored(String id, long offset) throws IOException {
            byte[] all = Files.readAllBytes(dataFile(id));
            assertThat((long) all.length).as("data file %s holds at least the acknowledged %d bytes", dataFile(id),
                    offset).isGreaterThanOrEqualTo(offset);
            return Arrays.copyOf(all, (int) offset);
        }
    }

    Tus1 tus(UploadServer server) {
        return new Tus1(server);
    }

    Tus1 tus() throws IOException {
        return tus(startServer());
    }

    /** Every file under the sandbox, to prove that nothing was created or changed outside the storage root. */
    Set<String> filesOutsideRoot() throws IOException {
        Path root = root();
        Set<String> files = new HashSet<>();
        try (Stream<Path> walk = Files.walk(sandbox)) {
            walk.filter(p -> !p.startsWith(root)).forEach(p -> files.add(sandbox.relativize(p).toString()));
        }
        return files;
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(1)
    @DisplayName("Stage 1 — Create and query")
    class Stage1CreateAndQuery {

        @Test
        @Order(1)
        @DisplayName("POST with Upload-Length creates an upload: 201 + Location, and HEAD reports offset 0 (Creation › POST, Core › HEAD)")
        void createsAndQueries() throws IOException {
            Tus1 tus = tus();
            RawHttp.Response created = tus.postLength(1000);

            assertThat(created.status()).as("POST /uploads, Upload-Length: 1000 → %s", created).isEqualTo(201);
            assertThat(created.header("Tus-Resumable")).as("Tus-Resumable of the 201").isEqualTo("1.0.0");
            String location = created.header("Location");
            assertThat(location).as("Location: basePath/<id>, a relative reference").matches("/uploads/[A-Za-z0-9_-]{22}");

            RawHttp.Response head = tus.head(location.substring("/uploads/".length()));
            assertThat(head.status()).as("HEAD %s → %s", location, head).isEqualTo(200);
            assertThat(head.header("Upload-Offset")).as("Upload-Offset of a new upload").isEqualTo("0");
            assertThat(head.header("Upload-Length")).as("Upload-Length as created").isEqualTo("1000");
            assertThat(head.header("Cache-Control")).as("HEAD must not be cached (Core › HEAD)").isEqualTo("no-store");
            assertThat(head.header("Tus-Resumable")).as("Tus-Resumable of the HEAD response").isEqualTo("1.0.0");
        }

        @Test
        @DisplayName("an id is 16 bytes from one nextBytes call of the SecureRandom, in unpadded base64url (RFC 4648 §5)")
        void idEncoding() {
            List<Integer> requested = new ArrayList<>();
            SecureRandom scripted = new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    requested.add(bytes.length);
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) (i * 17 + 0xF0);
                    }
                }
            };
            String id = UploadIds.newId(scripted);
            byte[] expected = new byte[16];
            for (int i = 0; i < 16; i++) {
                expected[i] = (byte) (i * 17 + 0xF0);
            }
            assertThat(requested).as("nextBytes calls and their sizes").containsExactly(16);
            assertThat(id).as("bytes f0 01 12 23 … in base64url, no padding")
                    .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(expected)).hasSize(22);
            assertThat(id).as("base64url uses - and _ where base64 uses + and /").doesNotContain("+", "/", "=");
        }

        @Test
        @DisplayName("ids of created uploads are distinct, 22 characters of A-Z a-z 0-9 - _")
        void idsAreRandom() throws IOException {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                ids.add(UploadIds.newId(new SecureRandom()));
            }
            assertThat(ids).as("300 ids from newId").hasSize(300).allMatch(id -> id.matches("[A-Za-z0-9_-]{22}"));
            Tus1 tus = tus();
            String first = tus.create(5);
            String second = tus.create(5);
            assertThat(first).as("two uploads, two ids").isNotEqualTo(second);
        }

        @Test
        @DisplayName("Upload-Length: 0 is complete at once: HEAD reports offset 0 of length 0")
        void zeroLength() throws IOException {
            Tus1 tus = tus();
            String id = tus.create(0);
            RawHttp.Response head = tus.head(id);
            assertThat(head.header("Upload-Offset")).as("offset of an empty upload → %s", head).isEqualTo("0");
            assertThat(head.header("Upload-Length")).as("length of an empty upload → %s", head).isEqualTo("0");
            assertThat(tus.dataFile(id)).as("an empty upload's data file").exists().isEmptyFile();
        }

        @Test
        @DisplayName("refuses an Upload-Length above the maximum with 413, accepts the maximum itself (Creation › POST)")
        void aboveMaximum() throws IOException {
            Tus1 tus = tus();
            RawHttp.Response above = tus.postLength(MAX_SIZE + 1);
            assertThat(above.status()).as("Upload-Length = max + 1 → %s", above).isEqualTo(413);
            assertThat(tus.postLength(MAX_SIZE).status()).as("Upload-Length = max").isEqualTo(201);
            assertThat(tus.postLength(Long.MAX_VALUE).status()).as("Upload-Length = Long.MAX_VALUE").isEqualTo(413);
        }

        @ParameterizedTest(name = "Upload-Length: \"{0}\"")
        @ValueSource(strings = {"", "-1", "-0", "+5", "abc", "1.5", "1e3", "0x10", " 12x", "5,5",
            "99999999999999999999", "9223372036854775808", "١٢٣"})
        @DisplayName("refuses a malformed Upload-Length with 400 and creates nothing (Core › Headers › Upload-Length)")
        void malformedLength(String value) throws IOException {
            Tus1 tus = tus();
            RawHttp.Response response = tus.post("Tus-Resumable: 1.0.0\r\nUpload-Length: " + value + "\r\n");
            assertThat(response.status()).as("POST with Upload-Length: \"%s\" → %s", value, response).isEqualTo(400);
            try (Stream<Path> files = Files.list(root())) {
                assertThat(files).as("files in the storage root after a refused POST").isEmpty();
            }
        }

        @Test
        @DisplayName("refuses a POST without Upload-Length, or with two of them, with 400")
        void missingOrRepeatedLength() throws IOException {
            Tus1 tus = tus();
            assertThat(tus.post("Tus-Resumable: 1.0.0\r\n").status()).as("no Upload-Length").isEqualTo(400);
            assertThat(tus.post("Tus-Resumable: 1.0.0\r\nUpload-Length: 5\r\nUpload-Length: 6\r\n").status())
                    .as("Upload-Length: 5 and Upload-Length: 6").isEqualTo(400);
            assertThat(tus.post("Tus-Resumable: 1.0.0\r\nUpload-Defer-Length: 1\r\n").status())
                    .as("Upload-Defer-Length: 1 (creation-defer-length is not supported)").isEqualTo(400);
        }

        @Test
        @DisplayName("refuses a POST that carries body bytes with 400 (no creation-with-upload)")
        void postWithBody() throws IOException {
            Tus1 tus = tus();
            RawHttp.Response response = tus.request("POST", "/uploads",
                    "Tus-Resumable: 1.0.0\r\nUpload-Length: 5\r\nContent-Type: application/offset+octet-stream\r\n"
                            + "Content-Length: 5\r\n", "hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(response.status()).as("POST with a 5-byte body → %s", response).isEqualTo(400);
        }

        @Test
        @DisplayName("HEAD of an unknown upload is 404 without Upload-Offset (Core › HEAD)")
        void unknownUpload() throws IOException {
            Tus1 tus = tus();
            RawHttp.Response response = tus.head("AAAAAAAAAAAAAAAAAAAAAA");
            assertThat(response.status()).as("HEAD of a well-formed id nobody created → %s", response).isEqualTo(404);
            assertThat(response.header("Upload-Offset")).as("a 404 carries no Upload-Offset").isNull();
            assertThat(response.header("Tus-Resumable")).as("Tus-Resumable on every response").isEqualTo("1.0.0");
        }

        @ParameterizedTest(name = "Tus-Resumable: \"{0}\"")
        @ValueSource(strings = {"(none)", "0.2.2", "1.0", "1.0.0-rc", "1.0.0,0.2.2", "2.0.0", ""})
        @DisplayName("answers a missing or unsupported Tus-Resumable with 412 and Tus-Version: 1.0.0, and does nothing (Core › Headers › Tus-Resumable)")
        void versionMismatch(String version) throws IOException {
            Tus1 tus = tus();
            String header = version.equals("(none)") ? "" : "Tus-Resumable: " + version + "\r\n";
            RawHttp.Response response = tus.post(header + "Upload-Length: 10\r\n");
            assertThat(response.status()).as("POST with %s → %s", visible(header), response).isEqualTo(412);
            assertThat(response.header("Tus-Version")).as("a 412 lists the supported versions").isEqualTo("1.0.0");
            assertThat(response.header("Tus-Resumable")).as("Tus-Resumable on every response").isEqualTo("1.0.0");
            try (Stream<Path> files = Files.list(root())) {
                assertThat(files).as("a 412 must not process the request: files in the storage root").isEmpty();
            }
            String id = tus.create(3);
            RawHttp.Response head = tus.request("HEAD", "/uploads/" + id, header, new byte[0]);
            assertThat(head.status()).as("HEAD with %s → %s", visible(header), head).isEqualTo(412);
        }

        @Test
        @DisplayName("OPTIONS (without Tus-Resumable) announces version, extensions, max size and checksum algorithms (Core › OPTIONS)")
        void options() throws IOException {
            Tus1 tus = tus();
            RawHttp.Response response = tus.request("OPTIONS", "/uploads", "", new byte[0]);
            assertThat(response.status()).as("OPTIONS /uploads → %s", response).isIn(200, 204);
            assertThat(response.header("Tus-Version")).as("Tus-Version").isEqualTo("1.0.0");
            assertThat(response.header("Tus-Extension")).as("Tus-Extension").isEqualTo("creation,checksum");
            assertThat(response.header("Tus-Max-Size")).as("Tus-Max-Size").isEqualTo(Long.toString(MAX_SIZE));
            assertThat(response.header("Tus-Checksum-Algorithm")).as("Tus-Checksum-Algorithm (sha1 is required)")
                    .isEqualTo("sha1,sha256");
            assertThat(response.header("Tus-Resumable")).as("Tus-Resumable on every response").isEqualTo("1.0.0");
            RawHttp.Response old = tus.request("OPTIONS", "/uploads", "Tus-Resumable: 0.2.2\r\n", new byte[0]);
            assertThat(old.status()).as("OPTIONS ignores Tus-Resumable → %s", old).isIn(200, 204);
        }

        @Test
        @DisplayName("keeps Upload-Metadata and echoes it on HEAD exactly as received (Creation › Upload-Metadata)")
        void metadata() throws IOException {
            Tus1 tus = tus();
            String metadata = "filename d29ybGRfZG9taW5hdGlvbl9wbGFuLnBkZg==,is_confidential";
            RawHttp.Response created = tus.post("Tus-Resumable: 1.0.0\r\nUpload-Length: 3\r\nUpload-Metadata: "
                    + metadata + "\r\n");
            assertThat(created.status()).as("POST with Upload-Metadata → %s", created).isEqualTo(201);
            String id = created.header("Location").substring("/uploads/".length());
            assertThat(tus.head(id).header("Upload-Metadata")).as("Upload-Metadata on HEAD").isEqualTo(metadata);
            assertThat(tus.head(tus.create(3)).header("Upload-Metadata")).as("an upload created without metadata")
                    .isNull();
            String longest = "k " + "A".repeat(4094);
            assertThat(tus.post("Tus-Resumable: 1.0.0\r\nUpload-Length: 3\r\nUpload-Metadata: " + longest + "\r\n")
                    .status()).as("Upload-Metadata of exactly 4096 characters").isEqualTo(201);
            assertThat(tus.post("Tus-Resumable: 1.0.0\r\nUpload-Length: 3\r\nUpload-Metadata: " + longest + "AAAA\r\n")
                    .status()).as("Upload-Metadata of 4100 characters").isEqualTo(400);
            assertThat(tus.post("Tus-Resumable: 1.0.0\r\nUpload-Length: 3\r\nUpload-Metadata: !~ aGk=,empty\r\n")
                    .status()).as("keys '!~' (printable ASCII) and 'empty' (no value)").isEqualTo(201);
        }

        @ParameterizedTest(name = "Upload-Metadata: \"{0}\"")
        @ValueSource(strings = {"name not*base64", "a b c", " ", "name aGk=,name aGk=", ",x", "k\u00e9y aGk=", "k\u007fy aGk="})
        @DisplayName("refuses malformed Upload-Metadata with 400: empty or repeated key, value not Base64")
        void malformedMetadata(String metadata) throws IOException {
            Tus1 tus = tus();
            RawHttp.Response response = tus.post("Tus-Resumable: 1.0.0\r\nUpload-Length: 3\r\nUpload-Metadata: "
                    + metadata + "\r\n");
            assertThat(response.status()).as("POST with Upload-Metadata: \"%s\" → %s", metadata, response)
                    .isEqualTo(400);
        }

        @Test
        @DisplayName("answers an unknown path with 404 and a method the path does not have with 405 + Allow")
        void routing() throws IOException {
            Tus1 tus = tus();
            String id = tus.create(4);
            RawHttp.Response elsewhere = tus.request("POST", "/files", "Tus-Resumable: 1.0.0\r\nUpload-Length: 4\r\n"
                    + "Content-Length: 0\r\n", new byte[0]);
            assertThat(elsewhere.status()).as("POST /files → %s", elsewhere).isEqualTo(404);
            assertThat(elsewhere.header("Tus-Resumable")).as("even a 404 carries Tus-Resumable").isEqualTo("1.0.0");
            RawHttp.Response getUpload = tus.request("GET", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\n", new byte[0]);
            assertThat(getUpload.status()).as("GET /uploads/<id> → %s", getUpload).isEqualTo(405);
            assertThat(getUpload.header("Allow")).as("Allow of the 405").contains("HEAD", "PATCH");
            RawHttp.Response patchCollection = tus.request("PATCH", "/uploads", "Tus-Resumable: 1.0.0\r\n"
                    + "Content-Length: 0\r\n", new byte[0]);
            assertThat(patchCollection.status()).as("PATCH /uploads → %s", patchCollection).isEqualTo(405);
            assertThat(patchCollection.header("Allow")).as("Allow of the 405").contains("POST");
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(2)
    @DisplayName("Stage 2 — Append")
    class Stage2Append {

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

        @ParameterizedTest(name = "Upload-Offset: \"{0}\"")
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
        @DisplayName("answers a PATCH to an unknown upload with 404 (Core › PATCH)")
        void unknownUpload() throws IOException {
            Tus1 tus = tus();
            tus.create(3);
            RawHttp.Response response = tus.patch("AAAAAAAAAAAAAAAAAAAAAA", 0, "abc".getBytes(StandardCharsets.US_ASCII));
            assertThat(response.status()).as("PATCH of an id nobody created → %s", response).isEqualTo(404);
        }

        @Test
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
        @DisplayName("refuses a body that would go past Upload-Length with 413 and keeps nothing of it")
        void bodyBeyondLength() throws IOException {
            Tus1 tus = tus();
            String id = tus.create(10);
            tus.append(id, "0123".getBytes(StandardCharsets.US_ASCII), 0, 4);
            RawHttp.Response tooLong = tus.patch(id, 4, "456789X".getBytes(StandardCharsets.US_ASCII));
            assertThat(tooLong.status()).as("7 bytes at 4 of 10 → %s", tooLong).isEqualTo(413);
            assertThat(tus.offset(id)).as("offset after the refused PATCH").isEqualTo(4);

            byte[] chunkedBody = "7\r\n456789X\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            RawHttp.Response chunked = tus.request("PATCH", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\nContent-Type: "
                    + "application/offset+octet-stream\r\nUpload-Offset: 4\r\nTransfer-Encoding: chunked\r\n", chunkedBody);
            assertThat(chunked.status()).as("7 bytes at 4 of 10, chunked (no Content-Length) → %s", chunked)
                    .isEqualTo(413);
            assertThat(tus.offset(id)).as("offset after the refused chunked PATCH").isEqualTo(4);
            byte[] twoChunks = "4\r\n4567\r\n4\r\n89XY\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            RawHttp.Response second = tus.request("PATCH", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\nContent-Type: "
                    + "application/offset+octet-stream\r\nUpload-Offset: 4\r\nTransfer-Encoding: chunked\r\n", twoChunks);
            assertThat(second.status()).as("4 + 4 bytes at 4 of 10 in two HTTP chunks: the second overflows → %s",
                    second).isEqualTo(413);
            assertThat(tus.offset(id)).as("offset after the refused two-chunk PATCH").isEqualTo(4);

            RawHttp.Response exact = tus.patch(id, 4, "456789".getBytes(StandardCharsets.US_ASCII));
            assertThat(exact.status()).as("the 6 bytes that fit → %s", exact).isEqualTo(204);
            assertThat(Files.readAllBytes(tus.dataFile(id))).as("data file of the complete upload")
                    .isEqualTo("0123456789".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response afterEnd = tus.patch(id, 10, "A".getBytes(StandardCharsets.US_ASCII));
            assertThat(afterEnd.status()).as("one byte more to a complete upload → %s", afterEnd).isEqualTo(413);
        }

        @Test
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

        @Test
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

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(3)
    @DisplayName("Stage 3 — Integrity")
    class Stage3Integrity {

        @Test
        @Order(1)
        @DisplayName("accepts a chunk whose Upload-Checksum matches, for sha256 and sha1 (Checksum extension)")
        void matchingChecksum() throws IOException {
            Tus1 tus = tus();
            byte[] data = "hello world".getBytes(StandardCharsets.US_ASCII);
            String id = tus.create(data.length);
            RawHttp.Response sha1 = tus.patch(id, 0, Arrays.copyOf(data, 5), "Upload-Checksum: sha1 "
                    + base64Digest("SHA-1", Arrays.copyOf(data, 5)) + "\r\n");
            assertThat(sha1.status()).as("sha1 of 'hello' → %s", sha1).isEqualTo(204);
            byte[] rest = Arrays.copyOfRange(data, 5, data.length);
            RawHttp.Response sha256 = tus.patch(id, 5, rest, "Upload-Checksum: sha256 "
                    + base64Digest("SHA-256", rest) + "\r\n");
            assertThat(sha256.status()).as("sha256 of ' world' → %s", sha256).isEqualTo(204);
            assertThat(Files.readAllBytes(tus.dataFile(id))).as("stored bytes").isEqualTo(data);
            RawHttp.Response spec = tus().patch(tus.create(11), 0, data, "Upload-Checksum: sha1 "
                    + "Kq5sNclPz7QV2+lfQIuc6R7oRu0=\r\n");
            assertThat(spec.status()).as("the specification's example, sha1 of 'hello world' → %s", spec)
                    .isEqualTo(204);
        }

        @Test
        @DisplayName("answers a checksum mismatch with 460, discards the chunk, and accepts the right one after (Checksum extension)")
        void mismatch() throws IOException {
            Tus1 tus = tus();
            byte[] data = randomBytes(3, 50_000);
            String id = tus.create(data.length);
            tus.append(id, data, 0, 10_000);
            byte[] chunk = Arrays.copyOfRange(data, 10_000, 50_000);
            byte[] corrupted = chunk.clone();
            corrupted[39_999] ^= 1;
            RawHttp.Response response = tus.patch(id, 10_000, corrupted, "Upload-Checksum: sha256 "
                    + base64Digest("SHA-256", chunk) + "\r\n");
            assertThat(response.status()).as("a chunk with its last bit flipped → %s", response).isEqualTo(460);
            assertThat(tus.offset(id)).as("offset after the 460").isEqualTo(10_000);
            RawHttp.Response retry = tus.patch(id, 10_000, chunk, "Upload-Checksum: sha256 "
                    + base64Digest("SHA-256", chunk) + "\r\n");
            assertThat(retry.status()).as("the intact chunk at the same offset → %s", retry).isEqualTo(204);
            assertThat(sha256Hex(Files.readAllBytes(tus.dataFile(id)))).as("SHA-256 of the data file")
                    .isEqualTo(sha256Hex(data));
        }

        @ParameterizedTest(name = "Upload-Checksum: \"{0}\"")
        @ValueSource(strings = {"md5 XUFAKrxLKna5cZ2REBfFkg==", "crc32 DUoRhQ==", "SHA256 %s", "sha-256 %s",
            "sha256", "sha256  %s", "sha256 %s extra", "sha256 not*base64!", "sha256 aGVsbG8=", ""})
        @DisplayName("refuses an unsupported algorithm or a malformed Upload-Checksum with 400, unchanged (Checksum extension)")
        void badChecksumHeader(String template) throws IOException {
            Tus1 tus = tus();
            byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
            String id = tus.create(body.length);
            String value = template.replace("%s", base64Digest("SHA-256", body));
            RawHttp.Response response = tus.patch(id, 0, body, "Upload-Checksum: " + value + "\r\n");
            assertThat(response.status()).as("Upload-Checksum: \"%s\" → %s", value, response).isEqualTo(400);
            assertThat(tus.offset(id)).as("offset after the refused PATCH").isZero();
        }

        @Test
        @DisplayName("isValid accepts exactly 22 characters of A-Z a-z 0-9 - _")
        void idSyntax() {
            assertThat(UploadIds.isValid(UploadIds.newId(new SecureRandom()))).as("a new id").isTrue();
            assertThat(UploadIds.isValid("AZaz09-_AZaz09-_AZaz09")).as("every kind of character").isTrue();
            for (String bad : new String[] {null, "", "AAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAA",
                "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "AAAAAAAAAAAAAAAAAAAA..", "AAAAAAAAAAAAAAAAAAAA/A",
                "AAAAAAAAAAAAAAAAAAAA\\A", "AAAAAAAAAAAAAAAAAAAA+A", "AAAAAAAAAAAAAAAAAAAA=A", "AAAAAAAAAAAAAAAAAAAA%A",
                "AAAAAAAAAAAAAAAAAAAA A", "AAAAAAAAAAAAAAAAAAAAÄA", "AAAAAAAAAAAAAAAAAAAA\0A", "A".repeat(1000)}) {
                assertThat(UploadIds.isValid(bad)).as("isValid(\"%s\")", bad == null ? null : visible(bad)).isFalse();
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/uploads/../../outside/secret", "/uploads/..%2F..%2Foutside%2Fsecret",
            "/uploads/%2e%2e%2f%2e%2e%2foutside%2fsecret", "/uploads/..%252F..%252Foutside%252Fsecret",
            "/uploads/%2E%2E/%2E%2E/outside/secret", "/uploads/..\\..\\outside\\secret",
            "/uploads/AAAAAAAAAAAAAAAAAAAA%2F..", "/uploads/AAAAAAAAAAAAAAAAAAAAAA/../../outside/secret",
            "/uploads//etc/passwd", "/uploads/%00AAAAAAAAAAAAAAAAAAAAA", "/uploads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
        @DisplayName("a path that is not basePath/<valid id> reads and writes nothing outside the root (path traversal)")
        void pathTraversal(String target) throws IOException {
            Tus1 tus = tus();
            String genuine = tus.create(4);
            Path outside = Files.createDirectories(sandbox.resolve("outside"));
            byte[] secret = "top secret".getBytes(StandardCharsets.US_ASCII);
            for (String name : new String[] {"secret", "secret.bin", "secret.info"}) {
                Files.write(outside.resolve(name), secret);
            }
            Set<String> before = filesOutsideRoot();

            RawHttp.Response head = tus.request("HEAD", target, "Tus-Resumable: 1.0.0\r\n", new byte[0]);
            RawHttp.Response patch = tus.request("PATCH", target, "Tus-Resumable: 1.0.0\r\nContent-Type: "
                    + "application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: 4\r\n",
                    "PWND".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response post = tus.request("POST", target, "Tus-Resumable: 1.0.0\r\nUpload-Length: 4\r\n"
                    + "Content-Length: 0\r\n", new byte[0]);

            assertThat(head.status()).as("HEAD %s → %s", target, head).isIn(400, 404);
            assertThat(head.header("Upload-Offset")).as("HEAD %s reveals no offset", target).isNull();
            assertThat(patch.status()).as("PATCH %s → %s", target, patch).isIn(400, 404);
            assertThat(post.status()).as("POST %s → %s", target, post).isIn(400, 404, 405);
            for (String name : new String[] {"secret", "secret.bin", "secret.info"}) {
                assertThat(outside.resolve(name)).as("%s next to the storage root", name).hasBinaryContent(secret);
            }
            assertThat(filesOutsideRoot()).as("files outside the storage root").isEqualTo(before);
            assertThat(tus.offset(genuine)).as("a genuine upload, untouched").isZero();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(4)
    @DisplayName("Stage 4 — Durability")
    class Stage4Durability {

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
        @DisplayName("a client that vanishes mid-chunk leaves the offset at most at the bytes it sent, and the upload resumes byte-exact")
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
            resumeUntilComplete(tus, id, data, 25_000 + 30_000);
        }

        @Test
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
                assertThat(offset).as("offset after an interrupted chunk: at most the %d bytes really sent", bytesSent)
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

    // ------------------------------------------------------------------------------------------------------------

    /** A sleeper that records the delays it is asked for and returns at once. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> delays = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration delay) {
            delays.add(delay);
        }

        List<Long> millis() {
            return delays.stream().map(Duration::toMillis).toList();
        }
    }

    /** A progress listener that records every report as "acknowledged/total". */
    static final class RecordingProgress implements ProgressListener {
        final List<String> reports = new CopyOnWriteArrayList<>();
        final List<Long> acknowledged = new CopyOnWriteArrayList<>();

        @Override
        public void onProgress(long acknowledgedBytes, long total) {
            reports.add(acknowledgedBytes + "/" + total);
            acknowledged.add(acknowledgedBytes);
        }
    }

    @Nested
    @Order(5)
    @DisplayName("Stage 5 — The resumable client")
    class Stage5Client {

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
        @DisplayName("a request that times out is a failure like a dropped connection")
        void timeout() throws Exception {
            try (ScriptedServer server = new ScriptedServer()) {
                server.then(headOk(0, 25)).thenStall().then(headOk(0, 25))
                        .then(patched(10)).then(patched(20)).then(patched(25));

                client(3, Duration.ofMillis(300)).resume(server.url("/files/abc"), file(FILE), progress);

                assertThat(sequence(server.requests())).as("requests, in order").containsExactly("HEAD /files/abc",
                        "PATCH /files/abc @0", "HEAD /files/abc", "PATCH /files/abc @0", "PATCH /files/abc @10",
                        "PATCH /files/abc @20");
                assertThat(sleeper.millis()).as("waits (ms)").containsExactly(100L);
            }
        }

        @Test
        @DisplayName("a failed HEAD is a failure too: wait longer, and ask again")
        void failingHead() throws Exception {
            try (ScriptedServer server = new ScriptedServer()) {
                // A stalled HEAD, not a dropped one: the JDK HttpClient itself retries an idempotent HEAD once when
                // its connection drops, which would hide the failure from the client under test.
                server.then(headOk(0, 25)).then(status(500)).thenStall().then(status(503))
                        .then(headOk(10, 25)).then(patched(20)).then(patched(25));

                client(3, Duration.ofMillis(300)).resume(server.url("/files/abc"), file(FILE), progress);

                assertThat(sequence(server.requests())).as("requests, in order").containsExactly("HEAD /files/abc",
                        "PATCH /files/abc @0", "HEAD /files/abc", "HEAD /files/abc", "HEAD /files/abc",
                        "PATCH /files/abc @10", "PATCH /files/abc @20");
                assertThat(sleeper.millis()).as("waits (ms): three failures in a row").containsExactly(100L, 200L, 400L);
                assertThat(progress.reports).as("progress reports").containsExactly("0/25", "10/25", "20/25", "25/25");
            }
        }

        @Test
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

        @Test
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
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(6)
    @DisplayName("Stage 6 — End to end through a faulty network")
    class Stage6EndToEnd {

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
}
