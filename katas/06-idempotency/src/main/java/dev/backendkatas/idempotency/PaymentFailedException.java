package dev.backendkatas.idempotency;

/**
 * The client gave up on an operation after {@link RetryPolicy#maxAttempts()} attempts. Given to you.
 *
 * <p>The outcome is unknown: the operation may have run. Retrying later <em>with the same key</em> is safe; a new key
 * may charge twice.
 */
public final class PaymentFailedException extends Exception {

    /** {@link #lastStatus()} when the last attempt got no response at all. */
    public static final int NO_STATUS = -1;

    private final String idempotencyKey;
    private final int lastStatus;

    public PaymentFailedException(String idempotencyKey, int lastStatus, Throwable cause) {
        super("gave up on the operation with Idempotency-Key " + idempotencyKey + " (last status "
                + (lastStatus == NO_STATUS ? "none" : lastStatus) + "); retry it later with the same key", cause);
        this.idempotencyKey = idempotencyKey;
        this.lastStatus = lastStatus;
    }

    /** The key of the operation: retry with it. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** The status of the last attempt, or {@link #NO_STATUS}. */
    public int lastStatus() {
        return lastStatus;
    }
}
