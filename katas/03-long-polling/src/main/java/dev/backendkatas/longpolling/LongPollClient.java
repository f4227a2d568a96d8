package dev.backendkatas.longpolling;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Stage 5 — a long-polling client on the JDK {@code HttpClient} that follows the cursor.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Each poll is {@code GET <server>/events?after=<cursor>&wait=<config.pollWait() in seconds>} over HTTP/1.1, with
 *       {@link ClientConfig#requestTimeout()} as its timeout. A {@code 200} carries a {@link Batch}
 *       ({@link Batch#parse}); an empty batch (the wait ended) is followed by the next poll at once.</li>
 *   <li><b>Exactly once, in order.</b> The listener gets each event once, in cursor order: an event whose cursor is
 *       not above the client's cursor is a duplicate (a batch sent again after a lost answer) and is skipped. The
 *       cursor moves to an event's cursor after the listener returned for it.</li>
 *   <li><b>Retry.</b> A network error ({@code IOException}, a timeout included), a {@code 5xx} or a {@code 429} is a
 *       failure. After failure number {@code n} in a row, the client waits through the {@link Sleeper} and polls
 *       again with the same cursor. The wait is {@code Retry-After} (whole seconds, RFC 9110 §10.2.3) when the
 *       response has one; otherwise the backoff {@code base/2 + random * base/2}, with
 *       {@code base = min(maxBackoff, initialBackoff * 2^(n-1))} and {@code random} from the injected supplier
 *       (capped exponential backoff with jitter).</li>
 *   <li><b>Bounded.</b> A {@code 200} resets the failure count. Failure number {@link ClientConfig#maxFailures()} in a
 *       row throws {@link PollFailedException} (with the last status, or {@link PollFailedException#NO_STATUS} and the
 *       {@code IOException} as its cause), without a wait before it.</li>
 *   <li><b>Permanent.</b> Any other {@code 4xx}, or a {@code 200} whose body is not a batch: {@link PollFailedException}
 *       at once, without waiting. A {@code 410}: {@link CursorExpiredException} with the {@code oldest} of its body
 *       ({@code {"error":"cursor expired","oldest":K}}): events were missed, and the client says so instead of
 *       silently skipping ahead.</li>
 * </ul>
 */
public final class LongPollClient {

    private final URI server;
    private final ClientConfig config;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    /**
     * @param server the server's base URI, e.g. {@code http://127.0.0.1:8080}
     * @param random values in [0, 1) for the jitter (a test injects fixed ones)
     */
    public LongPollClient(URI server, ClientConfig config, Sleeper sleeper, DoubleSupplier random) {
        this.server = Objects.requireNonNull(server, "server");
        this.config = Objects.requireNonNull(config, "config");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Follows the log from {@code after}, delivering events to {@code listener}, until {@code stop} says so (it is
     * asked before every poll).
     *
     * @return the cursor of the last event delivered ({@code after} if none)
     * @throws PollFailedException    on a permanent error, or after too many failures in a row
     * @throws CursorExpiredException on a 410: events after the cursor were dropped
     */
    public long follow(long after, Consumer<Event> listener, BooleanSupplier stop)
            throws PollFailedException, CursorExpiredException, InterruptedException {
        throw new UnsupportedOperationException("Stage 5: follow the log with long polls"
                + " — see katas/03-long-polling/README.md, 'Stage 5 — The client'");
    }

    /**
     * The wait after failure number {@code failures} in a row without a {@code Retry-After}, by the rule above.
     */
    public Duration backoff(int failures) {
        throw new UnsupportedOperationException("Stage 5: capped exponential backoff with jitter"
                + " — see katas/03-long-polling/README.md, 'Stage 5 — The client'");
    }
}
