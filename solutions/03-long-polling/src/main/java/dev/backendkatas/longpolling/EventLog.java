package dev.backendkatas.longpolling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Stage 2 — an ordered, bounded log of events, read with a cursor.
 *
 * <p>A deque of the retained events and the cursor of the last one, under one lock: appends are short, and a reader
 * copies at most {@code limit} events while it holds it.
 */
public final class EventLog implements EventSource {

    private final int retention;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private long last;

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
    public synchronized long append(String data) {
        Event event = new Event(last + 1, data);
        events.addLast(event);
        last = event.cursor();
        if (events.size() > retention) {
            events.removeFirst();
        }
        return last;
    }

    /**
     * The events after {@code after}, oldest first, at most {@code limit} of them, and the cursor to read after next.
     *
     * @throws CursorExpiredException   if an event after {@code after} was dropped
     * @throws IllegalArgumentException if {@code after} is negative or beyond the last cursor, or {@code limit} &lt; 1
     */
    public synchronized Batch read(long after, int limit) throws CursorExpiredException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (after < 0 || after > last) {
            throw new IllegalArgumentException("cursor " + after + " was never given out (last is " + last + ")");
        }
        if (after == last) {
            return Batch.empty(after);
        }
        long first = events.getFirst().cursor();
        // Reading after `first - 1` starts exactly at the oldest event we still have; anything older has a gap.
        if (after < first - 1) {
            throw new CursorExpiredException(after, first - 1);
        }
        List<Event> batch = new ArrayList<>((int) Math.min(limit, last - after));
        Iterator<Event> it = events.iterator();
        // Cursors are consecutive, so the event after `after` sits at index after - first + 1.
        for (long skip = after - first + 1; skip > 0; skip--) {
            it.next();
        }
        while (it.hasNext() && batch.size() < limit) {
            batch.add(it.next());
        }
        return new Batch(batch, batch.get(batch.size() - 1).cursor());
    }

    /** The cursor of the last event appended, 0 if none. */
    public synchronized long lastCursor() {
        return last;
    }
}
