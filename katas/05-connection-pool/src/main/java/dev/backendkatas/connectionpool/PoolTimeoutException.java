package dev.backendkatas.connectionpool;

import java.time.Duration;

/**
 * No connection became available before the borrower's deadline. Its message states the pool's state, as HikariCP's
 * does ({@code "... request timed out after 30000ms (total=10, active=10, idle=0, waiting=3)"}), because "timed out"
 * alone does not tell an engineer at 3 a.m. whether the pool is too small, leaking, or the database is down.
 *
 * <p>Given to you.
 */
public final class PoolTimeoutException extends RuntimeException {

    private final PoolStats stats;

    /**
     * @param waited how long the borrower waited
     * @param stats  the pool's state at the deadline, this borrower still counted as waiting
     * @param cause  the last creation failure, if one explains the timeout; may be {@code null}
     */
    public PoolTimeoutException(Duration waited, PoolStats stats, Throwable cause) {
        super("connection not available, request timed out after " + waited.toMillis() + "ms (" + stats + ")", cause);
        this.stats = stats;
    }

    /** The pool's state at the deadline. */
    public PoolStats stats() {
        return stats;
    }
}
