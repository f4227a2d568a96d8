package dev.backendkatas.longpolling;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of a {@link PollingServer}. Every one of them is a bound: nothing in this server grows without one.
 *
 * <p>Given to you.
 *
 * @param threads          request threads of the HTTP server (few: a held poll must not need one)
 * @param jobWorkers       threads that run jobs
 * @param jobQueueCapacity jobs that may wait for a worker; one more is refused with 503
 * @param retention        events the log keeps; older ones are dropped, and a cursor before them is answered 410
 * @param maxBatch         events in one answer, at most
 * @param maxWait          the longest a poll is held (RFC 6202 §5.5); a longer {@code wait} is clamped to it
 * @param maxWaiters       polls held at once, at most; one more is refused with 503 (Stage 4)
 * @param retryAfter       what {@code Retry-After} says, in whole seconds (RFC 9110 §10.2.3)
 */
public record PollingServerConfig(int threads, int jobWorkers, int jobQueueCapacity, int retention, int maxBatch,
                                  Duration maxWait, int maxWaiters, Duration retryAfter) {

    public PollingServerConfig {
        positive("threads", threads);
        positive("jobWorkers", jobWorkers);
        positive("jobQueueCapacity", jobQueueCapacity);
        positive("retention", retention);
        positive("maxBatch", maxBatch);
        positive("maxWaiters", maxWaiters);
        if (maxWait.isNegative() || maxWait.isZero() || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("maxWait and retryAfter must be positive");
        }
    }

    /** 4 request threads, 2 workers, 8 queued jobs, 1000 events kept, 100 per answer, 30 s wait, 10,000 waiters, 1 s. */
    public static PollingServerConfig defaults() {
        return new PollingServerConfig(4, 2, 8, 1000, 100, Duration.ofSeconds(30), 10_000, Duration.ofSeconds(1));
    }

    public PollingServerConfig withJobs(int workers, int queueCapacity) {
        return new PollingServerConfig(threads, workers, queueCapacity, retention, maxBatch, maxWait, maxWaiters,
                retryAfter);
    }

    public PollingServerConfig withLog(int retention, int maxBatch) {
        return new PollingServerConfig(threads, jobWorkers, jobQueueCapacity, retention, maxBatch, maxWait, maxWaiters,
                retryAfter);
    }

    public PollingServerConfig withMaxWait(Duration maxWait) {
        return new PollingServerConfig(threads, jobWorkers, jobQueueCapacity, retention, maxBatch,
                Objects.requireNonNull(maxWait, "maxWait"), maxWaiters, retryAfter);
    }

    public PollingServerConfig withMaxWaiters(int maxWaiters) {
        return new PollingServerConfig(threads, jobWorkers, jobQueueCapacity, retention, maxBatch, maxWait, maxWaiters,
                retryAfter);
    }

    /** The {@code Retry-After} value: whole seconds, at least 1. */
    public String retryAfterHeader() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
