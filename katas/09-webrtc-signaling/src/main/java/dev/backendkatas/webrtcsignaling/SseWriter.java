package dev.backendkatas.webrtcsignaling;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Stage 4 — writes a {@code text/event-stream} (WHATWG HTML, "Server-sent events", the event stream format): UTF-8,
 * lines ending in LF, one blank line after each event. Safe for several threads: one event is written whole before
 * the next one starts. Each call flushes, so the event leaves now rather than when a buffer fills.
 */
public final class SseWriter {

    private final OutputStream out;

    /** @param out the response body; this writer never closes it */
    public SseWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Writes one event, then flushes: {@code event: <type>} when the type is not {@code null}, {@code id: <id>} when
     * the id is not {@code null}, one {@code data: <line>} per line of the data (split at CRLF, LF or CR; an empty
     * line included, so {@code "a\n"} is two data lines and {@code ""} is one), then a blank line. Every field line is
     * {@code <name>: <value>}, with one space.
     *
     * @param event the event
     * @throws IllegalArgumentException when the type or the id holds a CR or an LF, or the id holds a NUL (a parser
     *                                  ignores such an id)
     * @throws IOException              when the stream fails
     */
    public void send(SseEvent event) throws IOException {
        throw new UnsupportedOperationException("Stage 4: write an event"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 4 — Server-sent events'");
    }

    /**
     * Writes a comment line {@code : <text>} and flushes: a heartbeat that keeps proxies from closing an idle
     * response, and that {@code EventSource} ignores.
     *
     * @param text the comment; may be empty
     * @throws IllegalArgumentException when the text holds a CR or an LF
     * @throws IOException              when the stream fails
     */
    public void comment(String text) throws IOException {
        throw new UnsupportedOperationException("Stage 4: write a comment"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 4 — Server-sent events'");
    }

    /**
     * Writes {@code retry: <millis>} and a blank line, and flushes: the client's reconnection time.
     *
     * @param millis the reconnection time in milliseconds, 0 or more
     * @throws IllegalArgumentException for a negative time
     * @throws IOException              when the stream fails
     */
    public void retry(long millis) throws IOException {
        throw new UnsupportedOperationException("Stage 4: write a retry"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 4 — Server-sent events'");
    }
}
