package dev.backendkatas.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The payment operations: the effect that must happen once. Given to you: this is "the payment provider", and it
 * knows nothing about idempotency.
 *
 * <ul>
 *   <li>{@link #charge} and {@link #refund} write one row into {@code charges} <em>on the connection they are
 *       given</em>, so the caller decides the transaction: commit it and the money moved, roll it back and it did
 *       not. Then they call the {@link ChargeHook}, and return the response the API answers:
 *       {@code 201 Created} with {@code Location} and the JSON of the new row.</li>
 *   <li>A request with source {@value PaymentRequest#DECLINED_SOURCE} is declined: no row, the hook is called, and
 *       the answer is a {@code 402} problem. Declining is a completed operation, as final as a success.</li>
 *   <li>{@link #attempts()} counts every time an operation ran, committed or not: the tests' way to see that a replay
 *       did not run it.</li>
 * </ul>
 */
public final class Ledger {

    private static final SecureRandom IDS = new SecureRandom();

    private final ConnectionSource db;
    private final Clock clock;
    private final ChargeHook hook;
    private final AtomicInteger attempts = new AtomicInteger();

    public Ledger(ConnectionSource db, Clock clock, ChargeHook hook) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    /** Charges {@code request.amount()} to the client, in the caller's transaction {@code tx}. */
    public StoredResponse charge(Connection tx, String client, PaymentRequest request) throws SQLException {
        return move(tx, client, request, "charge", "ch_", "/payments/");
    }

    /** Pays {@code request.amount()} back to the client, in the caller's transaction {@code tx}. */
    public StoredResponse refund(Connection tx, String client, PaymentRequest request) throws SQLException {
        return move(tx, client, request, "refund", "re_", "/refunds/");
    }

    private StoredResponse move(Connection tx, String client, PaymentRequest request, String kind, String prefix,
                                String path) throws SQLException {
        attempts.incrementAndGet();
        if (PaymentRequest.DECLINED_SOURCE.equals(request.source())) {
            hook.duringCharge(client, request);
            return Problem.cardDeclined("the card " + request.source() + " was declined").toResponse();
        }
        byte[] random = new byte[12];
        IDS.nextBytes(random);
        String id = prefix + HexFormat.of().formatHex(random);
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO charges (id, client, kind, amount, currency, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, client);
            insert.setString(3, kind);
            insert.setLong(4, request.amount());
            insert.setString(5, request.currency());
            insert.setLong(6, clock.millis());
            insert.executeUpdate();
        }
        hook.duringCharge(client, request);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Location", path + id);
        String json = "{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\",\"amount\":" + request.amount()
                + ",\"currency\":\"" + request.currency() + "\",\"status\":\"succeeded\"}";
        return new StoredResponse(201, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** How many times {@link #charge} or {@link #refund} ran, committed or rolled back. */
    public int attempts() {
        return attempts.get();
    }

    /** The committed rows of {@code kind} ("charge" or "refund"), over all clients. */
    public long count(String kind) throws SQLException {
        return query("SELECT COUNT(*) FROM charges WHERE kind = ?", kind);
    }

    /** The sum of the committed amounts of {@code kind}, over all clients. */
    public long total(String kind) throws SQLException {
        return query("SELECT COALESCE(SUM(amount), 0) FROM charges WHERE kind = ?", kind);
    }

    private long query(String sql, String kind) throws SQLException {
        try (Connection connection = db.open(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, kind);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
