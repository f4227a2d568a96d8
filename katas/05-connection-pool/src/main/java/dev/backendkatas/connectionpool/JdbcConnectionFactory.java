package dev.backendkatas.connectionpool;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Objects;

/**
 * Stage 6 — physical JDBC connections.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #create()} opens a connection with {@link DriverManager#getConnection(String, String, String)}; the
 *       driver's {@link java.sql.SQLException} (connection refused, wrong password) propagates.</li>
 *   <li>{@link #validate} asks the driver with {@link Connection#isValid(int)}, bounded by the validation timeout
 *       rounded up to whole seconds (at least 1: {@code isValid(0)} means "no timeout").</li>
 *   <li>{@link #close} closes the physical connection.</li>
 * </ul>
 */
public final class JdbcConnectionFactory implements ConnectionFactory<Connection> {

    private final String url;
    private final String user;
    private final String password;
    private final Duration validationTimeout;

    /**
     * @param url               a JDBC URL, e.g. {@code jdbc:h2:tcp://127.0.0.1:9092/db}
     * @param user              the user, may be {@code null} if the driver needs none
     * @param password          the password, may be {@code null}
     * @param validationTimeout how long {@link #validate} may take; positive (HikariCP {@code validationTimeout},
     *                          default 5 s)
     */
    public JdbcConnectionFactory(String url, String user, String password, Duration validationTimeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
        this.validationTimeout = Objects.requireNonNull(validationTimeout, "validationTimeout");
    }

    @Override
    public Connection create() throws Exception {
        throw new UnsupportedOperationException("Stage 6: open a JDBC connection"
                + " — see katas/05-connection-pool/README.md, 'Stage 6 — A real database'");
    }

    @Override
    public boolean validate(Connection connection) throws Exception {
        throw new UnsupportedOperationException("Stage 6: validate a JDBC connection"
                + " — see katas/05-connection-pool/README.md, 'Stage 6 — A real database'");
    }

    @Override
    public void close(Connection connection) throws Exception {
        throw new UnsupportedOperationException("Stage 6: close a JDBC connection"
                + " — see katas/05-connection-pool/README.md, 'Stage 6 — A real database'");
    }
}
