package dev.backendkatas.idempotency;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every server test shares: an H2 database in file mode under a temporary folder, a clock that moves only when
 * the test says so, a {@link Gate} in the middle of every payment, servers on loopback port 0, and an
 * {@link HttpClient} that speaks to them.
 *
 * <p>Every server of a test opens the same JDBC URL, so they share one in-process H2 database, as two instances of a
 * stateless service share their database. The sandbox keeps one connection of its own open for the whole test (H2
 * closes a database when its last connection closes), and closes it only to simulate a restart.
 */
abstract class PaymentSandbox {

    static final String ALICE = "sk_test_alice";
    static final String BOB = "sk_test_bob";
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path folder;

    final MutableClock clock = new MutableClock(T0);
    final Gate gate = new Gate();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final List<PaymentServer> servers = new ArrayList<>();
    String url;
    FaultyDatabase db;
    Connection keeper;
    PaymentServer server;

    @BeforeEach
    void openDatabase() throws SQLException {
        url = "jdbc:h2:file:" + folder.resolve("payments").toAbsolutePath() + ";AUTO_SERVER=FALSE";
        db = new FaultyDatabase(ConnectionSource.of(url));
        keeper = DriverManager.getConnection(url);
    }

    @AfterEach
    void stopEverything() throws SQLException {
        gate.release();
        db.releaseKeyWrites();
        servers.forEach(PaymentServer::close);
        if (!keeper.isClosed()) {
            try (Statement statement = keeper.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                // already closed
            }
        }
    }

    /** Starts a server with the defaults; the first one started is {@link #server}. */
    PaymentServer start() throws IOException, SQLException {
        return start(IdempotencyConfig.defaults());
    }

    PaymentServer start(IdempotencyConfig config) throws IOException, SQLException {
        PaymentServer started = new PaymentServer(config, db, clock, gate);
        started.start();
        servers.add(started);
        if (server == null) {
            server = started;
        }
        return started;
    }

    /**
     * The whole service goes down: every server closes, and the database is shut down so that the next server opens
     * it from its files, as after a restart of the machine.
     */
    void restart() throws SQLException {
        servers.forEach(PaymentServer::close);
        servers.clear();
        server = null;
        try (Statement statement = keeper.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        keeper = DriverManager.getConnection(url);
    }

    static String payment(long amount) {
        return "{\"amount\":" + amount + ",\"currency\":\"EUR\",\"source\":\"tok_visa\"}";
    }

    /** A POST /payments as Alice with {@code key} as an sf-string. */
    HttpResponse<String> pay(String key, String body) throws IOException, InterruptedException {
        return send(server, "/payments", ALICE, List.of("\"" + key + "\""), body);
    }

    /** A POST with these raw {@code Idempotency-Key} field lines (none for an empty list). */
    HttpResponse<String> send(PaymentServer to, String path, String client, List<String> keyFieldLines, String body)
            throws IOException, InterruptedException {
        return http.send(request(to, path, client, keyFieldLines, body), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> sendLater(PaymentServer to, String path, String client, String key,
                                                      String body) {
        return http.sendAsync(request(to, path, client, List.of("\"" + key + "\""), body),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest request(PaymentServer to, String path, String client, List<String> keyFieldLines,
                               String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(to.uri(path)).timeout(Duration.ofSeconds(8))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (client != null) {
            request.header("Authorization", "Bearer " + client);
        }
        keyFieldLines.forEach(line -> request.header("Idempotency-Key", line));
        return request.build();
    }

    /** Committed charges, all clients. */
    long charges() throws SQLException {
        return count("SELECT COUNT(*) FROM charges WHERE kind = 'charge'");
    }

    /** Rows in {@code idempotency_keys}. */
    long keys() throws SQLException {
        return count("SELECT COUNT(*) FROM idempotency_keys");
    }

    long count(String sql) throws SQLException {
        try (PreparedStatement select = keeper.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Awaitility, polling often: the outcomes waited for take milliseconds, and the bound is generous. */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(8)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5));
    }

    /** A response as a learner reads it in a failure message. */
    static String show(HttpResponse<String> response) {
        return response.statusCode() + " " + response.headers().map() + " " + Visible.visible(response.body());
    }

    static URI base(PaymentServer server) {
        return server.uri("");
    }

    /** The value of a string or number member of a flat JSON object, or null: enough to read a problem. */
    static String member(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\"" + name + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|-?\\d+)").matcher(json);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }
}
