package dev.backendkatas.chunkedupload;

import static dev.backendkatas.chunkedupload.Visible.visible;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 1 of kata 02: create an upload, query its offset; the README section of the same name teaches it. */
@Order(1)
@DisplayName("Stage 1 — Create and query")
class Stage1CreateAndQueryTest extends UploadSandbox {

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
    @Order(2)
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
    @Order(3)
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
    @Order(4)
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
    @Order(5)
    @DisplayName("refuses an Upload-Length above the maximum with 413, accepts the maximum itself (Creation › POST)")
    void aboveMaximum() throws IOException {
        Tus1 tus = tus();
        RawHttp.Response above = tus.postLength(MAX_SIZE + 1);
        assertThat(above.status()).as("Upload-Length = max + 1 → %s", above).isEqualTo(413);
        assertThat(tus.postLength(MAX_SIZE).status()).as("Upload-Length = max").isEqualTo(201);
        assertThat(tus.postLength(Long.MAX_VALUE).status()).as("Upload-Length = Long.MAX_VALUE").isEqualTo(413);
    }

    @Test
    @Order(6)
    @DisplayName("refuses a POST without Upload-Length, or with two of them, with 400")
    void missingOrRepeatedLength() throws IOException {
        Tus1 tus = tus();
        assertThat(tus.post("Tus-Resumable: 1.0.0\r\n").status()).as("no Upload-Length").isEqualTo(400);
        assertThat(tus.post("Tus-Resumable: 1.0.0\r\nUpload-Length: 5\r\nUpload-Length: 6\r\n").status())
                .as("Upload-Length: 5 and Upload-Length: 6").isEqualTo(400);
    }

    @Test
    @Order(7)
    @DisplayName("refuses a POST whose body is not application/offset+octet-stream with 400: bytes it does not store must not look accepted")
    void postWithBody() throws IOException {
        Tus1 tus = tus();
        for (String type : new String[] {"", "Content-Type: text/plain\r\n"}) {
            RawHttp.Response response = tus.request("POST", "/uploads", "Tus-Resumable: 1.0.0\r\nUpload-Length: 5\r\n"
                    + type + "Content-Length: 5\r\n", "hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(response.status()).as("POST with a 5-byte body and %s→ %s",
                    type.isEmpty() ? "no Content-Type " : visible(type), response).isEqualTo(400);
        }
        assertThat(filesInRoot()).as("files in the storage root after the refused POSTs").isEmpty();
    }

    @Test
    @Order(8)
    @DisplayName("HEAD of an unknown upload is 404 without Upload-Offset (Core › HEAD)")
    void unknownUpload() throws IOException {
        Tus1 tus = tus();
        RawHttp.Response response = tus.head("AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(response.status()).as("HEAD of a well-formed id nobody created → %s", response).isEqualTo(404);
        assertThat(response.header("Upload-Offset")).as("a 404 carries no Upload-Offset").isNull();
        assertThat(response.header("Tus-Resumable")).as("Tus-Resumable on every response").isEqualTo("1.0.0");
    }

    @ParameterizedTest(name = "Tus-Resumable: \"{0}\"")
    @Order(9)
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
    @Order(10)
    @DisplayName("OPTIONS (without Tus-Resumable) announces version, extensions, max size and checksum algorithms (Core › OPTIONS)")
    void options() throws IOException {
        Tus1 tus = tus();
        RawHttp.Response response = tus.request("OPTIONS", "/uploads", "", new byte[0]);
        assertThat(response.status()).as("OPTIONS /uploads → %s", response).isIn(200, 204);
        assertThat(response.header("Tus-Version")).as("Tus-Version").isEqualTo("1.0.0");
        assertThat(response.header("Tus-Extension")).as("Tus-Extension: a comma-separated list").isNotNull();
        assertThat(response.header("Tus-Extension").split(",")).as("Tus-Extension lists creation and checksum")
                .contains("creation", "checksum");
        assertThat(response.header("Tus-Max-Size")).as("Tus-Max-Size").isEqualTo(Long.toString(MAX_SIZE));
        assertThat(response.header("Tus-Checksum-Algorithm")).as("Tus-Checksum-Algorithm (sha1 is required)")
                .isEqualTo("sha1,sha256");
        assertThat(response.header("Tus-Resumable")).as("Tus-Resumable on every response").isEqualTo("1.0.0");
        RawHttp.Response old = tus.request("OPTIONS", "/uploads", "Tus-Resumable: 0.2.2\r\n", new byte[0]);
        assertThat(old.status()).as("OPTIONS ignores Tus-Resumable → %s", old).isIn(200, 204);
    }

    @Test
    @Order(11)
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

    @Test
    @Order(12)
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

    @ParameterizedTest(name = "Upload-Length: \"{0}\"")
    @Order(13)
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

    @ParameterizedTest(name = "Upload-Metadata: \"{0}\"")
    @Order(14)
    @ValueSource(strings = {"name not*base64", "name aG*k=", "name a\tGk=", "a b c", " ", "name aGk=,name aGk=", ",x",
        "k\u00e9y aGk=", "k\u007fy aGk="})
    @DisplayName("refuses malformed Upload-Metadata with 400: empty or repeated key, value not Base64 (RFC 4648 §4)")
    void malformedMetadata(String metadata) throws IOException {
        Tus1 tus = tus();
        RawHttp.Response response = tus.post("Tus-Resumable: 1.0.0\r\nUpload-Length: 3\r\nUpload-Metadata: "
                + metadata + "\r\n");
        assertThat(response.status()).as("POST with Upload-Metadata: \"%s\" → %s", metadata, response)
                .isEqualTo(400);
    }
}
