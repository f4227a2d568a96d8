package dev.backendkatas.bench;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import dev.backendkatas.idempotency.ChargeHook;
import dev.backendkatas.idempotency.ConnectionSource;
import dev.backendkatas.idempotency.IdempotencyConfig;
import dev.backendkatas.idempotency.IdempotentEndpoint;
import dev.backendkatas.idempotency.KeyStore;
import dev.backendkatas.idempotency.Ledger;
import dev.backendkatas.idempotency.PaymentRequest;
import dev.backendkatas.idempotency.Problem;
import dev.backendkatas.idempotency.Schema;
import dev.backendkatas.idempotency.StoredResponse;
import dev.backendkatas.idempotency.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What kata 06's idempotency layer costs a {@code POST /payments}: the reference {@link IdempotentEndpoint} against a
 * handler that does the same charge and answers the same response with no key handling, on H2 in memory.
 *
 * <p>Three kinds of request, each measured two ways:
 * <ul>
 *   <li>{@code plain}: the handler without the layer: authorization, read and parse the body, open a connection,
 *       {@link Ledger#charge} in a transaction, commit, answer the {@code 201}. The key header is sent but not read.
 *       </li>
 *   <li>{@code newKey}: the reference endpoint, a new key per request: parse the key, fingerprint the request
 *       (SHA-256), claim (one {@code INSERT}, committed), then the same charge plus the {@code UPDATE} that stores the
 *       response, committed together.</li>
 *   <li>{@code replay}: the reference endpoint, the same key and body every time (charged once, in setup): the claim's
 *       {@code INSERT} fails on the primary key, a {@code SELECT} reads the stored response, which is answered with
 *       {@code Idempotent-Replayed: true}. Nothing is charged.</li>
 * </ul>
 *
 * <p>{@code handler*} calls the handler directly with an in-memory {@link HttpExchange} (no sockets, no HTTP parsing):
 * this isolates the layer's own cost. {@code http*} sends the request through the JDK {@link HttpClient} (HTTP/1.1,
 * one kept-alive connection) to a JDK {@link HttpServer} on loopback serving that handler: what a client sees. One
 * client thread, so both are the inverse of a request's latency, not a server's capacity under load.
 *
 * <p>The database is H2 in memory, one per trial; every unit of work opens a new connection (as
 * {@link ConnectionSource#of} does, the kata's server has no pool). Rows accumulate over a trial ({@code newKey} and
 * {@code plain} add one charge per request, {@code newKey} one key too).
 *
 * <pre>java -jar benchmarks/06-idempotency/target/benchmarks.jar IdempotencyBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class IdempotencyBenchmark {

    static {
        // As the kata's PaymentServer does: without TCP_NODELAY the JDK server's body may wait ~40 ms for the client's
        // delayed ACK (Nagle, RFC 896), and the HTTP numbers would measure that.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    static final String CLIENT = "sk_test_bench";
    static final String BODY = "{\"amount\":1000,\"currency\":\"EUR\",\"source\":\"tok_visa\"}";
    static final byte[] BODY_BYTES = BODY.getBytes(StandardCharsets.UTF_8);
    static final String REPLAYED_KEY = "\"bench-replayed-key\"";
    private static final AtomicLong DATABASES = new AtomicLong();

    /** One in-memory database with the kata's schema, the ledger, the key store and both handlers. */
    abstract static class Payments {
        Connection keepAlive;
        Ledger ledger;
        IdempotentEndpoint endpoint;
        PlainPaymentHandler plain;
        final AtomicLong keyNumber = new AtomicLong();

        void openPayments() throws SQLException {
            String url = "jdbc:h2:mem:idem-bench-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
            keepAlive = DriverManager.getConnection(url);
            ConnectionSource db = ConnectionSource.of(url);
            Schema.create(db);
            Clock clock = Clock.systemUTC();
            IdempotencyConfig config = IdempotencyConfig.defaults();
            ledger = new Ledger(db, clock, ChargeHook.NONE);
            endpoint = new IdempotentEndpoint("/payments", config, new KeyStore(db, clock, config), ledger::charge);
            plain = new PlainPaymentHandler(db, ledger);
        }

        void closePayments() throws SQLException {
            try (var statement = keepAlive.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }

        String nextKey() {
            return "\"bench-" + keyNumber.incrementAndGet() + "\"";
        }
    }

    @State(Scope.Benchmark)
    public static class Direct extends Payments {

        @Setup(Level.Trial)
        public void open() throws Exception {
            openPayments();
            MemoryExchange first = MemoryExchange.post(REPLAYED_KEY);
            endpoint.handle(first);
            expect(first.status, 201, "the replayed key's first request");
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            closePayments();
        }
    }

    @State(Scope.Benchmark)
    public static class OverHttp extends Payments {
        HttpServer server;
        ExecutorService threads;
        HttpClient http;
        URI idempotent;
        URI withoutLayer;

        @Setup(Level.Trial)
        public void open() throws Exception {
            openPayments();
            threads = Executors.newFixedThreadPool(4);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.createContext("/payments", endpoint);
            server.createContext("/plain/payments", plain);
            server.setExecutor(threads);
            server.start();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            idempotent = URI.create(base + "/payments");
            withoutLayer = URI.create(base + "/plain/payments");
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            expect(send(idempotent, REPLAYED_KEY).statusCode(), 201, "the replayed key's first request");
        }

        HttpResponse<byte[]> send(URI uri, String key) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + CLIENT).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofByteArray(BODY_BYTES)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            server.stop(0);
            threads.shutdownNow();
            closePayments();
        }
    }

    static void expect(int status, int expected, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + ": " + status + ", expected " + expected);
        }
    }

    @Benchmark
    public int handlerPlain(Direct state) throws IOException {
        MemoryExchange exchange = MemoryExchange.post(state.nextKey());
        state.plain.handle(exchange);
        expect(exchange.status, 201, "plain");
        return exchange.out.size();
    }

    @Benchmark
    public int handlerNewKey(Direct state) throws IOException {
        MemoryExchange exchange = MemoryExchange.post(state.nextKey());
        state.endpoint.handle(exchange);
        expect(exchange.status, 201, "new key");
        return exchange.out.size();
    }

    @Benchmark
    public int handlerReplay(Direct state) throws IOException {
        MemoryExchange exchange = MemoryExchange.post(REPLAYED_KEY);
        state.endpoint.handle(exchange);
        expect(exchange.status, 201, "replay");
        return exchange.out.size();
    }

    @Benchmark
    public int httpPlain(OverHttp state) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = state.send(state.withoutLayer, state.nextKey());
        expect(response.statusCode(), 201, "plain");
        return response.body().length;
    }

    @Benchmark
    public int httpNewKey(OverHttp state) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = state.send(state.idempotent, state.nextKey());
        expect(response.statusCode(), 201, "new key");
        return response.body().length;
    }

    @Benchmark
    public int httpReplay(OverHttp state) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = state.send(state.idempotent, REPLAYED_KEY);
        expect(response.statusCode(), 201, "replay");
        return response.body().length;
    }

    /**
     * {@code POST /payments} without the idempotency layer: the same checks a request needs anyway (an API key, a
     * valid body), the same {@link Ledger#charge} in one transaction, the same response; no key, no fingerprint, no
     * claim, nothing stored.
     */
    static final class PlainPaymentHandler implements HttpHandler {
        private final ConnectionSource db;
        private final Ledger ledger;

        PlainPaymentHandler(ConnectionSource db, Ledger ledger) {
            this.db = db;
            this.ledger = ledger;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                Problem.unauthorized("send Authorization: Bearer <api key>").toResponse().send(exchange);
                return;
            }
            String client = authorization.substring(7).strip();
            PaymentRequest request;
            try (InputStream in = exchange.getRequestBody()) {
                request = PaymentRequest.parse(in.readAllBytes());
            } catch (ValidationException e) {
                Problem.invalidRequest(e.getMessage()).toResponse().send(exchange);
                return;
            }
            StoredResponse response;
            try (Connection connection = db.open()) {
                connection.setAutoCommit(false);
                try {
                    response = ledger.charge(connection, client, request);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                Problem.internal("the operation failed and was rolled back").toResponse().send(exchange);
                return;
            }
            response.send(exchange);
        }
    }

    /** An exchange in memory: the request is given, the response is kept; enough for the handlers above. */
    static final class MemoryExchange extends HttpExchange {
        private static final URI TARGET = URI.create("/payments");
        private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

        private final Headers requestHeaders = new Headers();
        private final Headers responseHeaders = new Headers();
        private InputStream in = new ByteArrayInputStream(BODY_BYTES);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        int status = -1;

        static MemoryExchange post(String keyFieldValue) {
            MemoryExchange exchange = new MemoryExchange();
            exchange.requestHeaders.set("Authorization", "Bearer " + CLIENT);
            exchange.requestHeaders.set("Content-Type", "application/json");
            exchange.requestHeaders.set("Content-Length", Integer.toString(BODY_BYTES.length));
            exchange.requestHeaders.set("Idempotency-Key", keyFieldValue);
            return exchange;
        }

        @Override
        public Headers getRequestHeaders() {
            return requestHeaders;
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return TARGET;
        }

        @Override
        public String getRequestMethod() {
            return "POST";
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {
            // nothing to release
        }

        @Override
        public InputStream getRequestBody() {
            return in;
        }

        @Override
        public OutputStream getResponseBody() {
            return out;
        }

        @Override
        public void sendResponseHeaders(int code, long length) {
            status = code;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return LOOPBACK;
        }

        @Override
        public int getResponseCode() {
            return status;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return LOOPBACK;
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {
            // no attributes
        }

        @Override
        public void setStreams(InputStream i, OutputStream o) {
            if (i != null) {
                in = i;
            }
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
