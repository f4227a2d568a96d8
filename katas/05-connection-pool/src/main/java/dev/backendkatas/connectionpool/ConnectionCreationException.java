package dev.backendkatas.connectionpool;

/**
 * The pool needed a new physical connection for this borrower and the {@link ConnectionFactory} failed: it threw, or
 * returned {@code null}. The factory's exception is the cause, so the borrower sees "connection refused" or
 * "password authentication failed", not a vague timeout.
 *
 * <p>Given to you.
 */
public final class ConnectionCreationException extends RuntimeException {

    public ConnectionCreationException(String message, Throwable cause) {
        super(message, cause);
    }
}
