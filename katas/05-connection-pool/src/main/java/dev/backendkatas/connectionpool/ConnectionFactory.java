package dev.backendkatas.connectionpool;

/**
 * Opens, checks and closes the physical connections a {@link ConnectionPool} lends: the only part of the pool that
 * knows what a connection is (a JDBC {@code Connection}, a socket, an HTTP/1.1 connection to a backend).
 *
 * <p>Given to you. The pool calls these methods from any thread, never while it holds its own lock: each of them may
 * be slow (a TCP handshake, TLS, a database login), may hang, and may throw.
 *
 * @param <C> the type of the connections
 */
public interface ConnectionFactory<C> {

    /**
     * Opens a new physical connection. May block for as long as the network takes, or forever if the server hangs;
     * the pool bounds what a borrower waits, not this call.
     *
     * @return the open connection; a factory that returns {@code null} is broken, and the pool treats it as a
     *         failed creation
     * @throws Exception when the connection cannot be opened (refused, authentication failed, interrupted)
     */
    C create() throws Exception;

    /**
     * Checks that {@code connection} still works (a ping, {@code Connection.isValid}): the server may have closed it,
     * restarted, or a firewall may have dropped it while it sat idle.
     *
     * @return {@code true} if the connection can be used; {@code false} if it is dead
     * @throws Exception when the check itself fails; the pool treats that as a dead connection
     */
    boolean validate(C connection) throws Exception;

    /**
     * Closes the physical connection. Called once per connection the pool retires or discards. Should not throw; if
     * it does, the pool has still forgotten the connection.
     */
    void close(C connection) throws Exception;
}
