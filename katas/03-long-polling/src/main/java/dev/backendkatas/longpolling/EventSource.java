package dev.backendkatas.longpolling;

/**
 * What {@link Waiters} reads: the events after a cursor. {@link EventLog} is the one the server uses; a test hands
 * {@link Waiters} another one to make an event arrive at an exact moment of a poll.
 *
 * <p>Given to you.
 */
@FunctionalInterface
public interface EventSource {

    /** The contract of {@link EventLog#read}. */
    Batch read(long after, int limit) throws CursorExpiredException;
}
