package dev.backendkatas.connectionpool;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Objects;

/** Physical JDBC connections through {@link DriverManager}, checked with {@link Connection#isValid(int)}. */
public final class JdbcConnectionFactory implements ConnectionFactory<Connection> {

    private final String url;
    private final String user;
    private final String password;
    private final int validationSeconds;

    public JdbcConnectionFactory(String url, String user, String password, Duration validationTimeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
        Objects.requireNonNull(validationTimeout, "validationTimeout");
        if (validationTimeout.isNegative() || validationTimeout.isZero()) {
            throw new IllegalArgumentException("validationTimeout must be positive, got " + validationTimeout);
        }
        // isValid takes whole seconds, and 0 would mean "no timeout": round up.
        this.validationSeconds = (int) Math.max(1, (validationTimeout.toMillis() + 999) / 1000);
    }

    @Override
    public Connection create() throws Exception {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public boolean validate(Connection connection) throws Exception {
        return connection.isValid(validationSeconds);
    }

    @Override
    public void close(Connection connection) throws Exception {
        connection.close();
    }
}
