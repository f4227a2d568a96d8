package dev.backendkatas.longpolling;

import java.time.Duration;

/**
 * How a {@link LongPollClient} polls and retries. Given to you.
 *
 * @param pollWait       the {@code wait} it asks the server for, in whole seconds
 * @param requestTimeout how long one request may take in all; longer than {@code pollWait}, or every held poll times out
 * @param initialBackoff the backoff base after the first failure in a row
 * @param maxBackoff     the cap of the backoff base
 * @param maxFailures    failures in a row that make the client give up (the last one is not followed by a wait)
 */
public record ClientConfig(Duration pollWait, Duration requestTimeout, Duration initialBackoff, Duration maxBackoff,
                           int maxFailures) {

    public ClientConfig {
        if (requestTimeout.compareTo(pollWait) <= 0) {
            throw new IllegalArgumentException("requestTimeout must be longer than pollWait");
        }
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
    }

    /** wait 30 s, request timeout 40 s, backoff from 100 ms up to 5 s, give up after 5 failures in a row. */
    public static ClientConfig defaults() {
        return new ClientConfig(Duration.ofSeconds(30), Duration.ofSeconds(40), Duration.ofMillis(100),
                Duration.ofSeconds(5), 5);
    }

    public ClientConfig withBackoff(Duration initial, Duration max, int maxFailures) {
        return new ClientConfig(pollWait, requestTimeout, initial, max, maxFailures);
    }
}
