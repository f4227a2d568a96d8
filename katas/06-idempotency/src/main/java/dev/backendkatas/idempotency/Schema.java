package dev.backendkatas.idempotency;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of this kata, created by the server when it starts (idempotent DDL: {@code IF NOT EXISTS}).
 *
 * <p>Given to you: the schema is the design's foundation, and reading it is part of the lesson.
 *
 * <ul>
 *   <li>{@code idempotency_keys}: one row per key <em>per client</em>. The primary key {@code (client, idem_key)} is
 *       what makes a claim atomic: of two {@code INSERT}s of the same key, the database lets exactly one succeed
 *       (SQLSTATE class {@code 23}, integrity constraint violation, for the other).
 *       <ul>
 *         <li>{@code fingerprint}: SHA-256 (64 hex digits) of the request that first used the key (Stage 3);</li>
 *         <li>{@code created_at}: when the key was first used, in epoch milliseconds of the server's clock: the start
 *             of its retention period (Stage 6);</li>
 *         <li>{@code locked_at}, {@code lock_token}: while the operation runs, when the current owner claimed the key and
 *             a random token that names that owner (its lease, Stage 5); {@code NULL} once the response is stored;</li>
 *         <li>{@code response_status}, {@code response_headers}, {@code response_body}: the stored response
 *             ({@link StoredResponse#encodeHeaders()} for the headers); {@code NULL} while the operation runs.</li>
 *       </ul></li>
 *   <li>{@code charges}: the ledger ({@link Ledger}): one row per money movement. The effect a retry must never
 *       repeat.</li>
 * </ul>
 */
public final class Schema {

    /** The DDL, in order. Portable SQL; tested on H2. */
    public static final List<String> STATEMENTS = List.of(
            "CREATE TABLE IF NOT EXISTS idempotency_keys ("
                    + " client VARCHAR(255) NOT NULL,"
                    + " idem_key VARCHAR(255) NOT NULL,"
                    + " fingerprint CHAR(64) NOT NULL,"
                    + " created_at BIGINT NOT NULL,"
                    + " locked_at BIGINT,"
                    + " lock_token VARCHAR(64),"
                    + " response_status INT,"
                    + " response_headers VARCHAR(4000),"
                    + " response_body VARBINARY(1048576),"
                    + " PRIMARY KEY (client, idem_key))",
            "CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON idempotency_keys (created_at)",
            "CREATE TABLE IF NOT EXISTS charges ("
                    + " id VARCHAR(40) PRIMARY KEY,"
                    + " client VARCHAR(255) NOT NULL,"
                    + " kind VARCHAR(10) NOT NULL,"
                    + " amount BIGINT NOT NULL,"
                    + " currency CHAR(3) NOT NULL,"
                    + " created_at BIGINT NOT NULL)");

    private Schema() {
    }

    /** Creates the tables that do not exist yet. */
    public static void create(ConnectionSource db) throws SQLException {
        try (Connection connection = db.open(); Statement statement = connection.createStatement()) {
            for (String ddl : STATEMENTS) {
                statement.execute(ddl);
            }
        }
    }
}
