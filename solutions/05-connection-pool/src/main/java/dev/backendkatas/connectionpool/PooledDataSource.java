package dev.backendkatas.connectionpool;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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
 * A {@link DataSource} over a {@link ConnectionPool}: each {@link #getConnection()} lends a proxy whose
 * {@code close()} resets the session and gives the physical connection back.
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

    @Override
    public Connection getConnection() throws SQLException {
        Connection physical;
        try {
            physical = pool.borrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", "08001", e);
        } catch (PoolTimeoutException e) {
            throw new SQLTransientConnectionException(e.getMessage(), "08001", e);
        } catch (ConnectionCreationException e) {
            throw new SQLException(e.getMessage() + ": " + e.getCause(), "08001", e.getCause());
        } catch (PoolClosedException e) {
            throw new SQLException(e.getMessage(), "08003", e);
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Lease(physical));
    }

    /** The pool's state, for dashboards and tests. */
    public PoolStats stats() {
        return pool.stats();
    }

    @Override
    public void close() {
        pool.close();
    }

    /** One borrow of one physical connection: remembers what the borrower changed, and puts it back on close. */
    private final class Lease implements InvocationHandler {

        private final Connection physical;
        private boolean closed;
        private Boolean autoCommit;
        private Boolean readOnly;
        private Integer isolation;

        Lease(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "close":
                    if (!closed) {
                        closed = true;
                        giveBack();
                    }
                    return null;
                case "isClosed":
                    return closed || physical.isClosed();
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "pooled " + physical + (closed ? " (returned)" : "");
                default:
                    break;
            }
            if (closed) {
                throw new SQLException("the connection was closed (returned to its pool)", "08003");
            }
            // Remember the session's first value of what the borrower is about to change.
            if (name.equals("setAutoCommit") && autoCommit == null) {
                autoCommit = physical.getAutoCommit();
            } else if (name.equals("setReadOnly") && readOnly == null) {
                readOnly = physical.isReadOnly();
            } else if (name.equals("setTransactionIsolation") && isolation == null) {
                isolation = physical.getTransactionIsolation();
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** Undo the session's changes, then release; a connection that cannot be reset is discarded, not pooled. */
        private void giveBack() throws SQLException {
            try {
                if (!physical.getAutoCommit()) {
                    physical.rollback();
                }
                if (autoCommit != null) {
                    physical.setAutoCommit(autoCommit);
                }
                if (readOnly != null) {
                    physical.setReadOnly(readOnly);
                }
                if (isolation != null) {
                    physical.setTransactionIsolation(isolation);
                }
                physical.clearWarnings();
            } catch (SQLException | RuntimeException e) {
                pool.discard(physical);
                return;
            }
            pool.release(physical);
        }
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
