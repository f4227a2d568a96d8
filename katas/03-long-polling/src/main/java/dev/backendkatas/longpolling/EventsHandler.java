package dev.backendkatas.longpolling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Objects;

/**
 * Stages 2 and 3 — {@code GET /events?after=N} (short poll) and {@code GET /events?after=N&wait=S} (long poll).
 *
 * <h2>Parameters (Stage 2)</h2>
 * <ul>
 *   <li>{@code after}: required, exactly once, 1 to 19 ASCII digits within a {@code long}. Missing, repeated, empty,
 *       signed, negative, fractional or not a number: {@code 400}. A cursor the log never gave out (above
 *       {@link EventLog#lastCursor()}) is {@code 400} too: the client is confused, and waiting would not help.</li>
 *   <li>{@code wait}: optional, at most once, whole seconds, same syntax as {@code after}; absent means 0. Malformed:
 *       {@code 400}. Above {@link PollingServerConfig#maxWait()} it is <em>clamped</em> to it, not refused
 *       (RFC 6202 §5.5: the server picks the timeout).</li>
 *   <li>Other query parameters are ignored.</li>
 * </ul>
 *
 * <h2>Answers</h2>
 * <ul>
 *   <li>{@code 200}, {@code Content-Type: application/json}, {@code Cache-Control: no-store}, and the {@link Batch}
 *       as {@link Batch#toJson()}: at most {@link PollingServerConfig#maxBatch()} events after {@code after}.</li>
 *   <li>{@code 410 Gone} (RFC 9110 §15.5.11) when the events after {@code after} were dropped
 *       ({@link CursorExpiredException}), with the body {@code {"error":"cursor expired","oldest":K}} where K is
 *       {@link CursorExpiredException#oldest()}, {@code Content-Type: application/json}.</li>
 *   <li>{@code wait} = 0 (Stage 2): answer at once, even with an empty batch: a short poll.</li>
 *   <li>{@code wait} &gt; 0 (Stage 3): if there are events after {@code after}, answer at once. Otherwise hold the
 *       request with {@link Waiters#await} and answer when it replies: with the new events, or with an empty batch and
 *       the same cursor when the wait is over. A timeout is a success ({@code 200}), never 408 or 5xx
 *       (RFC 6202 §5.4). The request thread is given back at once (Stage 4).</li>
 *   <li>{@code 503} with {@code Retry-After} when {@link Waiters#await} refuses the poll (Stage 4).</li>
 *   <li>A path other than {@code /events}: {@code 404}. A method other than GET: {@code 405} with
 *       {@code Allow: GET}. Errors carry a short {@code text/plain} body.</li>
 * </ul>
 *
 * <p>The handler closes every exchange once it has answered it; a held exchange is answered and closed later, from
 * whichever thread completes the wait (see {@link PollingServer}).
 */
public final class EventsHandler implements HttpHandler {

    private final PollingServerConfig config;
    private final EventLog log;
    private final Waiters waiters;

    public EventsHandler(PollingServerConfig config, EventLog log, Waiters waiters) {
        this.config = Objects.requireNonNull(config, "config");
        this.log = Objects.requireNonNull(log, "log");
        this.waiters = Objects.requireNonNull(waiters, "waiters");
    }

    /** Answers (or holds) one request on {@code /events} by the rules above. */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        throw new UnsupportedOperationException("Stage 2: answer GET /events?after=N"
                + " — see katas/03-long-polling/README.md, 'Stage 2 — An event log with a cursor'");
    }
}
