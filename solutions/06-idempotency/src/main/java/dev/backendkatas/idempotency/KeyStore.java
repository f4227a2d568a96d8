package dev.backendkatas.idempotency;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Stages 2, 4, 5 and 6 — the keys in the database. See the stub's Javadoc for the contract.
 *
 * <p>Two phases, each one transaction (Brandur Leach's "atomic phases"): the claim (one {@code INSERT}, committed at
 * once), and the completion (the operation's effect and the stored response, committed together, only by the
 * current owner of the key). Between them the key is "in flight" with a lease; nothing else holds a lock.
 */
public final class KeyStore {

    /** The operation to run under a claimed key, in the store's transaction. */
    @FunctionalInterface
    public interface Work {
        StoredResponse run(Connection tx) throws SQLException;
    }

    private static final SecureRandom TOKENS = new SecureRandom();
    private static final System.Logger LOG = System.getLogger(KeyStore.class.getName());

    /** How often a claim starts over when the row changed under it (released, purged, taken over) before it read it. */
    private static final int CLAIM_ROUNDS = 3;

    private final ConnectionSource db;
    private final Clock clock;
    private final IdempotencyConfig config;

    public KeyStore(ConnectionSource db, Clock clock, IdempotencyConfig config) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Claims {@code key} of {@code client} for a request with {@code fingerprint}, or says why not. */
    public Claim claim(String client, String key, String fingerprint) throws SQLException {
        long now = clock.millis();
        try (Connection connection = db.open()) {
            for (int round = 0; round < CLAIM_ROUNDS; round++) {
                String token = newToken();
                // The claim is the INSERT: the primary key lets exactly one of two concurrent inserts through.
                if (insert(connection, client, key, fingerprint, now, token)) {
                    return new Claim.Acquired(client, key, fingerprint, token);
                }
                Row row = select(connection, client, key);
                if (row == null) {
                    continue; // released or purged between our INSERT and our SELECT: try to insert again
                }
                if (row.createdAt + config.retention().toMillis() <= now) {
                    // Expired (Stage 6): a new operation under an old key. Reset the row, but only the row we saw.
                    if (restart(connection, row, fingerprint, now, token)) {
                        return new Claim.Acquired(client, key, fingerprint, token);
                    }
                    continue;
                }
                if (!row.fingerprint.equals(fingerprint)) {
                    return new Claim.Mismatch();
                }
                if (row.status != null) {
                    return new Claim.Completed(new StoredResponse(row.status,
                            StoredResponse.decodeHeaders(row.headers), row.body));
                }
                if (now < row.lockedAt + config.lease().toMillis()) {
                    return new Claim.InFlight();
                }
                // The owner's lease ended (Stage 5): it crashed, or is too slow to trust. Take the key over, if
                // nobody else did since we read it; the old owner's completion will then find a foreign token.
                if (takeOver(connection, row, now, token)) {
                    return new Claim.Acquired(client, key, fingerprint, token);
                }
            }
            return new Claim.InFlight();
        }
    }

    /** Runs {@code work} and stores its response under the claimed key, in one transaction. */
    public StoredResponse complete(Claim.Acquired claim, Work work) throws SQLException {
        try (Connection connection = db.open()) {
            connection.setAutoCommit(false);
            try {
                StoredResponse response = work.run(connection);
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE idempotency_keys SET response_status = ?, response_headers = ?, response_body = ?,"
                                + " locked_at = NULL, lock_token = NULL"
                                + " WHERE client = ? AND idem_key = ? AND lock_token = ?")) {
                    update.setInt(1, response.status());
                    update.setString(2, response.encodeHeaders());
                    update.setBytes(3, response.body());
                    update.setString(4, claim.client());
                    update.setString(5, claim.key());
                    update.setString(6, claim.token());
                    if (update.executeUpdate() != 1) {
                        // Our lease was taken over: the new owner runs the operation, so our effect must not stay.
                        connection.rollback();
                        return null;
                    }
                }
                connection.commit();
                return response;
            } catch (SQLException | RuntimeException e) {
                // Errors (a crash) are not caught: closing the connection rolls back, as a dead process's would.
                connection.rollback();
                throw e;
            }
        }
    }

    /** Gives a claimed key back when its operation did not complete. Best effort. */
    public void release(Claim.Acquired claim) {
        try (Connection connection = db.open(); PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM idempotency_keys WHERE client = ? AND idem_key = ? AND lock_token = ?")) {
            delete.setString(1, claim.client());
            delete.setString(2, claim.key());
            delete.setString(3, claim.token());
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "could not release an idempotency key; its lease will end", e);
        }
    }

    /** Deletes at most {@code limit} expired keys. */
    public int purgeExpired(int limit) throws SQLException {
        long cutoff = clock.millis() - config.retention().toMillis();
        try (Connection connection = db.open(); PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM idempotency_keys WHERE (client, idem_key) IN (SELECT client, idem_key"
                        + " FROM idempotency_keys WHERE created_at <= ? ORDER BY created_at FETCH FIRST ? ROWS ONLY)")) {
            delete.setLong(1, cutoff);
            delete.setInt(2, limit);
            return delete.executeUpdate();
        }
    }

    private static boolean insert(Connection connection, String client, String key, String fingerprint, long now,
                                  String token) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO idempotency_keys (client, idem_key, fingerprint, created_at, locked_at, lock_token)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, client);
            insert.setString(2, key);
            insert.setString(3, fingerprint);
            insert.setLong(4, now);
            insert.setLong(5, now);
            insert.setString(6, token);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** SQLSTATE class 23: integrity constraint violation, here the primary key (SQL:2016, JDBC). */
    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private static Row select(Connection connection, String client, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT fingerprint, created_at, locked_at, lock_token, response_status, response_headers,"
                        + " response_body FROM idempotency_keys WHERE client = ? AND idem_key = ?")) {
            select.setString(1, client);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                int status = rows.getInt(5);
                Integer stored = rows.wasNull() ? null : status; // wasNull speaks of the column read last
                return new Row(client, key, rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getString(4),
                        stored, rows.getString(6), rows.getBytes(7));
            }
        }
    }

    private static boolean restart(Connection connection, Row row, String fingerprint, long now, String token)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE idempotency_keys SET fingerprint = ?, created_at = ?, locked_at = ?, lock_token = ?,"
                        + " response_status = NULL, response_headers = NULL, response_body = NULL"
                        + " WHERE client = ? AND idem_key = ? AND created_at = ?")) {
            update.setString(1, fingerprint);
            update.setLong(2, now);
            update.setLong(3, now);
            update.setString(4, token);
            update.setString(5, row.client);
            update.setString(6, row.key);
            update.setLong(7, row.createdAt);
            return update.executeUpdate() == 1;
        }
    }

    private static boolean takeOver(Connection connection, Row row, long now, String token) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE idempotency_keys SET locked_at = ?, lock_token = ?"
                        + " WHERE client = ? AND idem_key = ? AND lock_token = ?")) {
            update.setLong(1, now);
            update.setString(2, token);
            update.setString(3, row.client);
            update.setString(4, row.key);
            update.setString(5, row.token);
            return update.executeUpdate() == 1;
        }
    }

    private static String newToken() {
        byte[] random = new byte[16];
        TOKENS.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** One row of {@code idempotency_keys}. */
    private record Row(String client, String key, String fingerprint, long createdAt, long lockedAt, String token,
                       Integer status, String headers, byte[] body) {
    }
}
