package dev.backendkatas.connectionpool;

/**
 * The pool is closed: thrown by {@link ConnectionPool#borrow()} after {@link ConnectionPool#close()}, and to every
 * borrower that was still waiting when the pool closed.
 *
 * <p>Given to you.
 */
public final class PoolClosedException extends IllegalStateException {

    public PoolClosedException(String message) {
        super(message);
    }
}
