package dev.backendkatas.webrtcsignaling;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Stage 4 — writes a {@code text/event-stream}: UTF-8, LF line ends, a blank line after each event; one event whole
 * before the next; a flush after each call.
 */
public final class SseWriter {

    /** The three line ends of the event stream format: a CR alone ends a line for the parser too. */
    private static final Pattern LINE_END = Pattern.compile("\r\n|\r|\n");

    private final OutputStream out;

    /** @param out the response body; this writer never closes it */
    public SseWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Writes one event, then flushes.
     *
     * @param event the event
     * @throws IOException when the stream fails
     */
    public void send(SseEvent event) throws IOException {
        StringBuilder b = new StringBuilder(event.data().length() + 64);
        if (event.type() != null) {
            b.append("event: ").append(singleLine(event.type(), "event type")).append('\n');
        }
        if (event.lastEventId() != null) {
            String id = singleLine(event.lastEventId(), "id");
            if (id.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an id with NUL is ignored by EventSource: " + id.replace("\0", "\\0"));
            }
            b.append("id: ").append(id).append('\n');
        }
        // limit -1: "a\n" keeps its empty last line, so the parser gives back "a\n", not "a".
        for (String line : LINE_END.split(event.data(), -1)) {
            b.append("data: ").append(line).append('\n');
        }
        b.append('\n');
        emit(b);
    }

    /**
     * Writes a comment line and flushes.
     *
     * @param text the comment
     * @throws IOException when the stream fails
     */
    public void comment(String text) throws IOException {
        emit(new StringBuilder(": ").append(singleLine(text, "comment")).append('\n'));
    }

    /**
     * Writes {@code retry: <millis>} and a blank line, and flushes.
     *
     * @param millis the reconnection time in milliseconds
     * @throws IOException when the stream fails
     */
    public void retry(long millis) throws IOException {
        if (millis < 0) {
            throw new IllegalArgumentException("a reconnection time is 0 or more milliseconds: " + millis);
        }
        emit(new StringBuilder("retry: ").append(millis).append("\n\n"));
    }

    /** One write and one flush under the lock: events from several threads never interleave. */
    private synchronized void emit(CharSequence text) throws IOException {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String singleLine(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a line end in the " + what + " would start a new field: "
                    + SdpParseException.visible(value));
        }
        return value;
    }
}
