package dev.backendkatas.longpolling;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Stages 3 and 4 — the polls that are being held: who waits after which cursor, and how each one ends.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #await} never blocks its caller. It registers a waiter for the events after {@code after}, and
 *       <em>then</em> reads the log again: an event appended between the caller's last read and the registration must
 *       not be missed (the lost wake-up). If that read finds events, the waiter replies at once.</li>
 *   <li>Otherwise the waiter replies later, exactly once, with whichever comes first:
 *       <ul>
 *         <li>{@link #eventAppended} — the events after its cursor (at most {@link PollingServerConfig#maxBatch()});</li>
 *         <li>the end of the wait, timed by the {@link Scheduler} — an empty batch with the same cursor;</li>
 *         <li>{@link #closeAll} — an empty batch with the same cursor (the client will ask again elsewhere).</li>
 *       </ul>
 *       These three may race on different threads; the reply is still given exactly once, never twice, never
 *       zero times. A waiter that replied is forgotten at once and its timer cancelled: {@link #count()} falls back
 *       to 0 and nothing is kept per finished poll.</li>
 *   <li>If the re-read or the wake-up finds the cursor expired ({@link CursorExpiredException}), the waiter replies
 *       with an empty batch with the same cursor: the client's next poll gets the 410.</li>
 *   <li>{@code reply} runs on whichever thread completed the wait (the caller of {@link #await}, of
 *       {@link #eventAppended}, the scheduler's, or the caller of {@link #closeAll}).</li>
 *   <li>Stage 4: at most {@link PollingServerConfig#maxWaiters()} waiters are held; {@link #await} refuses one more
 *       (returns {@code false}, nothing registered, {@code reply} never called). After {@link #closeAll} every
 *       {@code await} is refused.</li>
 *   <li>Safe to call from any number of threads.</li>
 * </ul>
 */
public final class Waiters {

    private final EventSource log;
    private final Scheduler scheduler;
    private final PollingServerConfig config;

    /** Polls over {@code log} (the server passes its {@link EventLog}), timed by {@code scheduler}. */
    public Waiters(EventSource log, Scheduler scheduler, PollingServerConfig config) {
        this.log = Objects.requireNonNull(log, "log");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Holds a poll for the events after {@code after} for at most {@code wait} (already clamped by the caller), and
     * calls {@code reply} exactly once, by the rules above.
     *
     * @return {@code true} if the poll is held or was answered, {@code false} if it was refused (Stage 4)
     */
    public boolean await(long after, Duration wait, Consumer<Batch> reply) {
        throw new UnsupportedOperationException("Stage 3: hold a poll"
                + " — see katas/03-long-polling/README.md, 'Stage 3 — Long polling'");
    }

    /** An event was appended to the log: every held poll replies with the events after its cursor. */
    public void eventAppended() {
        throw new UnsupportedOperationException("Stage 3: wake the held polls"
                + " — see katas/03-long-polling/README.md, 'Stage 3 — Long polling'");
    }

    /** How many polls are held right now. */
    public int count() {
        throw new UnsupportedOperationException("Stage 3: count the held polls"
                + " — see katas/03-long-polling/README.md, 'Stage 3 — Long polling'");
    }

    /** Answers every held poll with an empty batch and refuses new ones: the server is stopping. Idempotent. */
    public void closeAll() {
        throw new UnsupportedOperationException("Stage 4: answer every held poll on shutdown"
                + " — see katas/03-long-polling/README.md, 'Stage 4 — Held requests don't hold threads'");
    }
}
