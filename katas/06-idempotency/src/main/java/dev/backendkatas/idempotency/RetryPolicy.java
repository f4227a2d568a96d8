package dev.backendkatas.idempotency;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link PaymentsClient} retries. Given to you.
 *
 * @param initialBackoff the backoff cap after the first failure (100 ms by default)
 * @param maxBackoff     the largest backoff cap, however many failures (10 s by default)
 * @param maxAttempts    attempts of one operation before the client gives up (8 by default)
 * @param requestTimeout the timeout of one attempt (10 s by default)
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts, Duration requestTimeout) {

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), 8, Duration.ofSeconds(10));
    }

    public RetryPolicy withBackoff(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
        return new RetryPolicy(initialBackoff, maxBackoff, maxAttempts, requestTimeout);
    }
}
