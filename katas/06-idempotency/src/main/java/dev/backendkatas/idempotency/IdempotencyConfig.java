package dev.backendkatas.idempotency;

import java.time.Duration;
import java.util.Objects;

/**
 * The published idempotency policy of the server, and its limits. Given to you.
 *
 * @param lease        how long a claimed key belongs to the request that claimed it (Stage 5): a retry that finds the
 *                     key still running before the lease ends gets {@code 409}; at or after its end it may take the
 *                     key over. Longer than any operation may take; 60 s by default.
 * @param retention    how long a key and its stored response are kept (Stage 6): a key is expired from
 *                     {@code created_at + retention} on. 24 hours by default, like Stripe's.
 * @param maxBodyBytes the largest request body read (16 KiB by default); a bigger one is {@code 413}.
 * @param threads      request threads of the HTTP server.
 */
public record IdempotencyConfig(Duration lease, Duration retention, int maxBodyBytes, int threads) {

    /** The longest key accepted, in characters (the limit Stripe documents). */
    public static final int MAX_KEY_LENGTH = 255;

    public IdempotencyConfig {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(retention, "retention");
        if (lease.isNegative() || lease.isZero() || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("lease and retention must be positive");
        }
        if (maxBodyBytes < 1 || threads < 1) {
            throw new IllegalArgumentException("maxBodyBytes and threads must be positive");
        }
    }

    /** Lease 60 s, retention 24 h, bodies up to 16 KiB, 8 request threads. */
    public static IdempotencyConfig defaults() {
        return new IdempotencyConfig(Duration.ofSeconds(60), Duration.ofHours(24), 16 * 1024, 8);
    }

    public IdempotencyConfig withLease(Duration lease) {
        return new IdempotencyConfig(lease, retention, maxBodyBytes, threads);
    }

    public IdempotencyConfig withRetention(Duration retention) {
        return new IdempotencyConfig(lease, retention, maxBodyBytes, threads);
    }

    public IdempotencyConfig withMaxBodyBytes(int maxBodyBytes) {
        return new IdempotencyConfig(lease, retention, maxBodyBytes, threads);
    }
}
