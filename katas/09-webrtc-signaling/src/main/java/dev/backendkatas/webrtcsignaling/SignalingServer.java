package dev.backendkatas.webrtcsignaling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The signaling server of Stage 5 on the JDK's {@code com.sun.net.httpserver}, on the loopback address and a port the
 * system picks:
 *
 * <ul>
 *   <li>{@code GET /rooms/{room}/events?peer={id}}: the peer's event stream ({@code text/event-stream}), handed to
 *       {@link Rooms#join} with the request's {@code Last-Event-ID};</li>
 *   <li>{@code POST /rooms/{room}/messages?peer={id}}: one JSON message, handed to {@link Rooms#post}; answered
 *       {@code 202} with {@code {"id":<n>}}, the id the message got in the other peer's stream;</li>
 *   <li>{@code GET /} and {@code GET /two-tabs.html}: a page for two browser tabs that chat over a WebRTC data
 *       channel through this server (the resource {@code two-tabs.html} next to this class; not graded, see the README,
 *       "Try it in two browser tabs").</li>
 * </ul>
 *
 * <p>Given to you: the wiring is not the lesson, {@link Rooms} is. What the wiring does before your code runs:
 * room and peer ids are 1 to 64 of {@code A–Z a–z 0–9 _ -} (else 400); another path is 404, another method 405; a
 * body over {@link SignalingConfig#maxBodyBytes()} is 413 and invalid UTF-8 is 400, both before the body is a
 * {@code String}. A {@link SignalingException} from your code becomes its status and message.
 *
 * <ul>
 *   <li>Requests run on a fixed pool of {@link SignalingConfig#threads()} threads. {@code join} must return at once:
 *       the stream stays open after the handler returns, and other threads write to it later.</li>
 *   <li>Events are written by a second fixed pool of {@link SignalingConfig#deliveryThreads()} threads, the
 *       {@code delivery} executor your {@link Rooms} gets.</li>
 *   <li>A handler that throws something unexpected gets a 500 that names the exception.</li>
 * </ul>
 */
public final class SignalingServer implements AutoCloseable {

    static {
        // The JDK server writes headers and body in separate segments; without TCP_NODELAY a small event can wait
        // ~40 ms for the client's delayed ACK (RFC 896). Read once, when the JDK server's configuration loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PATH = Pattern.compile("/rooms/([^/]*)/(events|messages)");
    /** The page of {@code GET /}, a classpath resource in this class's package. */
    private static final String PAGE = "two-tabs.html";

    private final SignalingConfig config;
    private final ExecutorService delivery;
    private final Rooms rooms;
    private final ScheduledExecutorService ownScheduler;
    private HttpServer server;
    private ExecutorService requestThreads;
    private boolean closed;

    /** A server whose heartbeats run on a real timer thread. */
    public SignalingServer(SignalingConfig config) {
        this(config, Executors.newSingleThreadScheduledExecutor(daemonThreads("sse-heartbeat")));
    }

    /** A server whose heartbeats run through {@code scheduler} (the tests advance time by hand). */
    public SignalingServer(SignalingConfig config, Scheduler scheduler) {
        this(config, scheduler, null);
    }

    private SignalingServer(SignalingConfig config, ScheduledExecutorService ownScheduler) {
        this(config, Scheduler.using(ownScheduler), ownScheduler);
    }

    private SignalingServer(SignalingConfig config, Scheduler scheduler, ScheduledExecutorService ownScheduler) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(scheduler, "scheduler");
        this.ownScheduler = ownScheduler;
        this.delivery = Executors.newFixedThreadPool(config.deliveryThreads(), daemonThreads("sse-delivery"));
        this.rooms = new Rooms(config, scheduler, delivery);
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
        requestThreads = Executors.newFixedThreadPool(config.threads(), daemonThreads("signaling-server"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        server.createContext("/rooms/", new AnswerUnexpectedFailures(this::handle));
        // Every other path. The JDK server gives a request to the longest context that prefixes its path, so
        // "/rooms/…" still goes to handle, never here.
        server.createContext("/", new AnswerUnexpectedFailures(SignalingServer::page));
        server.setExecutor(requestThreads);
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

    /** {@code http://127.0.0.1:port} followed by {@code pathAndQuery}. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** The rooms (your code). */
    public Rooms rooms() {
        return rooms;
    }

    /** Closes every stream ({@link Rooms#closeAll}), stops serving and stops the threads. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rooms.closeAll();
        } catch (UnsupportedOperationException stageFiveNotWrittenYet) {
            // Nothing to close before Stage 5 is written.
        }
        if (server != null) {
            server.stop(0);
            requestThreads.shutdownNow();
        }
        delivery.shutdownNow();
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
        try {
            if ((requestThreads != null && !requestThreads.awaitTermination(5, TimeUnit.SECONDS))
                    || !delivery.awaitTermination(5, TimeUnit.SECONDS)) {
                System.getLogger(SignalingServer.class.getName()).log(System.Logger.Level.WARNING,
                        "threads still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        var matcher = PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!matcher.matches()) {
            answer(exchange, 404, "no such resource: use /rooms/{room}/events or /rooms/{room}/messages");
            return;
        }
        String room = matcher.group(1);
        String peer = queryParameter(exchange.getRequestURI().getRawQuery(), "peer");
        if (!ID.matcher(room).matches()) {
            answer(exchange, 400, "a room id is 1 to 64 characters of A-Z a-z 0-9 _ -");
            return;
        }
        if (peer == null || !ID.matcher(peer).matches()) {
            answer(exchange, 400, "?peer= is required: 1 to 64 characters of A-Z a-z 0-9 _ -");
            return;
        }
        if (matcher.group(2).equals("events")) {
            events(exchange, room, peer);
        } else {
            messages(exchange, room, peer);
        }
    }

    private void events(HttpExchange exchange, String room, String peer) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            answer(exchange, 405, "the event stream is read with GET");
            return;
        }
        ExchangeStream stream = new ExchangeStream(exchange);
        try {
            rooms.join(room, peer, exchange.getRequestHeaders().getFirst("Last-Event-ID"), stream);
        } catch (SignalingException e) {
            answer(exchange, e.status(), e.getMessage());
            return;
        }
        // The response stays open: the delivery threads write to it, and close() ends it.
        stream.open();
    }

    private void messages(HttpExchange exchange, String room, String peer) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            answer(exchange, 405, "messages are sent with POST");
            return;
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            // One byte more than allowed tells "too big" apart from "exactly the limit" without reading the rest.
            bytes = in.readNBytes(config.maxBodyBytes() + 1);
        }
        if (bytes.length > config.maxBodyBytes()) {
            answer(exchange, 413, "a message is at most " + config.maxBodyBytes() + " bytes");
            return;
        }
        String body;
        try {
            body = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            answer(exchange, 400, "the body is not UTF-8 (RFC 8259 §8.1)");
            return;
        }
        long id;
        try {
            id = rooms.post(room, peer, body);
        } catch (SignalingException e) {
            answer(exchange, e.status(), e.getMessage());
            return;
        }
        answer(exchange, 202, "{\"id\":" + id + "}", "application/json");
    }

    /**
     * The two-tabs page, read from the classpath at each request: it is a demo, not a hot path, and a rebuilt page
     * shows on the next reload.
     */
    private static void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!path.equals("/") && !path.equals("/" + PAGE)) {
            answer(exchange, 404, "no such resource: the page is / (or /" + PAGE
                    + "), the signaling routes are /rooms/{room}/events and /rooms/{room}/messages");
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            answer(exchange, 405, "the page is read with GET");
            return;
        }
        String html;
        try (InputStream in = SignalingServer.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                answer(exchange, 404, PAGE + " is not on the classpath: it belongs next to SignalingServer.class"
                        + " (src/main/resources/dev/backendkatas/webrtcsignaling/)");
                return;
            }
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        answer(exchange, 200, html, "text/html; charset=utf-8");
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        answer(exchange, status, text, "text/plain; charset=utf-8");
    }

    private static void answer(HttpExchange exchange, int status, String text, String type) throws IOException {
        try (exchange) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A {@link PeerStream} on an exchange: the 200 and its headers go out before the first write, or at open. */
    private static final class ExchangeStream implements PeerStream {

        private final HttpExchange exchange;
        private SseWriter writer;
        private boolean closed;
        /** Read without the lock, so that a request thread never waits behind a delivery thread's slow write. */
        private volatile boolean started;

        ExchangeStream(HttpExchange exchange) {
            this.exchange = exchange;
        }

        void open() throws IOException {
            if (!started) {
                openLocked();
            }
        }

        private synchronized void openLocked() throws IOException {
            if (closed) {
                return;
            }
            if (writer == null) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
                exchange.sendResponseHeaders(200, 0);
                // Newer JDK servers (seen on 25) keep the headers of a chunked response in their buffer until the body
                // is flushed: flush now, or the client waits for its 200 until the first event.
                exchange.getResponseBody().flush();
                writer = new SseWriter(exchange.getResponseBody());
                started = true;
            }
        }

        @Override
        public synchronized void send(SseEvent event) throws IOException {
            ready().send(event);
        }

        @Override
        public synchronized void comment(String text) throws IOException {
            ready().comment(text);
        }

        private SseWriter ready() throws IOException {
            if (closed) {
                throw new IOException("the stream is closed");
            }
            try {
                openLocked();
            } catch (IOException e) {
                close();
                throw e;
            }
            return writer;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                exchange.close();
            }
        }
    }

    /** Turns a handler's unexpected exception into a 500 that names it, instead of a connection left hanging. */
    private static final class AnswerUnexpectedFailures implements HttpHandler {

        private final HttpHandler delegate;

        AnswerUnexpectedFailures(HttpHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try {
                delegate.handle(exchange);
            } catch (RuntimeException | IOException e) {
                try {
                    if (exchange.getResponseCode() == -1) {
                        System.getLogger(SignalingServer.class.getName()).log(System.Logger.Level.WARNING,
                                "request handler failed", e);
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
}
