package dev.backendkatas.webrtcsignaling;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Stage 4 — reads a {@code text/event-stream} the way {@code EventSource} does, from bytes as they arrive.
 */
public final class SseParser {

    /** The default bound on one line and on one event's data, in characters. */
    public static final int DEFAULT_MAX_CHARS = 1 << 20;

    private final int maxChars;
    // A decoder keeps no bytes between calls by itself: the tail of a split UTF-8 character waits in `pending`.
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] pending = new byte[0];
    private boolean atStreamStart = true;
    private boolean afterCr;

    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String idBuffer = "";
    private String lastEventId = "";
    private OptionalLong reconnectionTime = OptionalLong.empty();

    /** A parser with the default bound. */
    public SseParser() {
        this(DEFAULT_MAX_CHARS);
    }

    /** @param maxChars the longest line, and the longest data of one event, in characters */
    public SseParser(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /**
     * Feeds the next bytes of the stream and returns the events they complete, in order.
     *
     * @param chunk the next bytes, possibly empty
     * @return the events dispatched by these bytes
     */
    public List<SseEvent> feed(byte[] chunk) {
        Objects.requireNonNull(chunk, "chunk");
        ByteBuffer in = ByteBuffer.allocate(pending.length + chunk.length).put(pending).put(chunk).flip();
        CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, chars, false);
        pending = new byte[in.remaining()];   // at most 3 bytes: the start of a character still arriving
        in.get(pending);
        chars.flip();

        List<SseEvent> events = new ArrayList<>();
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (atStreamStart) {
                atStreamStart = false;
                if (c == '\uFEFF') {
                    continue;   // one BOM, at the very start only: UTF-8 decode strips it
                }
            }
            if (afterCr) {
                afterCr = false;
                if (c == '\n') {
                    continue;   // the LF of a CRLF, even when the CR ended the previous chunk
                }
            }
            if (c == '\r' || c == '\n') {
                afterCr = c == '\r';
                endOfLine(events);
            } else {
                if (line.length() >= maxChars) {
                    throw new SseLimitException("a line longer than " + maxChars + " characters");
                }
                line.append(c);
            }
        }
        return events;
    }

    /** The stream ended: an undispatched event is discarded; the last event ID and the reconnection time stay. */
    public void end() {
        pending = new byte[0];
        decoder.reset();
        atStreamStart = true;   // a reconnection is a new stream, which may start with its own BOM
        afterCr = false;
        line.setLength(0);
        data.setLength(0);
        eventType = "";
        idBuffer = lastEventId;   // an id: not yet dispatched is not the last event ID
    }

    /** The last event ID: {@code ""} until a dispatch sets it. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The {@code Last-Event-ID} header to send when reconnecting, unless the last event ID is empty. */
    public Optional<String> lastEventIdHeader() {
        return lastEventId.isEmpty() ? Optional.empty() : Optional.of(lastEventId);
    }

    /** The reconnection time the stream asked for, in milliseconds, if it did. */
    public OptionalLong reconnectionTime() {
        return reconnectionTime;
    }

    private void endOfLine(List<SseEvent> events) {
        String l = line.toString();
        line.setLength(0);
        if (l.isEmpty()) {
            dispatch(events);
            return;
        }
        if (l.charAt(0) == ':') {
            return;   // a comment: a heartbeat, for instance
        }
        int colon = l.indexOf(':');
        String field = colon < 0 ? l : l.substring(0, colon);
        String value = colon < 0 ? "" : l.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);   // one space, not all whitespace: "data:  x" is " x"
        }
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> {
                if (data.length() + value.length() + 1 > maxChars) {
                    throw new SseLimitException("an event with more than " + maxChars + " characters of data");
                }
                data.append(value).append('\n');
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    idBuffer = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    try {
                        reconnectionTime = OptionalLong.of(Long.parseLong(value));
                    } catch (NumberFormatException tooLarge) {
                        // more digits than a long holds: ignored, like any other unusable retry value
                    }
                }
            }
            default -> {
                // unknown fields are ignored (and field names are case-sensitive: "Data" is unknown)
            }
        }
    }

    private void dispatch(List<SseEvent> events) {
        lastEventId = idBuffer;   // even when nothing is dispatched: "id: 7" + blank line moves the ID
        if (data.length() == 0) {
            eventType = "";
            return;
        }
        data.setLength(data.length() - 1);   // the LF appended after the last data line
        events.add(new SseEvent(eventType.isEmpty() ? "message" : eventType, data.toString(), lastEventId));
        data.setLength(0);
        eventType = "";
    }
}
