package dev.backendkatas.chunkedupload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A tiny tus 1.0.0 client over {@link RawHttp}, for one server: the requests and checks the server stages repeat. */
final class Tus1 {
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
