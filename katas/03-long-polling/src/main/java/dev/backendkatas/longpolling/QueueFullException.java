package dev.backendkatas.longpolling;

/**
 * The job queue is full: the server refuses new work instead of piling up an unbounded backlog. The handler answers
 * it with 503 Service Unavailable and {@code Retry-After} (RFC 9110 §15.6.4, §10.2.3).
 *
 * <p>Given to you.
 */
public final class QueueFullException extends Exception {

    public QueueFullException(String message) {
        super(message);
    }
}
