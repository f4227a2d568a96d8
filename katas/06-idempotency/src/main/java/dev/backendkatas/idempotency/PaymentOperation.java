package dev.backendkatas.idempotency;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What an endpoint does once its key is claimed: {@link Ledger#charge} or {@link Ledger#refund}. Given to you.
 */
@FunctionalInterface
public interface PaymentOperation {

    /** Runs the operation in the caller's transaction {@code tx} and returns the response it decided. */
    StoredResponse perform(Connection tx, String client, PaymentRequest request) throws SQLException;
}
