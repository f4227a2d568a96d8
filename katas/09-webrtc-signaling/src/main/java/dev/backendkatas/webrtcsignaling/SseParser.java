package dev.backendkatas.webrtcsignaling;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Stage 4 — reads a {@code text/event-stream} the way {@code EventSource} does (WHATWG HTML, "Server-sent events",
 * interpreting an event stream), from bytes as they arrive: a chunk may end anywhere, inside a line, between a CR and
 * its LF, or inside a UTF-8 character.
 */
public final class SseParser {

    /** The default bound on one line and on one event's data, in characters. */
    public static final int DEFAULT_MAX_CHARS = 1 << 20;

    /** A parser with the default bound. */
    public SseParser() {
        this(DEFAULT_MAX_CHARS);
    }

    /**
     * @param maxChars the longest line, and the longest data of one event, in characters
     */
    public SseParser(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
    }

    /**
     * Feeds the next bytes of the stream and returns the events they complete, in order.
     * <ul>
     *   <li>The stream is UTF-8; one byte order mark at its very start is dropped; invalid bytes become U+FFFD.</li>
     *   <li>Lines end with CRLF, LF or CR.</li>
     *   <li>A blank line dispatches: the last event ID becomes the ID buffer's value; if the data buffer is empty,
     *       nothing is dispatched and the buffers reset; otherwise one trailing LF is removed from the data and an event
     *       is returned, its type the event type buffer or {@code message}.</li>
     *   <li>A line starting with {@code :} is a comment. Otherwise the field name is up to the first {@code :} and the
     *       value after it, minus one leading space; a line without {@code :} is a field name with an empty value.</li>
     *   <li>{@code event} sets the type buffer; {@code data} appends the value and an LF; {@code id} sets the ID buffer
     *       unless the value holds a NUL; {@code retry} sets the reconnection time if the value is ASCII digits only;
     *       any other field is ignored. Field names are case-sensitive.</li>
     * </ul>
     *
     * @param chunk the next bytes, possibly empty
     * @return the events dispatched by these bytes
     * @throws SseLimitException when a line or an event's data goes over the bound
     */
    public List<SseEvent> feed(byte[] chunk) {
        throw new UnsupportedOperationException("Stage 4: parse an event stream"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 4 — Server-sent events'");
    }

    /**
     * The stream ended: an event not yet dispatched by a blank line is discarded, as {@code EventSource} does. The
     * last event ID and the reconnection time stay, for the reconnection.
     */
    public void end() {
        throw new UnsupportedOperationException("Stage 4: end of stream"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 4 — Server-sent events'");
    }

    /** The last event ID: {@code ""} until a dispatch sets it. */
    public String lastEventId() {
        throw new UnsupportedOperationException("Stage 4: last event ID"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 4 — Server-sent events'");
    }

    /**
     * The {@code Last-Event-ID} request header to send when reconnecting: the last event ID, unless it is empty, in
     * which case no header is sent.
     */
    public Optional<String> lastEventIdHeader() {
        throw new UnsupportedOperationException("Stage 4: Last-Event-ID"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 4 — Server-sent events'");
    }

    /** The reconnection time the stream asked for with {@code retry:}, in milliseconds, if it did. */
    public OptionalLong reconnectionTime() {
        throw new UnsupportedOperationException("Stage 4: reconnection time"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 4 — Server-sent events'");
    }
}
