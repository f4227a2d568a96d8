package dev.backendkatas.idempotency;

/**
 * Called by the {@link Ledger} in the middle of every charge and refund: after the money row is written in the
 * operation's transaction, before the operation returns. Given to you: the tests use it to keep an operation "in
 * flight" until they release it (Stage 4), or to crash the server right there ({@link SimulatedCrash}, Stage 5).
 */
@FunctionalInterface
public interface ChargeHook {

    /** Does nothing: the production hook. */
    ChargeHook NONE = (client, request) -> {
    };

    /** Called on the request's thread, inside the operation; may block, or throw {@link SimulatedCrash}. */
    void duringCharge(String client, PaymentRequest request);
}
