package dev.backendkatas.requestparsing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A response a handler returns, and how it goes on the wire (RFC 9112 §4 and §6.2).
 *
 * <p>Given to you: it is not the lesson. Immutable: the body is copied in and out.
 *
 * @param status  the status code, 100 to 599
 * @param headers header fields to send; {@code Content-Length} and {@code Connection} are written by
 *                {@link #writeTo} and must not be given here
 * @param body    the body bytes
 */
public record HttpResponse(int status, HeaderFields headers, byte[] body) {

    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599, got " + status);
        }
        Objects.requireNonNull(headers, "headers");
        if (headers.contains("Content-Length") || headers.contains("Connection")) {
            throw new IllegalArgumentException("Content-Length and Connection are written by writeTo");
        }
        body = body == null ? new byte[0] : body.clone();
    }

    /** A plain-text UTF-8 response. */
    public static HttpResponse text(int status, String text) {
        return new HttpResponse(status, HeaderFields.of("Content-Type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** The response to a request that failed: its status, and the reason phrase as a short text body. */
    public static HttpResponse error(int status) {
        return text(status, status + " " + reasonPhrase(status) + "\n");
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * Writes the status line, the headers, a {@code Content-Length} for the body, {@code Connection: close} when the
     * server will close the connection after this response, the empty line and the body; then flushes.
     */
    public void writeTo(OutputStream out, boolean closeConnection) throws IOException {
        StringBuilder head = new StringBuilder(128)
                .append("HTTP/1.1 ").append(status).append(' ').append(reasonPhrase(status)).append("\r\n");
        for (HeaderField field : headers.asList()) {
            head.append(field.name()).append(": ").append(field.value()).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n");
        if (closeConnection) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** The reason phrase registered for a status code (RFC 9110 §15), or "Unknown". */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Unknown";
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpResponse that
                && status == that.status
                && headers.equals(that.headers)
                && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return status + " " + reasonPhrase(status) + " headers=" + headers + " body=" + body.length + " bytes";
    }
}
