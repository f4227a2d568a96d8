package dev.backendkatas.connectionpool;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and timers of a {@link ConnectionPool}. Every size is a bound and every timer has a meaning for zero.
 *
 * <p>Given to you. The compact constructor refuses a configuration that could never work, so a pool never starts
 * with one: a size below 1, {@code minIdle} above {@code maxSize}, a negative duration, a zero borrow timeout.
 *
 * @param maxSize                physical connections at once, at most: idle + lent + being opened (HikariCP
 *                               {@code maximumPoolSize}, default 10; commons-pool2 {@code maxTotal}, default 8)
 * @param minIdle                idle connections the housekeeping keeps warm (Stage 4); 0 opens connections only on
 *                               demand
 * @param connectionTimeout      how long {@link ConnectionPool#borrow()} waits before it gives up (HikariCP
 *                               {@code connectionTimeout}, default 30 s); positive
 * @param validateAfterIdle      a connection idle at least this long is validated before it is lent (Stage 3;
 *                               HikariCP skips validation for a connection used in the last 500 ms); zero validates
 *                               every connection before it is lent
 * @param idleTimeout            an idle connection unused this long is closed, down to {@code minIdle} (Stage 4;
 *                               HikariCP {@code idleTimeout}, default 10 min); zero never closes idle connections
 * @param maxLifetime            a connection older than this is retired, never while it is lent (Stage 4; HikariCP
 *                               {@code maxLifetime}, default 30 min); zero means no limit
 * @param leakDetectionThreshold a connection lent longer than this is reported once as a possible leak (Stage 5;
 *                               HikariCP {@code leakDetectionThreshold}, default 0 = off); zero turns it off
 * @param housekeepingPeriod     how often the housekeeping task runs (Stage 4; HikariCP's housekeeper runs every 30 s);
 *                               positive
 */
public record PoolConfig(int maxSize, int minIdle, Duration connectionTimeout, Duration validateAfterIdle,
                         Duration idleTimeout, Duration maxLifetime, Duration leakDetectionThreshold,
                         Duration housekeepingPeriod) {

    public PoolConfig {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1, got " + maxSize);
        }
        if (minIdle < 0 || minIdle > maxSize) {
            throw new IllegalArgumentException("minIdle must be between 0 and maxSize (" + maxSize + "), got " + minIdle);
        }
        positive("connectionTimeout", connectionTimeout);
        notNegative("validateAfterIdle", validateAfterIdle);
        notNegative("idleTimeout", idleTimeout);
        notNegative("maxLifetime", maxLifetime);
        notNegative("leakDetectionThreshold", leakDetectionThreshold);
        positive("housekeepingPeriod", housekeepingPeriod);
    }

    /**
     * maxSize 10, minIdle 0, connectionTimeout 30 s, validateAfterIdle 500 ms, idleTimeout 10 min, maxLifetime
     * 30 min, leak detection off, housekeeping every 30 s: HikariCP's defaults, except that this pool opens
     * connections on demand (HikariCP's {@code minimumIdle} defaults to {@code maximumPoolSize}).
     */
    public static PoolConfig defaults() {
        return new PoolConfig(10, 0, Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofMinutes(10),
                Duration.ofMinutes(30), Duration.ZERO, Duration.ofSeconds(30));
    }

    /** The defaults with another {@code maxSize}. */
    public static PoolConfig ofMaxSize(int maxSize) {
        return defaults().withMaxSize(maxSize);
    }

    public PoolConfig withMaxSize(int maxSize) {
        return new PoolConfig(maxSize, minIdle, connectionTimeout, validateAfterIdle, idleTimeout, maxLifetime,
                leakDetectionThreshold, housekeepingPeriod);
    }

    public PoolConfig withMinIdle(int minIdle) {
        return new PoolConfig(maxSize, minIdle, connectionTimeout, validateAfterIdle, idleTimeout, maxLifetime,
                leakDetectionThreshold, housekeepingPeriod);
    }

    public PoolConfig withConnectionTimeout(Duration connectionTimeout) {
        return new PoolConfig(maxSize, minIdle, connectionTimeout, validateAfterIdle, idleTimeout, maxLifetime,
                leakDetectionThreshold, housekeepingPeriod);
    }

    public PoolConfig withValidateAfterIdle(Duration validateAfterIdle) {
        return new PoolConfig(maxSize, minIdle, connectionTimeout, validateAfterIdle, idleTimeout, maxLifetime,
                leakDetectionThreshold, housekeepingPeriod);
    }

    public PoolConfig withIdleTimeout(Duration idleTimeout) {
        return new PoolConfig(maxSize, minIdle, connectionTimeout, validateAfterIdle, idleTimeout, maxLifetime,
                leakDetectionThreshold, housekeepingPeriod);
    }

    public PoolConfig withMaxLifetime(Duration maxLifetime) {
        return new PoolConfig(maxSize, minIdle, connectionTimeout, validateAfterIdle, idleTimeout, maxLifetime,
                leakDetectionThreshold, housekeepingPeriod);
    }

    public PoolConfig withLeakDetectionThreshold(Duration leakDetectionThreshold) {
        return new PoolConfig(maxSize, minIdle, connectionTimeout, validateAfterIdle, idleTimeout, maxLifetime,
                leakDetectionThreshold, housekeepingPeriod);
    }

    public PoolConfig withHousekeepingPeriod(Duration housekeepingPeriod) {
        return new PoolConfig(maxSize, minIdle, connectionTimeout, validateAfterIdle, idleTimeout, maxLifetime,
                leakDetectionThreshold, housekeepingPeriod);
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
