package dev.backendkatas.chunkedupload;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently the client retries.
 *
 * <p>Given to you: it is not the lesson.
 *
 * <p>The budget counts <em>consecutive</em> failures: a request that fails with an {@code IOException} (a dropped
 * connection, a timeout), a 5xx or a 409. Every failure is followed by a wait of {@link #delayBeforeRetry(int)}.
 * When the server's acknowledged offset grows, the count starts again from zero, so a long upload over a bad network
 * is not limited to {@code maxRetries} failures in total, only to {@code maxRetries} in a row without progress. The
 * failure after {@code maxRetries} consecutive ones ends the upload with {@link UploadFailedException}.
 *
 * @param maxRetries     consecutive failures tolerated, each followed by a retry; {@code >= 0}
 * @param initialBackoff the wait after the first failure; positive
 * @param maxBackoff     the longest wait; {@code >= initialBackoff}
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

    /** Eight retries, 100 ms doubling up to 5 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(5));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff, got " + initialBackoff + ", "
                    + maxBackoff);
        }
    }

    /**
     * The wait before retry number {@code failure} (1 for the first failure in a row): {@code initialBackoff} doubled
     * {@code failure - 1} times, at most {@code maxBackoff}. No jitter, so tests can predict every delay.
     *
     * @param failure consecutive failures so far, {@code >= 1}
     */
    public Duration delayBeforeRetry(int failure) {
        if (failure < 1) {
            throw new IllegalArgumentException("failure counts from 1, got " + failure);
        }
        Duration delay = initialBackoff;
        for (int i = 1; i < failure && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
