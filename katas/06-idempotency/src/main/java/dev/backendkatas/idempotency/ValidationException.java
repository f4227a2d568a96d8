package dev.backendkatas.idempotency;

/**
 * A request body that is not a valid payment request: invalid JSON, a missing or wrong field. Given to you.
 *
 * <p>The operation never started, so nothing is stored under the key: the client may fix the request and send it
 * again with the same key (Stage 2).
 */
public final class ValidationException extends Exception {

    public ValidationException(String message) {
        super(message);
    }
}
