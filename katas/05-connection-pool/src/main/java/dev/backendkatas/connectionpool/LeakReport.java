package dev.backendkatas.connectionpool;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * A connection has been lent for longer than {@link PoolConfig#leakDetectionThreshold()}: probably a borrower that
 * forgot to give it back (a missing {@code finally}, a {@code close()} skipped by an exception).
 *
 * <p>Given to you.
 *
 * @param connection what the connection's {@code toString()} says
 * @param heldFor    how long it had been lent when it was reported
 * @param borrowedAt an exception created by the thread that borrowed it, at the moment it borrowed it: its stack
 *                   trace points at the code that leaks
 */
public record LeakReport(String connection, Duration heldFor, Throwable borrowedAt) {

    /** Logs the report as a warning through {@link System.Logger}: the default when no listener is given. */
    public static void log(LeakReport report) {
        System.getLogger(ConnectionPool.class.getName()).log(Level.WARNING,
                "Connection leak detection triggered for " + report.connection() + ", lent for "
                        + report.heldFor().toMillis() + "ms; stack trace of the borrow follows", report.borrowedAt());
    }
}
