package dev.backendkatas.chunkedupload;

import static dev.backendkatas.chunkedupload.Bytes.base64Digest;
import static dev.backendkatas.chunkedupload.Bytes.randomBytes;
import static dev.backendkatas.chunkedupload.Bytes.sha256Hex;
import static dev.backendkatas.chunkedupload.Visible.visible;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 3 of kata 02: chunk checksums, ids that stay in the root; the README section of the same name teaches it. */
@Order(3)
@DisplayName("Stage 3 — Integrity")
class Stage3IntegrityTest extends UploadSandbox {

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
    @Order(2)
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

    @Test
    @Order(3)
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

    @ParameterizedTest(name = "Upload-Checksum: \"{0}\"")
    @Order(4)
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

    @ParameterizedTest(name = "{0}")
    @Order(5)
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

    /** Every file under the sandbox, to prove that nothing was created or changed outside the storage root. */
    Set<String> filesOutsideRoot() throws IOException {
        Path root = root();
        Set<String> files = new HashSet<>();
        try (Stream<Path> walk = Files.walk(sandbox)) {
            walk.filter(p -> !p.startsWith(root)).forEach(p -> files.add(sandbox.relativize(p).toString()));
        }
        return files;
    }
}
