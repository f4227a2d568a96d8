package dev.backendkatas.chunkedupload;

import static dev.backendkatas.chunkedupload.Bytes.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stage 8 of kata 02: DELETE an upload (tus 1.0.0, Termination extension), and refuse the headers of extensions the
 * server does not have (Upload-Concat); the README section of the same name teaches it.
 */
@Order(8)
@DisplayName("Stage 8 — Termination")
class Stage8TerminationTest extends UploadSandbox {

    @Test
    @Order(1)
    @DisplayName("DELETE answers 204, removes every file of the upload, and the upload is 404 afterwards (Termination)")
    void deletes() throws IOException {
        Tus1 tus = tus();
        byte[] data = randomBytes(80, 50_000);
        String id = tus.create(data.length);
        tus.append(id, data, 0, 20_000);

        RawHttp.Response delete = delete(tus, id);
        assertThat(delete.status()).as("DELETE /uploads/%s → %s", id, delete).isEqualTo(204);
        assertThat(delete.header("Tus-Resumable")).as("Tus-Resumable on the 204").isEqualTo("1.0.0");
        assertThat(filesOf(id)).as("files of the deleted upload left in the storage root").isEmpty();
        RawHttp.Response head = tus.head(id);
        assertThat(head.status()).as("HEAD after DELETE → %s", head).isIn(404, 410);
        assertThat(head.header("Upload-Offset")).as("HEAD after DELETE reveals no offset").isNull();
        RawHttp.Response patch = tus.patch(id, 20_000, Arrays.copyOfRange(data, 20_000, 50_000));
        assertThat(patch.status()).as("PATCH after DELETE → %s", patch).isIn(404, 410);
        assertThat(filesOf(id)).as("files of the deleted upload after a PATCH to it").isEmpty();
        RawHttp.Response again = delete(tus, id);
        assertThat(again.status()).as("DELETE after DELETE → %s", again).isIn(404, 410);
    }

    @Test
    @Order(2)
    @DisplayName("OPTIONS announces termination in Tus-Extension, next to creation and checksum (Core › OPTIONS)")
    void announcesTermination() throws IOException {
        Tus1 tus = tus();
        RawHttp.Response options = tus.request("OPTIONS", "/uploads", "", new byte[0]);
        assertThat(options.header("Tus-Extension")).as("Tus-Extension of %s", options).isNotNull();
        assertThat(options.header("Tus-Extension").split(",")).as("Tus-Extension of %s", options)
                .contains("creation", "checksum", "termination");
        String id = tus.create(10);
        RawHttp.Response get = tus.request("GET", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\n", new byte[0]);
        assertThat(get.status()).as("GET of an upload → %s", get).isEqualTo(405);
        assertThat(get.header("Allow")).as("Allow of the 405 lists DELETE now").contains("DELETE");
        assertThat(delete(tus, id).status()).as("DELETE of the upload").isEqualTo(204);
    }

    @Test
    @Order(3)
    @DisplayName("a deleted upload stays deleted after a restart, and the others stay (Termination)")
    void deletedAcrossRestart() throws IOException {
        String deleted;
        String kept;
        try (UploadServer first = new UploadServer(UploadServerConfig.of(root(), MAX_SIZE))) {
            first.start();
            Tus1 tus = tus(first);
            deleted = tus.create(10);
            kept = tus.create(10);
            tus.append(kept, "0123456789".getBytes(StandardCharsets.US_ASCII), 0, 4);
            assertThat(delete(tus, deleted).status()).as("DELETE on the first server").isEqualTo(204);
        }
        Tus1 tus = tus(startServer());
        assertThat(tus.head(deleted).status()).as("HEAD of the deleted upload after a restart").isIn(404, 410);
        assertThat(tus.offset(kept)).as("the other upload after the restart").isEqualTo(4);
    }

    @Test
    @Order(4)
    @DisplayName("DELETE of an unknown upload is 404, and DELETE without Tus-Resumable is 412 and deletes nothing")
    void refusals() throws IOException {
        Tus1 tus = tus();
        RawHttp.Response unknown = delete(tus, "AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(unknown.status()).as("DELETE of an upload that never existed → %s", unknown).isEqualTo(404);
        String id = tus.create(10);
        RawHttp.Response noVersion = tus.request("DELETE", "/uploads/" + id, "", new byte[0]);
        assertThat(noVersion.status()).as("DELETE without Tus-Resumable → %s", noVersion).isEqualTo(412);
        assertThat(tus.offset(id)).as("the upload after the refused DELETE").isZero();
        assertThat(filesOf(id)).as("files of the upload after the refused DELETE").isNotEmpty();
    }

    @Test
    @Order(5)
    @DisplayName("a DELETE during a PATCH waits for it: in the end no file of the upload is left (Termination)")
    void deleteDuringPatch() throws Exception {
        Tus1 tus = tus();
        byte[] data = randomBytes(81, 40_000);
        String id = tus.create(data.length);
        RawHttp.Response patch;
        RawHttp.Response delete;
        try (RawHttp slow = new RawHttp(tus.port())) {
            // The PATCH sends half its body and pauses; the DELETE arrives meanwhile.
            slow.send("PATCH /uploads/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: 40000\r\n",
                    Arrays.copyOf(data, 20_000));
            CompletableFuture<RawHttp.Response> deleting = CompletableFuture.supplyAsync(() -> {
                try {
                    return delete(tus, id);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            slow.sendBytes(Arrays.copyOfRange(data, 20_000, 40_000));
            patch = slow.readResponse(false);
            delete = deleting.get();
        }
        assertThat(delete.status()).as("DELETE during a PATCH → %s (the PATCH → %s)", delete, patch).isEqualTo(204);
        assertThat(patch.status()).as("the PATCH: done before the DELETE (204) or refused after it (404/410)")
                .isIn(204, 404, 410);
        assertThat(filesOf(id)).as("files of the upload after both").isEmpty();
        assertThat(tus.head(id).status()).as("HEAD after both").isIn(404, 410);
    }

    @ParameterizedTest(name = "{0}")
    @Order(6)
    @ValueSource(strings = {"/uploads/../../outside/secret", "/uploads/..%2F..%2Foutside%2Fsecret",
        "/uploads/%2e%2e%2f%2e%2e%2foutside%2fsecret", "/uploads/AAAAAAAAAAAAAAAAAAAA%2F..",
        "/uploads/..\\..\\outside\\secret", "/uploads/%00AAAAAAAAAAAAAAAAAAAAA"})
    @DisplayName("a DELETE of a path that is not basePath/<valid id> deletes nothing (path traversal)")
    void deleteTraversal(String target) throws IOException {
        Tus1 tus = tus();
        String genuine = tus.create(4);
        Path outside = Files.createDirectories(sandbox.resolve("outside"));
        for (String name : new String[] {"secret", "secret.bin", "secret.info"}) {
            Files.writeString(outside.resolve(name), "top secret");
        }
        RawHttp.Response delete = tus.request("DELETE", target, "Tus-Resumable: 1.0.0\r\n", new byte[0]);
        assertThat(delete.status()).as("DELETE %s → %s", target, delete).isIn(400, 404);
        for (String name : new String[] {"secret", "secret.bin", "secret.info"}) {
            assertThat(outside.resolve(name)).as("%s next to the storage root", name).hasContent("top secret");
        }
        assertThat(tus.offset(genuine)).as("a genuine upload, untouched").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @Order(7)
    @ValueSource(strings = {"Upload-Concat: partial", "Upload-Concat: final;/uploads/a /uploads/b"})
    @DisplayName("refuses a POST with a header of an extension the server does not have (Upload-Concat) with 400, creating nothing (Core › OPTIONS, Concatenation)")
    void unsupportedExtensions(String header) throws IOException {
        Tus1 tus = tus();
        RawHttp.Response response = tus.post("Tus-Resumable: 1.0.0\r\nUpload-Length: 10\r\n" + header + "\r\n");
        assertThat(response.status()).as("POST with %s → %s", header, response).isEqualTo(400);
        assertThat(response.header("Location")).as("no Location: nothing was created").isNull();
        String name = header.substring(0, header.indexOf(':'));
        assertThat(response.body()).as("the 400's body says which header is not supported").contains(name);
        try (Stream<Path> files = Files.list(root())) {
            assertThat(files.map(Path::toString).toList()).as("files in the storage root").isEmpty();
        }
    }

    private static RawHttp.Response delete(Tus1 tus, String id) throws IOException {
        return tus.request("DELETE", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\n", new byte[0]);
    }

    /** The files in the storage root whose names start with the id. */
    private List<String> filesOf(String id) throws IOException {
        try (Stream<Path> files = Files.list(root())) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.startsWith(id)).toList();
        }
    }
}
