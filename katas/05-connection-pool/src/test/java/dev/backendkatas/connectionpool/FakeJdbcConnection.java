package dev.backendkatas.connectionpool;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLWarning;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDBC connection without a database: it keeps the session settings a pool must reset (auto-commit, read-only,
 * isolation, warnings) where a test can read them, and records what {@code isValid} was asked. H2 ignores
 * {@code setReadOnly}, so only a connection like this one shows whether a pool restores it.
 */
final class FakeJdbcConnection {

    volatile boolean autoCommit = true;
    volatile boolean readOnly;
    volatile int isolation = Connection.TRANSACTION_READ_COMMITTED;
    volatile SQLWarning warnings;
    volatile boolean closed;
    volatile int rollbacks;
    volatile int lastIsValidSeconds = -1;
    final Connection connection;

    FakeJdbcConnection() {
        this.connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAutoCommit" -> autoCommit;
                    case "setAutoCommit" -> {
                        autoCommit = (Boolean) args[0];
                        yield null;
                    }
                    case "isReadOnly" -> readOnly;
                    case "setReadOnly" -> {
                        readOnly = (Boolean) args[0];
                        yield null;
                    }
                    case "getTransactionIsolation" -> isolation;
                    case "setTransactionIsolation" -> {
                        isolation = (Integer) args[0];
                        yield null;
                    }
                    case "getWarnings" -> warnings;
                    case "clearWarnings" -> {
                        warnings = null;
                        yield null;
                    }
                    case "rollback" -> {
                        rollbacks++;
                        yield null;
                    }
                    case "commit" -> null;
                    case "isValid" -> {
                        lastIsValidSeconds = (Integer) args[0];
                        yield !closed;
                    }
                    case "close" -> {
                        closed = true;
                        yield null;
                    }
                    case "isClosed" -> closed;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "fake-jdbc-" + Integer.toHexString(System.identityHashCode(proxy));
                    default -> throw new UnsupportedOperationException("FakeJdbcConnection." + method.getName());
                });
    }

    /** Opens fake connections and keeps them, so that a test can look at the physical one behind a proxy. */
    static final class Factory implements ConnectionFactory<Connection> {

        final List<FakeJdbcConnection> created = new CopyOnWriteArrayList<>();

        @Override
        public Connection create() {
            FakeJdbcConnection fake = new FakeJdbcConnection();
            created.add(fake);
            return fake.connection;
        }

        @Override
        public boolean validate(Connection connection) throws Exception {
            return connection.isValid(1);
        }

        @Override
        public void close(Connection connection) throws Exception {
            connection.close();
        }
    }
}
