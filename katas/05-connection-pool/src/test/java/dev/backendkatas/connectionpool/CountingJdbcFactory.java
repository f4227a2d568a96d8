package dev.backendkatas.connectionpool;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps the kata's {@link JdbcConnectionFactory} and counts the physical connections it opened. */
final class CountingJdbcFactory implements ConnectionFactory<Connection> {

    private final ConnectionFactory<Connection> delegate;
    private final AtomicInteger created = new AtomicInteger();

    CountingJdbcFactory(ConnectionFactory<Connection> delegate) {
        this.delegate = delegate;
    }

    @Override
    public Connection create() throws Exception {
        Connection connection = delegate.create();
        created.incrementAndGet();
        return connection;
    }

    @Override
    public boolean validate(Connection connection) throws Exception {
        return delegate.validate(connection);
    }

    @Override
    public void close(Connection connection) throws Exception {
        delegate.close(connection);
    }

    int created() {
        return created.get();
    }
}
