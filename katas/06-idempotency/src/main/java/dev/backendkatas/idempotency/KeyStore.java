package dev.backendkatas.idempotency;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

/**
 * Stages 2, 4, 5 and 6 — the keys in the database ({@code idempotency_keys}, see {@link Schema}).
 *
 * <p>The server keeps no state of its own: every decision is made in the database, so it survives a restart and holds
 * across any number of server instances that share the database. Times come from the injected {@link Clock} (epoch
 * milliseconds).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Claim atomically</b> (Stage 4): a new key is claimed by one {@code INSERT} against the primary key
 *       {@code (client, idem_key)}. Of two requests that claim the same key at the same moment, on one server or two,
 *       exactly one gets {@link Claim.Acquired}; the other sees the row. Never "look first, then insert": both may
 *       look before either inserts. The claim is committed at once, before the operation runs.</li>
 *   <li><b>An existing row</b> is, in this order: expired (its {@code created_at + retention} is not after now,
 *       Stage 6), which makes the key new again: claim it afresh with the new fingerprint; a different fingerprint:
 *       {@link Claim.Mismatch}; a stored response: {@link Claim.Completed}; running with a live lease
 *       (now before {@code locked_at + lease}): {@link Claim.InFlight}; running with an ended lease (Stage 5): take it
 *       over, in one conditional {@code UPDATE} that only succeeds if the lease is still the one you saw (else: another
 *       request took it first, {@link Claim.InFlight}).</li>
 *   <li><b>Complete atomically</b> (Stages 2 and 5): {@link #complete} runs the operation and stores its response in
 *       <em>one</em> transaction, and stores it only if the caller still owns the key (its token is the row's
 *       {@code lock_token}). Committed: the money moved and the response is stored, both or neither. A crash before
 *       the commit leaves neither, and a retry after the lease runs the operation once.</li>
 *   <li><b>Purge</b> (Stage 6): {@link #purgeExpired} deletes expired keys, at most {@code limit} rows per call, so a
 *       purge never holds a long transaction over the whole table.</li>
 *   <li>Errors of the database are thrown as {@link SQLException}; nothing half-written is ever committed.</li>
 * </ul>
 */
public final class KeyStore {

    /** The operation to run under a claimed key, in the store's transaction. */
    @FunctionalInterface
    public interface Work {
        StoredResponse run(Connection tx) throws SQLException;
    }

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
        throw new UnsupportedOperationException("Stage 2: claim a key"
                + " — see katas/06-idempotency/README.md, 'Stage 2 — Do it once, replay the rest'");
    }

    /**
     * Runs {@code work} and stores its response under the claimed key, in one transaction.
     *
     * @return the stored response, or {@code null} if the caller no longer owns the key (its lease was taken over):
     *         then nothing was committed
     * @throws SQLException if the database failed; nothing was committed
     */
    public StoredResponse complete(Claim.Acquired claim, Work work) throws SQLException {
        throw new UnsupportedOperationException("Stage 2: run the operation and store its response"
                + " — see katas/06-idempotency/README.md, 'Stage 2 — Do it once, replay the rest'");
    }

    /**
     * Gives a claimed key back when its operation did not complete (a database error): the row goes, if the caller
     * still owns it, so the client may retry at once. Best effort: if it fails too, the lease ends the claim.
     */
    public void release(Claim.Acquired claim) {
        throw new UnsupportedOperationException("Stage 2: give a key back"
                + " — see katas/06-idempotency/README.md, 'Stage 2 — Do it once, replay the rest'");
    }

    /**
     * Deletes at most {@code limit} expired keys ({@code created_at + retention} not after now).
     *
     * @return how many were deleted; fewer than {@code limit} means none is left
     */
    public int purgeExpired(int limit) throws SQLException {
        throw new UnsupportedOperationException("Stage 6: purge expired keys in batches"
                + " — see katas/06-idempotency/README.md, 'Stage 6 — Expiry'");
    }
}
