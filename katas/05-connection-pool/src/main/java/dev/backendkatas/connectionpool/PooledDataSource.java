package dev.backendkatas.connectionpool;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Stage 6 — a {@link DataSource} over a {@link ConnectionPool}: what an application (or Spring, or jOOQ) asks for
 * connections. Each {@link #getConnection()} lends a proxy whose {@code close()} resets the session and gives the
 * physical connection back.
 *
 * <p>The methods after {@link #close()} are the rest of {@link DataSource}, given to you.
 */
public final class PooledDataSource implements DataSource, AutoCloseable {

    private final ConnectionPool<Connection> pool;

    public PooledDataSource(ConnectionFactory<Connection> factory, PoolConfig config) {
        this.pool = new ConnectionPool<>(factory, config);
    }

    public PooledDataSource(ConnectionFactory<Connection> factory, PoolConfig config, Clock clock,
                            Scheduler scheduler, Consumer<LeakReport> leakListener) {
        this.pool = new ConnectionPool<>(factory, config, clock, scheduler, leakListener);
    }

    /**
     * Lends a connection from the pool, wrapped in a proxy (a {@link java.lang.reflect.Proxy} of {@link Connection}).
     *
     * <ul>
     *   <li>Every method of the proxy calls the physical connection, until the proxy's {@code close()}.</li>
     *   <li>{@code close()} gives the physical connection back after resetting what this borrower changed: it rolls
     *       back a transaction left open ({@code autoCommit} false), and restores {@code autoCommit},
     *       {@code readOnly} and the transaction isolation to what they were when the borrower got it (however
     *       often it changed them), and clears the warnings its statements left ({@link Connection#clearWarnings()}).
     *       If the reset fails (the database is gone), the connection is {@link ConnectionPool#discard discarded},
     *       not pooled, and {@code close()} does not throw.</li>
     *   <li>After {@code close()}: a second {@code close()} does nothing (as {@link Connection#close()} says),
     *       {@code isClosed()} is {@code true}, and every other method throws {@link SQLException}: the borrower
     *       can no longer touch a connection that someone else may hold now.</li>
     *   <li>{@code equals} is identity, {@code hashCode} the identity hash code.</li>
     * </ul>
     *
     * @throws SQLTransientConnectionException no connection within the timeout (the message states the pool's state)
     * @throws SQLException                    the connection could not be opened (the driver's exception is the
     *                                         cause), the pool is closed, or the thread was interrupted (its interrupt
     *                                         flag is set again)
     */
    @Override
    public Connection getConnection() throws SQLException {
        throw new UnsupportedOperationException("Stage 6: lend a pooled JDBC connection"
                + " — see katas/05-connection-pool/README.md, 'Stage 6 — A real database'");
    }

    /** The pool's state, for dashboards and tests. */
    public PoolStats stats() {
        throw new UnsupportedOperationException("Stage 6: the pool's state"
                + " — see katas/05-connection-pool/README.md, 'Stage 6 — A real database'");
    }

    /** Closes the pool (Stage 5 rules): idle connections are closed, later {@link #getConnection()} calls fail. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("Stage 6: close the data source"
                + " — see katas/05-connection-pool/README.md, 'Stage 6 — A real database'");
    }

    // ---- the rest of DataSource: not the lesson -----------------------------------------------------------------

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a pool lends connections of one user: use getConnection()");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Logging goes through System.Logger.
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        throw new SQLFeatureNotSupportedException("set PoolConfig.connectionTimeout instead");
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("logging goes through System.Logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        Objects.requireNonNull(type, "type");
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
