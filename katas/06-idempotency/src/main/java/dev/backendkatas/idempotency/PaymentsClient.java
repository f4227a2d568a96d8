package dev.backendkatas.idempotency;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Stage 7 — a client on the JDK {@code HttpClient} that makes POSTs safe to retry.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>One key per logical operation.</b> {@link #post} takes one new key from the key supplier and sends it on
 *       every attempt of that operation: {@code Idempotency-Key} as an sf-string ({@link IdempotencyKey#toFieldValue}),
 *       with {@code Authorization: Bearer <api key>}, {@code Content-Type: application/json} and the same body, over
 *       HTTP/1.1, with {@link RetryPolicy#requestTimeout()} as the timeout of each attempt. A new key per attempt
 *       would make every retry a new payment.</li>
 *   <li><b>What is retried:</b> a network error ({@code IOException}: refused, reset, cut, timed out), any
 *       {@code 5xx}, and {@code 409} (the first attempt is still in flight, draft-ietf-httpapi-idempotency-key-header
 *       §2.7). <b>Never</b> another {@code 4xx}: {@code 400}, {@code 401}, {@code 402}, {@code 422}, … are final
 *       answers, returned at once ({@link PaymentResponse}); repeating them cannot change them. A {@code 2xx} is
 *       returned too.</li>
 *   <li><b>How long to wait</b> after failure {@code n} (1, 2, …): the response's {@code Retry-After} when it has a
 *       valid one (RFC 9110 §10.2.3: delay-seconds, or an HTTP-date, counted from the injected clock's now, never
 *       negative); otherwise {@link #backoff}{@code (n)}: capped exponential backoff with full jitter,
 *       {@code random × min(maxBackoff, initialBackoff × 2^(n−1))}, the random from the injected supplier
 *       ([0, 1)). Every wait goes through the {@link Sleeper}.</li>
 *   <li><b>Bounded:</b> failure number {@link RetryPolicy#maxAttempts()} throws {@link PaymentFailedException} at
 *       once, without a wait: the last status (or {@link PaymentFailedException#NO_STATUS}) and the last
 *       {@code IOException} as its cause.</li>
 * </ul>
 */
public final class PaymentsClient {

    private final URI server;
    private final String apiKey;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final Clock clock;
    private final Supplier<String> keys;

    /**
     * @param server the server's base URI, e.g. {@code http://127.0.0.1:8080}
     * @param keys   a new idempotency key per call (a random UUID in production)
     */
    public PaymentsClient(URI server, String apiKey, RetryPolicy policy, Sleeper sleeper, DoubleSupplier random,
                          Clock clock, Supplier<String> keys) {
        this.server = Objects.requireNonNull(server, "server");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = Objects.requireNonNull(keys, "keys");
        // Stage 7: the JDK HttpClient this client sends with is yours to build (once, here), as the contract says.
    }

    /** A client with the default policy, real sleeps and clock, {@code Math.random} and random UUID keys. */
    public PaymentsClient(URI server, String apiKey) {
        this(server, apiKey, RetryPolicy.defaults(), Sleeper.REAL, Math::random, Clock.systemUTC(),
                () -> UUID.randomUUID().toString());
    }

    /**
     * POSTs {@code json} to {@code path} (e.g. {@code "/payments"}) as one logical operation, retrying by the rules
     * above.
     *
     * @throws PaymentFailedException if every attempt failed; the operation may have run, retry with the same key
     */
    public PaymentResponse post(String path, String json) throws PaymentFailedException, InterruptedException {
        throw new UnsupportedOperationException("Stage 7: post once, retry with the same key"
                + " — see katas/06-idempotency/README.md, 'Stage 7 — The retrying client'");
    }

    /** The wait after failure number {@code failures} in a row when the server gave no {@code Retry-After}. */
    public Duration backoff(int failures) {
        throw new UnsupportedOperationException("Stage 7: capped exponential backoff with full jitter"
                + " — see katas/06-idempotency/README.md, 'Stage 7 — The retrying client'");
    }
}
