package dev.backendkatas.longpolling;

import java.util.Objects;

/**
 * One event of the log: its cursor (its position, 1 for the first event ever appended) and its data.
 *
 * <p>Given to you.
 */
public record Event(long cursor, String data) {

    public Event {
        if (cursor < 1) {
            throw new IllegalArgumentException("cursor " + cursor + " < 1");
        }
        Objects.requireNonNull(data, "data");
    }

    /** {@code {"cursor":3,"data":"…"}} */
    public String toJson() {
        return "{\"cursor\":" + cursor + ",\"data\":" + Json.string(data) + "}";
    }
}
