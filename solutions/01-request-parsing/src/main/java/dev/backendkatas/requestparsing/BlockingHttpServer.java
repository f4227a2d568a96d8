package dev.backendkatas.requestparsing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

    private static final System.Logger LOG = System.getLogger(BlockingHttpServer.class.getName());

    /** How long {@link #close()} waits for connection threads that are stuck in a handler. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final RequestHandler handler;
    private final ParserLimits limits;
    private final Duration idleTimeout;

    /** Guards the life cycle: start, close and the registration of an accepted socket. */
    private final Object lifecycle = new Object();
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();

    private ServerSocket serverSocket;
    private Thread acceptor;
    private ThreadPoolExecutor connectionThreads;
    private boolean started;
    private volatile boolean closed;

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
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException(closed ? "the server is closed" : "the server was started before");
            }
            serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            started = true;
            int port = serverSocket.getLocalPort();
            // One thread per connection, and no idle thread kept afterwards: when a connection ends, its thread ends.
            connectionThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 0, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), daemonThreads("http-" + port + "-connection-"));
            acceptor = new Thread(this::acceptLoop, "http-" + port + "-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            return port;
        }
    }

    /**
     * The port the server listens on.
     *
     * @throws IllegalStateException the server is not started
     */
    public int port() {
        synchronized (lifecycle) {
            if (!started) {
                throw new IllegalStateException("the server is not started");
            }
            return serverSocket.getLocalPort();
        }
    }

    /** How many connections are open right now. */
    public int openConnections() {
        return openSockets.size();
    }

    /** How many connections were accepted since the start: with keep-alive, many requests share one. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Stops accepting, closes every open connection and waits for their threads to end. Calling it again does nothing. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (!started) {
                return;
            }
        }
        // From here no socket can be registered any more (see register), so every one is in openSockets.
        closeQuietly(serverSocket); // wakes the acceptor out of accept()
        for (Socket socket : openSockets) {
            closeQuietly(socket); // wakes each connection thread out of read()
        }
        connectionThreads.shutdown();
        try {
            if (!connectionThreads.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "connection threads still busy in the handler after {0};"
                        + " interrupting them", SHUTDOWN_WAIT);
                connectionThreads.shutdownNow();
            }
            acceptor.join(SHUTDOWN_WAIT.toMillis());
        } catch (InterruptedException e) {
            connectionThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    // A failed accept (a connection reset while queued, no file descriptors left) ends nothing but
                    // that attempt; a production server would also back off here before trying again.
                    LOG.log(System.Logger.Level.WARNING, "accept failed", e);
                }
                continue;
            }
            register(socket);
        }
    }

    /** Hands an accepted socket to a thread of its own, unless the server closed meanwhile. */
    private void register(Socket socket) {
        synchronized (lifecycle) {
            if (closed) {
                closeQuietly(socket);
                return;
            }
            openSockets.add(socket);
            accepted.incrementAndGet();
            try {
                connectionThreads.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                LOG.log(System.Logger.Level.WARNING, "no thread for a new connection; closing it", e);
                openSockets.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            new ConnectionHandler(socket, handler, limits, idleTimeout).run();
        } finally {
            closeQuietly(socket);
            // Last: once openConnections() no longer counts this connection, its socket is closed and its thread done.
            openSockets.remove(socket);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true); // a server someone forgot to close must not keep the JVM alive
            return thread;
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + closeable + " failed", e);
        }
    }
}
