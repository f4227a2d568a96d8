package dev.backendkatas.longpolling;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Stage 6 — a short-polling client: it asks "anything after my cursor?", gets an answer at once, and asks again one
 * interval later. The Stage 6 tests run it and your {@link LongPollClient} over the same stream of events on a
 * virtual clock, and count what each one costs.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Each poll is {@code GET <server>/events?after=<cursor>} over HTTP/1.1, without a {@code wait} (or with
 *       {@code wait=0}): the server answers at once, with what it has. A {@code 200} carries a {@link Batch}
 *       ({@link Batch#parse}).</li>
 *   <li><b>Exactly once, in order</b>, as in Stage 5: the listener gets each event once, in cursor order; an event whose
 *       cursor is not above the client's cursor is skipped; the cursor moves to an event's cursor after the listener
 *       returned for it.</li>
 *   <li><b>The interval.</b> After an <em>empty</em> batch the client waits {@code interval} through the
 *       {@link Sleeper}, then polls again. After a batch with events it polls again at once, without waiting: the
 *       server sends at most {@link PollingServerConfig#maxBatch()} events per answer, and more may be waiting.</li>
 *   <li><b>Stop.</b> {@code stop} is asked before every poll, the first one included.</li>
 *   <li><b>Failures end the run</b> (retrying is Stage 5's lesson, not this one's): a {@code 410} throws
 *       {@link CursorExpiredException} with the {@code oldest} of its body ({@code {"error":"cursor expired",
 *       "oldest":K}}) — the client polled too rarely for the log's retention and missed events; any other status, a
 *       {@code 200} whose body is not a batch, or a network error ({@code IOException}) throws
 *       {@link PollFailedException} (the status, or {@link PollFailedException#NO_STATUS} and the {@code IOException}
 *       as its cause). No wait before any of them.</li>
 * </ul>
 */
public final class ShortPollClient {

    private final URI server;
    private final Duration interval;
    private final Sleeper sleeper;

    /**
     * @param server   the server's base URI, e.g. {@code http://127.0.0.1:8080}
     * @param interval how long to wait after an empty answer; positive
     * @param sleeper  who waits (the tests pass a virtual clock)
     */
    public ShortPollClient(URI server, Duration interval, Sleeper sleeper) {
        this.server = Objects.requireNonNull(server, "server");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
    }

    /**
     * Follows the log from {@code after} with short polls, delivering events to {@code listener}, until {@code stop}
     * says so (it is asked before every poll).
     *
     * @return the cursor of the last event delivered ({@code after} if none)
     * @throws PollFailedException    on any answer other than a batch or a 410, or a network error
     * @throws CursorExpiredException on a 410: events after the cursor were dropped before this client asked
     */
    public long follow(long after, Consumer<Event> listener, BooleanSupplier stop)
            throws PollFailedException, CursorExpiredException, InterruptedException {
        throw new UnsupportedOperationException("Stage 6: follow the log with short polls"
                + " — see katas/03-long-polling/README.md, 'Stage 6 — Short vs long polling, measured'");
    }
}
