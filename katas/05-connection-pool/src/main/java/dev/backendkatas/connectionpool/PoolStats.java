package dev.backendkatas.connectionpool;

/**
 * A snapshot of a {@link ConnectionPool}: what a timeout message and a dashboard show.
 *
 * <p>Given to you.
 *
 * @param total   physical connections that exist or are being opened: {@code active + idle + opening}, never above
 *                {@link PoolConfig#maxSize()}
 * @param active  connections lent to borrowers right now
 * @param idle    open connections waiting in the pool to be lent
 * @param waiting borrowers blocked in {@link ConnectionPool#borrow()} right now
 */
public record PoolStats(int total, int active, int idle, int waiting) {

    /** {@code total=4, active=4, idle=0, waiting=2}: the shape HikariCP puts in its timeout message. */
    @Override
    public String toString() {
        return "total=" + total + ", active=" + active + ", idle=" + idle + ", waiting=" + waiting;
    }
}
