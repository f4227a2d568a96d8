package dev.backendkatas.idempotency;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The payment API on the JDK's {@code com.sun.net.httpserver}, on the loopback address and a port the system picks:
 * {@code POST /payments} charges, {@code POST /refunds} refunds, both through an {@link IdempotentEndpoint}.
 *
 * <p>Given to you: the wiring is not the lesson; {@link IdempotencyKey}, {@link Fingerprint}, {@link KeyStore},
 * {@link IdempotentEndpoint} and {@link PaymentsClient} are.
 *
 * <ul>
 *   <li>Stateless: everything it knows is in the database behind the {@link ConnectionSource}. Two servers on one
 *       database are one service (Stage 4); a server started again on the same database continues where the last
 *       one stopped (Stage 5). {@link #start} creates the tables that are missing ({@link Schema}).</li>
 *   <li>A handler's unexpected exception is answered {@code 500} naming it, so an unfinished stage shows up as a
 *       readable failure. A {@link SimulatedCrash} is answered with nothing at all: the connection is dropped, as a
 *       dead server's would be.</li>
 * </ul>
 */
public final class PaymentServer implements AutoCloseable {

    static {
        // The JDK server writes headers and body in two segments; without TCP_NODELAY the body may wait ~40 ms for the
        // client's delayed ACK (Nagle, RFC 896). Read once, when the JDK server's configuration is first loaded.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final IdempotencyConfig config;
    private final ConnectionSource db;
    private final Ledger ledger;
    private final KeyStore store;
    private HttpServer server;
    private ExecutorService threads;
    private boolean closed;

    /**
     * @param db    the database (H2 in the tests)
     * @param clock the time of leases and expiry
     * @param hook  called in the middle of every operation (the tests' seam; {@link ChargeHook#NONE} otherwise)
     */
    public PaymentServer(IdempotencyConfig config, ConnectionSource db, Clock clock, ChargeHook hook) {
        this.config = Objects.requireNonNull(config, "config");
        this.db = Objects.requireNonNull(db, "db");
        this.ledger = new Ledger(db, clock, hook);
        this.store = new KeyStore(db, clock, config);
    }

    /**
     * Creates the missing tables, binds the loopback address on a free port, and starts serving.
     *
     * @return the port
     */
    public synchronized int start() throws IOException, SQLException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        Schema.create(db);
        threads = Executors.newFixedThreadPool(config.threads(), daemonThreads("payment-server"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/payments", new AnswerUnexpectedFailures(
                new IdempotentEndpoint("/payments", config, store, ledger::charge)));
        server.createContext("/refunds", new AnswerUnexpectedFailures(
                new IdempotentEndpoint("/refunds", config, store, ledger::refund)));
        server.setExecutor(threads);
        server.start();
        return server.getAddress().getPort();
    }

    /** The port the server listens on. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port} followed by {@code path}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The payment operations and the money they moved. */
    public Ledger ledger() {
        return ledger;
    }

    /** The keys. */
    public KeyStore store() {
        return store;
    }

    /** Stops serving at once and stops the request threads (a request still running is interrupted). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            try {
                threads.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A 500 that names an unexpected exception; a dropped connection for a simulated crash. */
    private static final class AnswerUnexpectedFailures implements HttpHandler {

        private final HttpHandler delegate;

        AnswerUnexpectedFailures(HttpHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try {
                delegate.handle(exchange);
            } catch (SimulatedCrash crash) {
                // The process "died": no response. Closing the exchange without one makes the JDK drop the
                // connection, which is what the client of a dead server sees.
                exchange.close();
            } catch (RuntimeException | IOException e) {
                try {
                    if (exchange.getResponseCode() == -1) {
                        System.getLogger(PaymentServer.class.getName()).log(System.Logger.Level.WARNING,
                                "request handler failed", e);
                        Problem.internal(String.valueOf(e)).toResponse().send(exchange);
                    }
                } finally {
                    exchange.close();
                }
            }
        }
    }
}
