package dev.backendkatas.longpolling;

/**
 * Stage 2 — an ordered, bounded log of events, read with a cursor.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #append} numbers events 1, 2, 3, … in the order they are appended: an event's cursor is its
 *       position. A cursor means "I have seen everything up to here"; 0 means "nothing yet".</li>
 *   <li>The log keeps the last {@code retention} events and drops older ones.</li>
 *   <li>{@link #read} never removes anything: the same read returns the same events, so a client whose answer was lost
 *       simply asks again with the same cursor.</li>
 *   <li>Safe to call from any number of threads; a reader never sees a gap or a half-appended event.</li>
 * </ul>
 */
public final class EventLog implements EventSource {

    private final int retention;

    /** An empty log that keeps the last {@code retention} events. */
    public EventLog(int retention) {
        if (retention < 1) {
            throw new IllegalArgumentException("retention must be at least 1, was " + retention);
        }
        this.retention = retention;
    }

    /**
     * Appends an event and returns its cursor (the previous last cursor + 1). If the log then holds more than
     * {@code retention} events, the oldest is dropped.
     */
    public long append(String data) {
        throw new UnsupportedOperationException("Stage 2: append an event"
                + " — see katas/03-long-polling/README.md, 'Stage 2 — An event log with a cursor'");
    }

    /**
     * The events after {@code after}, oldest first, at most {@code limit} of them, and the cursor to read after next.
     * With no newer event: an empty batch whose {@code next} is {@code after}.
     *
     * @throws CursorExpiredException   if an event after {@code after} was dropped (the reader would miss it); it
     *                                  carries the oldest cursor that can still be read after without a gap
     * @throws IllegalArgumentException if {@code after} is negative or beyond {@link #lastCursor()} (a cursor this log
     *                                  never gave out), or {@code limit} is below 1
     */
    public Batch read(long after, int limit) throws CursorExpiredException {
        throw new UnsupportedOperationException("Stage 2: read after a cursor"
                + " — see katas/03-long-polling/README.md, 'Stage 2 — An event log with a cursor'");
    }

    /** The cursor of the last event appended, 0 if none. */
    public long lastCursor() {
        throw new UnsupportedOperationException("Stage 2: the last cursor"
                + " — see katas/03-long-polling/README.md, 'Stage 2 — An event log with a cursor'");
    }
}
