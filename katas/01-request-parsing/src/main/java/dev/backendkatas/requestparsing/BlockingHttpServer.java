package dev.backendkatas.requestparsing;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * A small blocking HTTP/1.1 server: one thread accepts connections, one thread per connection reads it through a
 * {@link RequestParser} and answers each request with the {@link RequestHandler} (RFC 9112 §9).
 *
 * <h2>Stage 6 — Serve it over a socket</h2>
 * <ul>
 *   <li>{@link #start()} listens on the loopback address, port 0 (the system picks a free port), and returns the port.</li>
 *   <li>Requests on one connection are answered in the order they arrived, including pipelined ones that came in one
 *       read (RFC 9112 §9.3.2). After each response the connection stays open if {@link HttpRequest#keepAlive()}, and
 *       closes otherwise (the response then says {@code Connection: close}).</li>
 *   <li>A request the parser rejects is answered with {@link HttpResponse#error(int)} of its status and
 *       {@code Connection: close}, then the connection closes (RFC 9112 §9.6); valid requests that arrived before it
 *       ({@link HttpParseException#requestsBefore()}) are answered first. A handler that throws is answered with
 *       500 and the connection closes.</li>
 *   <li>Closing after an error is gentle: the server first shuts down its output, then reads and discards what the
 *       client still sends for a short, bounded time. Closing a socket whose input holds unread bytes makes TCP send
 *       a reset, and the client could lose the error response it was about to read (RFC 9112 §9.6).</li>
 *   <li>A connection silent for longer than the idle timeout is closed; if it stopped in the middle of a request, it
 *       is first answered with 408. A client that disconnects mid-request is logged, and the server carries on.</li>
 *   <li>No leaks: once a connection ends, its socket is closed and its thread is gone. {@link #close()} stops
 *       accepting, closes every open connection and waits for their threads to end.</li>
 * </ul>
 */
public final class BlockingHttpServer implements AutoCloseable {

    private static final String STAGE_6 =
            "Stage 6: serve requests over a socket — see katas/01-request-parsing/README.md, 'Stage 6 — Serve it over a socket'";

    private final RequestHandler handler;
    private final ParserLimits limits;
    private final Duration idleTimeout;

    /** A server with {@link ParserLimits#DEFAULTS} and a 10-second idle timeout. */
    public BlockingHttpServer(RequestHandler handler) {
        this(handler, ParserLimits.DEFAULTS, Duration.ofSeconds(10));
    }

    /**
     * @param handler     answers each request
     * @param limits      the limits each connection's parser enforces
     * @param idleTimeout how long a connection may stay silent, positive
     */
    public BlockingHttpServer(RequestHandler handler, ParserLimits limits, Duration idleTimeout) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
    }

    /**
     * Binds the loopback address on a free port and starts accepting connections.
     *
     * @return the port
     * @throws IllegalStateException the server was started before
     */
    public int start() throws IOException {
        throw new UnsupportedOperationException(STAGE_6);
    }

    /**
     * The port the server listens on.
     *
     * @throws IllegalStateException the server is not started
     */
    public int port() {
        throw new UnsupportedOperationException(STAGE_6);
    }

    /** How many connections are open right now. */
    public int openConnections() {
        throw new UnsupportedOperationException(STAGE_6);
    }

    /** How many connections were accepted since the start: with keep-alive, many requests share one. */
    public long acceptedConnections() {
        throw new UnsupportedOperationException(STAGE_6);
    }

    /** Stops accepting, closes every open connection and waits for their threads to end. Calling it again does nothing. */
    @Override
    public void close() {
        throw new UnsupportedOperationException(STAGE_6);
    }
}
