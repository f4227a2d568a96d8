package dev.backendkatas.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One STOMP 1.2 frame: a command, header entries in their order, and a body of bytes (STOMP 1.2, "STOMP Frames").
 * The headers are already decoded (no escape sequences): {@link StompCodec} escapes and unescapes on the wire.
 * Since a map has one value per name, a frame that repeated a header keeps the entry the codec chose (the first).
 *
 * @param command the command, e.g. {@code SEND}; not empty
 * @param headers header names to values, in the order they are written
 * @param body    the body; empty for none
 */
public record StompFrame(String command, Map<String, String> headers, byte[] body) {

    public StompFrame {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a frame needs a command");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((name, value) ->
                copy.put(Objects.requireNonNull(name, "header name"), Objects.requireNonNull(value, "header value")));
        headers = Collections.unmodifiableMap(copy);
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** A frame without a body. */
    public StompFrame(String command, Map<String, String> headers) {
        this(command, headers, new byte[0]);
    }

    /** The value of header {@code name}, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return command + headers + (body.length == 0 ? "" : " body=" + bodyText());
    }
}
