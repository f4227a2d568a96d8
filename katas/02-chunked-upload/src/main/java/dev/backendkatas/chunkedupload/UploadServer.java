package dev.backendkatas.chunkedupload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tus 1.0.0 upload server on the JDK's {@code com.sun.net.httpserver}: it listens on the loopback address, on a
 * port the system picks, and hands every request to an {@link UploadHandler} backed by an {@link UploadStore}.
 *
 * <p>Given to you: the lifecycle wiring is not the lesson; {@link UploadHandler} and {@link UploadStore} are.
 *
 * <ul>
 *   <li>Every request path reaches the handler (the context is {@code /}), so the handler answers unknown paths
 *       itself, with the tus headers.</li>
 *   <li>Requests run on a bounded pool of {@value #THREADS} threads: a PATCH that waits for the lock of its upload
 *       must not stop the HEAD that a resuming client sends meanwhile.</li>
 *   <li>A handler that throws a {@code RuntimeException} before it answered is answered with 500 and the
 *       exception's message, so an unfinished stage shows up as a readable failure instead of a dropped
 *       connection.</li>
 * </ul>
 */
public final class UploadServer implements AutoCloseable {

    /** Request threads. */
    public static final int THREADS = 16;

    private final UploadServerConfig config;
    private final UploadStore store;
    private final UploadHandler handler;
    private HttpServer server;
    private ExecutorService executor;

    /** A server over the real file system, with ids from a fresh {@link SecureRandom}. */
    public UploadServer(UploadServerConfig config) {
        this(config, DataFileOpener.FILE_SYSTEM);
    }

    /** A server whose data files are opened by {@code opener} (a test injects disk failures this way). */
    public UploadServer(UploadServerConfig config, DataFileOpener opener) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = new UploadStore(config, Objects.requireNonNull(opener, "opener"), new SecureRandom());
        this.handler = new UploadHandler(config, store);
    }

    /**
     * Binds the loopback address on a free port and starts serving.
     *
     * @return the port
     * @throws IllegalStateException if the server was started before
     */
    public synchronized int start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        AtomicInteger threadNumber = new AtomicInteger();
        executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "upload-server-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", new AnswerUnexpectedFailures(handler));
        server.setExecutor(executor);
        server.start();
        return server.getAddress().getPort();
    }

    /**
     * The port the server listens on.
     *
     * @throws IllegalStateException if the server is not started
     */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** The creation URL, e.g. {@code http://127.0.0.1:port/uploads}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port() + config.basePath());
    }

    /**
     * Removes every unfinished upload whose expiry has passed by the configuration's clock, files and all, also those
     * a restarted server has not been asked about yet (stage 11, Expiration). A real server would call this on a
     * schedule; the tests call it when they have moved their clock.
     *
     * @return how many uploads it removed
     */
    public int sweepExpired() throws IOException {
        return store.sweepExpired();
    }

    /** The configuration the server runs with. */
    public UploadServerConfig config() {
        return config;
    }

    /** Stops serving, closes every connection and waits for running requests to end. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (server == null || executor.isShutdown()) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                System.getLogger(UploadServer.class.getName()).log(System.Logger.Level.WARNING,
                        "request threads still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Turns a handler's unexpected RuntimeException into a 500 that names it, instead of a dropped connection. */
    private static final class AnswerUnexpectedFailures implements HttpHandler {

        private final HttpHandler delegate;

        AnswerUnexpectedFailures(HttpHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try {
                delegate.handle(exchange);
            } catch (RuntimeException e) {
                System.getLogger(UploadServer.class.getName()).log(System.Logger.Level.WARNING,
                        "request handler failed", e);
                if (exchange.getResponseCode() == -1) {
                    byte[] body = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                    exchange.sendResponseHeaders(500, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            } finally {
                exchange.close();
            }
        }
    }
}
