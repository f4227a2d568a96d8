package dev.backendkatas.idempotency;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A final response as the server stores and replays it: status, the headers worth keeping, body bytes. Given to you.
 *
 * @param status  the status code
 * @param headers header fields by name, in order (single values: {@code Content-Type}, {@code Location},
 *                {@code Retry-After}, …)
 * @param body    the exact body bytes
 */
public record StoredResponse(int status, Map<String, String> headers, byte[] body) {

    public StoredResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        body = Objects.requireNonNull(body, "body").clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** This response with one more header field (or another value for it). */
    public StoredResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new StoredResponse(status, more, body);
    }

    /**
     * Writes this response to {@code exchange} and closes it. Headers the exchange already has (set by the caller just
     * before, like a replay marker) are kept.
     */
    public void send(HttpExchange exchange) throws IOException {
        try {
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            exchange.close();
        }
    }

    /** The headers as text to store in one column: {@code Name: value} lines, each ended by LF. */
    public String encodeHeaders() {
        StringBuilder text = new StringBuilder();
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.toString();
    }

    /** The headers of {@link #encodeHeaders()} again. */
    public static Map<String, String> decodeHeaders(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return headers;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredResponse that && status == that.status && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + headers.hashCode()) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return status + " " + headers + " " + new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}
