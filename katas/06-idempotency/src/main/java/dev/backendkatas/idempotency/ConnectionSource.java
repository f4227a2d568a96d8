package dev.backendkatas.idempotency;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Where the server gets its database connections: one {@link #open()} per unit of work, closed by the caller.
 *
 * <p>Given to you. The server depends on {@code java.sql} only; the JDBC driver (H2 in the tests) is the caller's
 * choice. A production server would put a pool here (kata 05); opening a connection per request keeps this kata about
 * idempotency.
 */
@FunctionalInterface
public interface ConnectionSource {

    /** A new connection, in auto-commit mode, that the caller closes. */
    Connection open() throws SQLException;

    /** Connections from {@link DriverManager} for {@code jdbcUrl}, e.g. {@code jdbc:h2:file:/tmp/payments/db}. */
    static ConnectionSource of(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return () -> DriverManager.getConnection(jdbcUrl);
    }
}
