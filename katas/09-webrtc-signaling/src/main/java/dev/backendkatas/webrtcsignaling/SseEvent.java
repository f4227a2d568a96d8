package dev.backendkatas.webrtcsignaling;

import java.util.Objects;

/**
 * One server-sent event (WHATWG HTML, "Server-sent events"): its type, its data and its id.
 *
 * <p>From {@link SseParser}: {@code type} is never empty ({@code "message"} when the stream named none), and
 * {@code lastEventId} is the stream's last event ID at dispatch ({@code ""} when none was ever set). To
 * {@link SseWriter}: {@code type} {@code null} writes no {@code event:} line, {@code lastEventId} {@code null} writes no
 * {@code id:} line.
 *
 * <p>Given.
 *
 * @param type        the event type, e.g. {@code offer}, {@code answer}, {@code candidate}; {@code message} by default
 * @param data        the data; may hold line ends, and may be empty
 * @param lastEventId the event's id, or the last one seen before it
 */
public record SseEvent(String type, String data, String lastEventId) {

    public SseEvent {
        Objects.requireNonNull(data, "data");
    }

    /** An event of the default type {@code message}, without id: what {@code data: ...} alone means. */
    public static SseEvent message(String data) {
        return new SseEvent(null, data, null);
    }
}
