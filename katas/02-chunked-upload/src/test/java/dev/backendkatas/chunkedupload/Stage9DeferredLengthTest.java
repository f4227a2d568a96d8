package dev.backendkatas.chunkedupload;

import static dev.backendkatas.chunkedupload.Visible.visible;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stage 9 of kata 02: uploads whose length is not known when they start (tus 1.0.0, creation-defer-length: Creation ›
 * Headers › Upload-Defer-Length, Creation › Requests › POST); the README section of the same name teaches it.
 */
@Order(9)
@DisplayName("Stage 9 — Deferred length")
class Stage9DeferredLengthTest extends UploadSandbox {

    private static final byte[] HELLO_WORLD = "hello world".getBytes(StandardCharsets.US_ASCII);

    @Test
    @Order(1)
    @DisplayName("POST with Upload-Defer-Length: 1 creates an upload; HEAD sends Upload-Defer-Length: 1 and no Upload-Length (Creation › POST)")
    void createsDeferred() throws IOException {
        Tus1 tus = tus();
        String id = createDeferred(tus);
        RawHttp.Response head = tus.head(id);
        assertThat(head.status()).as("HEAD of a deferred upload → %s", head).isEqualTo(200);
        assertThat(head.header("Upload-Offset")).as("Upload-Offset of a new deferred upload → %s", head)
                .isEqualTo("0");
        assertThat(head.header("Upload-Defer-Length")).as("Upload-Defer-Length while the length is unknown → %s",
                head).isEqualTo("1");
        assertThat(head.header("Upload-Length")).as("no Upload-Length while it is unknown → %s", head).isNull();
    }

    @Test
    @Order(2)
    @DisplayName("PATCHes append to a deferred upload; the PATCH with Upload-Length sets the length, and the upload completes (Creation › POST)")
    void lengthFromPatch() throws IOException {
        Tus1 tus = tus();
        String id = createDeferred(tus);
        tus.append(id, HELLO_WORLD, 0, 4);
        tus.append(id, HELLO_WORLD, 4, 6);
        RawHttp.Response stillDeferred = tus.head(id);
        assertThat(stillDeferred.header("Upload-Offset")).as("offset after 6 bytes → %s", stillDeferred)
                .isEqualTo("6");
        assertThat(stillDeferred.header("Upload-Defer-Length")).as("still deferred → %s", stillDeferred)
                .isEqualTo("1");

        RawHttp.Response last = tus.patch(id, 6, "world".getBytes(StandardCharsets.US_ASCII), "Upload-Length: 11\r\n");
        assertThat(last.status()).as("PATCH at 6 with Upload-Length: 11 and the last 5 bytes → %s", last)
                .isEqualTo(204);
        assertThat(last.header("Upload-Offset")).as("Upload-Offset of the last PATCH → %s", last).isEqualTo("11");
        RawHttp.Response head = tus.head(id);
        assertThat(head.header("Upload-Length")).as("Upload-Length once known → %s", head).isEqualTo("11");
        assertThat(head.header("Upload-Defer-Length")).as("no Upload-Defer-Length once the length is known → %s",
                head).isNull();
        assertThat(Files.readAllBytes(tus.dataFile(id))).as("the data file of the completed upload")
                .isEqualTo(HELLO_WORLD);
    }

    @Test
    @Order(3)
    @DisplayName("an empty PATCH with Upload-Length: <offset> completes the upload (0 included); a byte more is then 413 (Creation › POST, Core › PATCH)")
    void lengthAtTheEnd() throws IOException {
        Tus1 tus = tus();
        String id = createDeferred(tus);
        tus.append(id, HELLO_WORLD, 0, 11);
        RawHttp.Response close = tus.patch(id, 11, new byte[0], "Upload-Length: 11\r\n");
        assertThat(close.status()).as("empty PATCH at 11 with Upload-Length: 11 → %s", close).isEqualTo(204);
        assertThat(tus.head(id).header("Upload-Length")).as("Upload-Length after the empty PATCH").isEqualTo("11");
        RawHttp.Response more = tus.patch(id, 11, "!".getBytes(StandardCharsets.US_ASCII));
        assertThat(more.status()).as("one byte more to the completed upload → %s", more).isEqualTo(413);
        assertThat(tus.offset(id)).as("offset after the refused byte").isEqualTo(11);
        String empty = createDeferred(tus);
        RawHttp.Response zero = tus.patch(empty, 0, new byte[0], "Upload-Length: 0\r\n");
        assertThat(zero.status()).as("empty PATCH at 0 with Upload-Length: 0 → %s", zero).isEqualTo(204);
        RawHttp.Response head = tus.head(empty);
        assertThat(head.header("Upload-Length")).as("an upload of length 0, set by a PATCH → %s", head).isEqualTo("0");
        assertThat(head.header("Upload-Defer-Length")).as("no Upload-Defer-Length any more → %s", head).isNull();
    }

    @Test
    @Order(4)
    @DisplayName("OPTIONS announces creation-defer-length in Tus-Extension (Creation › POST, Core › OPTIONS)")
    void announcesDeferLength() throws IOException {
        RawHttp.Response options = tus().request("OPTIONS", "/uploads", "", new byte[0]);
        assertThat(options.header("Tus-Extension")).as("Tus-Extension of %s", options).isNotNull();
        assertThat(options.header("Tus-Extension").split(",")).as("Tus-Extension of %s", options)
                .contains("creation", "creation-defer-length");
    }

    @Test
    @Order(5)
    @DisplayName("a deferred length, and a length set later, survive a restart: they are in the durable record")
    void deferredAcrossRestart() throws IOException {
        String id;
        try (UploadServer first = new UploadServer(UploadServerConfig.of(root(), MAX_SIZE))) {
            first.start();
            Tus1 tus = tus(first);
            id = createDeferred(tus);
            tus.append(id, HELLO_WORLD, 0, 5);
        }
        try (UploadServer second = new UploadServer(UploadServerConfig.of(root(), MAX_SIZE))) {
            second.start();
            Tus1 tus = tus(second);
            RawHttp.Response head = tus.head(id);
            assertThat(head.header("Upload-Offset")).as("offset after a restart → %s", head).isEqualTo("5");
            assertThat(head.header("Upload-Defer-Length")).as("still deferred after a restart → %s", head)
                    .isEqualTo("1");
            assertThat(head.header("Upload-Length")).as("no Upload-Length after a restart → %s", head).isNull();
            RawHttp.Response set = tus.patch(id, 5, new byte[0], "Upload-Length: 11\r\n");
            assertThat(set.status()).as("empty PATCH with Upload-Length: 11 → %s", set).isEqualTo(204);
        }
        Tus1 tus = tus(startServer());
        RawHttp.Response head = tus.head(id);
        assertThat(head.header("Upload-Length")).as("the length set before the second restart → %s", head)
                .isEqualTo("11");
        assertThat(head.header("Upload-Defer-Length")).as("no Upload-Defer-Length any more → %s", head).isNull();
        tus.append(id, HELLO_WORLD, 5, 11);
        assertThat(Files.readAllBytes(tus.dataFile(id))).as("the data file after three servers").isEqualTo(HELLO_WORLD);
    }

    @Test
    @Order(6)
    @DisplayName("once set, the length does not change: the same Upload-Length again is a harmless retry, another one is 400 (Creation › POST)")
    void lengthSetOnce() throws IOException {
        Tus1 tus = tus();
        String id = createDeferred(tus);
        RawHttp.Response set = tus.patch(id, 0, "hello".getBytes(StandardCharsets.US_ASCII), "Upload-Length: 11\r\n");
        assertThat(set.status()).as("PATCH at 0 with Upload-Length: 11 → %s", set).isEqualTo(204);
        RawHttp.Response retry = tus.patch(id, 5, " ".getBytes(StandardCharsets.US_ASCII), "Upload-Length: 11\r\n");
        assertThat(retry.status()).as("the next PATCH repeats Upload-Length: 11 → %s", retry).isEqualTo(204);
        for (String other : new String[] {"12", "10", "6"}) {
            RawHttp.Response change = tus.patch(id, 6, "w".getBytes(StandardCharsets.US_ASCII),
                    "Upload-Length: " + other + "\r\n");
            assertThat(change.status()).as("PATCH with Upload-Length: %s after it was set to 11 → %s", other, change)
                    .isEqualTo(400);
        }
        RawHttp.Response head = tus.head(id);
        assertThat(head.header("Upload-Length")).as("the length after the refused changes → %s", head).isEqualTo("11");
        assertThat(head.header("Upload-Offset")).as("offset after the refused changes → %s", head).isEqualTo("6");
        String fixed = tus.create(11);
        RawHttp.Response notDeferred = tus.patch(fixed, 0, "hello".getBytes(StandardCharsets.US_ASCII),
                "Upload-Length: 20\r\n");
        assertThat(notDeferred.status()).as("Upload-Length: 20 on an upload created with Upload-Length: 11 → %s",
                notDeferred).isEqualTo(400);
        assertThat(tus.head(fixed).header("Upload-Length")).as("its length after the refusal").isEqualTo("11");
        assertThat(tus.offset(fixed)).as("its offset after the refusal").isZero();
    }

    @Test
    @Order(7)
    @DisplayName("refuses an Upload-Length below the upload's offset with 400, and the upload stays deferred and unchanged")
    void lengthBelowOffset() throws IOException {
        Tus1 tus = tus();
        String id = createDeferred(tus);
        tus.append(id, HELLO_WORLD, 0, 8);
        RawHttp.Response below = tus.patch(id, 8, "rld".getBytes(StandardCharsets.US_ASCII), "Upload-Length: 7\r\n");
        assertThat(below.status()).as("PATCH at 8 with Upload-Length: 7 → %s", below).isEqualTo(400);
        RawHttp.Response head = tus.head(id);
        assertThat(head.header("Upload-Offset")).as("offset after the refusal → %s", head).isEqualTo("8");
        assertThat(head.header("Upload-Defer-Length")).as("still deferred after the refusal → %s", head)
                .isEqualTo("1");
        RawHttp.Response tooShort = tus.patch(id, 8, "rld".getBytes(StandardCharsets.US_ASCII), "Upload-Length: 10\r\n");
        assertThat(tooShort.status()).as("3 bytes at 8 with Upload-Length: 10 → %s", tooShort).isEqualTo(413);
        assertThat(tus.head(id).header("Upload-Defer-Length")).as("a refused PATCH sets no length either")
                .isEqualTo("1");
        RawHttp.Response right = tus.patch(id, 8, "rld".getBytes(StandardCharsets.US_ASCII), "Upload-Length: 11\r\n");
        assertThat(right.status()).as("the same bytes with Upload-Length: 11 → %s", right).isEqualTo(204);
        assertThat(Files.readAllBytes(tus.dataFile(id))).as("the data file").isEqualTo(HELLO_WORLD);
    }

    @Test
    @Order(8)
    @DisplayName("a deferred upload is still bounded: Upload-Length above the maximum is 413, and so is a body past it")
    void deferredStillBounded() throws IOException {
        Tus1 tus = tus();
        String id = createDeferred(tus);
        RawHttp.Response above = tus.patch(id, 0, new byte[0], "Upload-Length: " + (MAX_SIZE + 1) + "\r\n");
        assertThat(above.status()).as("PATCH with Upload-Length: max + 1 → %s", above).isEqualTo(413);
        try (RawHttp http = new RawHttp(tus.port())) {
            http.send("PATCH /uploads/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
                    + "Content-Length: " + (MAX_SIZE + 1) + "\r\n", "first".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response response = http.readResponse(false);
            assertThat(response.status()).as("Content-Length: max + 1 to a deferred upload, 5 bytes sent → %s",
                    response).isEqualTo(413);
        }
        RawHttp.Response head = tus.head(id);
        assertThat(head.header("Upload-Offset")).as("offset after the refusals → %s", head).isEqualTo("0");
        assertThat(head.header("Upload-Defer-Length")).as("still deferred → %s", head).isEqualTo("1");
    }

    @ParameterizedTest(name = "{0}")
    @Order(9)
    @ValueSource(strings = {"Upload-Length: 11\r\nUpload-Defer-Length: 1\r\n", "Upload-Defer-Length: 0\r\n",
        "Upload-Defer-Length: 2\r\n", "Upload-Defer-Length: 01\r\n", "Upload-Defer-Length: true\r\n",
        "Upload-Defer-Length: 1,1\r\n", "Upload-Defer-Length: \r\n",
        "Upload-Defer-Length: 1\r\nUpload-Defer-Length: 1\r\n"})
    @DisplayName("refuses both Upload-Length and Upload-Defer-Length, or an Upload-Defer-Length other than one '1', with 400 and creates nothing (Creation › Headers › Upload-Defer-Length)")
    void malformedDeferLength(String headers) throws IOException {
        Tus1 tus = tus();
        RawHttp.Response response = tus.post("Tus-Resumable: 1.0.0\r\n" + headers);
        assertThat(response.status()).as("POST with %s→ %s", visible(headers), response).isEqualTo(400);
        assertThat(response.header("Location")).as("no Location: nothing was created").isNull();
        assertThat(filesInRoot()).as("files in the storage root after the refused POST").isEmpty();
    }

    @ParameterizedTest(name = "Upload-Length: \"{0}\"")
    @Order(10)
    @ValueSource(strings = {"", "-1", "+5", "abc", "1.5", "١٢", "99999999999999999999"})
    @DisplayName("refuses a malformed Upload-Length on a PATCH with 400, and the upload stays deferred (Core › Headers › Upload-Length)")
    void malformedPatchLength(String value) throws IOException {
        Tus1 tus = tus();
        String id = createDeferred(tus);
        RawHttp.Response response = tus.patch(id, 0, "hello".getBytes(StandardCharsets.US_ASCII),
                "Upload-Length: " + value + "\r\n");
        assertThat(response.status()).as("PATCH with Upload-Length: \"%s\" → %s", value, response).isEqualTo(400);
        RawHttp.Response head = tus.head(id);
        assertThat(head.header("Upload-Offset")).as("offset after the refusal → %s", head).isEqualTo("0");
        assertThat(head.header("Upload-Defer-Length")).as("still deferred → %s", head).isEqualTo("1");
    }

    /** POSTs with Upload-Defer-Length: 1 and returns the id, failing the test unless it is 201. */
    static String createDeferred(Tus1 tus) throws IOException {
        RawHttp.Response created = tus.post("Tus-Resumable: 1.0.0\r\nUpload-Defer-Length: 1\r\n");
        assertThat(created.status()).as("POST with Upload-Defer-Length: 1 → %s", created).isEqualTo(201);
        assertThat(created.header("Location")).as("Location of %s", created).isNotNull().startsWith("/uploads/");
        return created.header("Location").substring("/uploads/".length());
    }
}
