package dev.backendkatas.longpolling;

/**
 * The events right after the reader's cursor are gone: the log dropped them when it reached its retention bound.
 * The reader has missed events and must decide what to do (start again from {@link #oldest()}, or resync some other
 * way). The handler answers it with 410 Gone (RFC 9110 §15.5.11) and the oldest cursor, as Kafka answers
 * {@code OFFSET_OUT_OF_RANGE}.
 *
 * <p>Given to you.
 */
public final class CursorExpiredException extends Exception {

    private final long oldest;

    public CursorExpiredException(long cursor, long oldest) {
        super("cursor " + cursor + " is older than the log's retention; the oldest cursor to read after is " + oldest);
        this.oldest = oldest;
    }

    /** The smallest cursor that can still be read after without missing an event. */
    public long oldest() {
        return oldest;
    }
}
