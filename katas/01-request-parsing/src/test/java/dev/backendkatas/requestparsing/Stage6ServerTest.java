package dev.backendkatas.requestparsing;

import static dev.backendkatas.requestparsing.Requests.HOST;
import static dev.backendkatas.requestparsing.Requests.limits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stage 6 of kata 01: a socket server that survives bad clients; the README section of the same name teaches it. */
@Order(6)
@DisplayName("Stage 6 — Serve it over a socket")
class Stage6ServerTest {

    /** Answers with the method, the target and the body it received, so tests can see what the server parsed. */
    private static final RequestHandler ECHO = request -> HttpResponse.text(200,
            request.method() + " " + request.target() + " " + request.bodyText());

    /**
     * Short enough to keep the idle tests quick, long enough that a client thread the scheduler holds back between
     * connecting and sending its first byte is not mistaken for a silent one on a busy machine.
     */
    private static final Duration SHORT_IDLE_TIMEOUT = Duration.ofMillis(500);

    private BlockingHttpServer server;

    private int start(RequestHandler handler, ParserLimits limits, Duration idleTimeout) throws IOException {
        server = new BlockingHttpServer(handler, limits, idleTimeout);
        return server.start();
    }

    private int start(RequestHandler handler) throws IOException {
        return start(handler, limits(), Duration.ofSeconds(10));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpClient http11Client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static java.net.http.HttpRequest.Builder to(int port, String path) {
        return java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5));
    }

    @Test
    @Order(1)
    @DisplayName("answers a GET from the JDK HttpClient on a loopback port chosen by the system")
    void answersHttpClientGet() throws Exception {
        int port = start(ECHO);

        var response = http11Client().send(to(port, "/hello?x=1").GET().build(), BodyHandlers.ofString());

        assertThat(port).as("the port start() returned").isPositive().isEqualTo(server.port());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("GET /hello?x=1 ");
    }

    @Test
    @Order(2)
    @DisplayName("answers a POST with a body from the JDK HttpClient")
    void answersHttpClientPost() throws Exception {
        int port = start(ECHO);
        String body = "é".repeat(3000);

        var response = http11Client().send(to(port, "/upload").POST(java.net.http.HttpRequest.BodyPublishers
                .ofString(body)).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("POST /upload " + body);
    }

    @Test
    @Order(3)
    @DisplayName("ignores the h2c upgrade offer of a default JDK HttpClient and answers in HTTP/1.1")
    void answersDefaultHttpClient() throws Exception {
        int port = start(ECHO);

        var response = HttpClient.newHttpClient().send(to(port, "/h2c").GET().build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    @Test
    @Order(4)
    @DisplayName("keeps the connection alive: one HttpClient's requests share one connection (RFC 9112 §9.3)")
    void reusesConnection() throws Exception {
        int port = start(ECHO);
        HttpClient client = http11Client();

        for (int i = 0; i < 5; i++) {
            var response = client.send(to(port, "/" + i).GET().build(), BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("GET /" + i + " ");
        }

        assertThat(server.acceptedConnections()).as("connections accepted for 5 sequential requests").isEqualTo(1);
    }

    @Test
    @Order(5)
    @DisplayName("answers three requests pipelined in one write, in order (RFC 9112 §9.3.2)")
    void answersPipelinedRequests() throws Exception {
        int port = start(ECHO);
        try (RawClient client = new RawClient(port)) {
            client.send("GET /1 HTTP/1.1\r\n" + HOST + "\r\n"
                    + "POST /2 HTTP/1.1\r\n" + HOST + "Content-Length: 4\r\n\r\nbody"
                    + "GET /3 HTTP/1.1\r\n" + HOST + "\r\n");

            assertThat(client.readResponse().body()).isEqualTo("GET /1 ");
            assertThat(client.readResponse().body()).isEqualTo("POST /2 body");
            RawClient.RawResponse third = client.readResponse();
            assertThat(third.body()).isEqualTo("GET /3 ");
            assertThat(third.header("Connection")).as("Connection header of a keep-alive response").isNull();
            assertThat(client.send("GET /4 HTTP/1.1\r\n" + HOST + "\r\n").readResponse().body())
                    .as("a fourth request on the same, still open, connection").isEqualTo("GET /4 ");
        }
    }

    @Test
    @Order(6)
    @DisplayName("closes the connection after answering Connection: close, and says so")
    void closesOnConnectionClose() throws Exception {
        int port = start(ECHO);
        try (RawClient client = new RawClient(port)) {
            RawClient.RawResponse response = client.send("GET /bye HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n")
                    .readResponse();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(client.closedByServer()).as("connection closed by the server").isTrue();
        }
    }

    @Test
    @Order(7)
    @DisplayName("closes an HTTP/1.0 connection after the response unless it asked for keep-alive")
    void closesHttp10() throws Exception {
        int port = start(ECHO);
        try (RawClient client = new RawClient(port)) {
            assertThat(client.send("GET /old HTTP/1.0\r\n\r\n").readResponse().status()).isEqualTo(200);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    @Order(8)
    @DisplayName("refuses to start twice or after close(), and has no port before it starts")
    void startsOnce() throws Exception {
        server = new BlockingHttpServer(ECHO);
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        server.start();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        server.close();
        assertThatThrownBy(server::start).as("start() after close()").isInstanceOf(IllegalStateException.class);
    }

    static List<Arguments> malformedRequests() {
        String pad = "p".repeat(10_000);
        return List.of(
                Arguments.of("space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
                Arguments.of("HTTP/2.0", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
                Arguments.of("10 kB field", "GET / HTTP/1.1\r\nHost: x\r\nX: " + pad + "\r\n\r\n", 431),
                Arguments.of("10 kB target", "GET /" + pad + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
                Arguments.of("gzip coding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
                Arguments.of("huge length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", 413),
                Arguments.of("TLS ClientHello", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003", 400));
    }

    @ParameterizedTest(name = "{2} for {0}")
    @MethodSource("malformedRequests")
    @Order(9)
    @DisplayName("answers a malformed request with its error status and Connection: close, then closes (RFC 9112 §9.6)")
    void answersErrorsAndCloses(String name, String raw, int status) throws Exception {
        int port = start(ECHO);
        try (RawClient client = new RawClient(port)) {
            RawClient.RawResponse response = client.send(raw).readResponse();

            assertThat(response.status()).as("status for %s", Visible.of(raw)).isEqualTo(status);
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(client.closedByServer()).as("connection closed after an error").isTrue();
        }
    }

    @Test
    @Order(10)
    @DisplayName("answers 431 that the client can read even though it sent far more than the server read")
    void closesGentlyAfterError() throws Exception {
        int port = start(ECHO);
        try (RawClient client = new RawClient(port)) {
            client.send("GET / HTTP/1.1\r\n" + HOST + "X-Big: " + "b".repeat(48_000) + "\r\n\r\n");
            client.finishSending();
            // Wait until the server is done with the connection. A server that closes a socket with the client's
            // bytes still unread makes TCP send a reset; on some systems the reset wipes the response out of the
            // client's buffer, and a client still sending gets an error instead of the response.
            await().atMost(Duration.ofSeconds(5)).pollInSameThread()
                    .until(() -> server.openConnections() == 0);

            assertThat(client.readResponse().status()).as("the error response, read after the server closed").isEqualTo(431);
        }
    }

    @Test
    @Order(11)
    @DisplayName("answers the valid requests pipelined before a malformed one, then the error, then closes")
    void answersValidRequestsBeforeTheError() throws Exception {
        int port = start(ECHO);
        try (RawClient client = new RawClient(port)) {
            client.send("GET /1 HTTP/1.1\r\n" + HOST + "\r\nGET /2 HTTP/1.1\r\n" + HOST + "\r\n"
                    + "GET /3 HTTP/1.1\r\nHost : bad\r\n\r\n");

            assertThat(client.readResponse().body()).isEqualTo("GET /1 ");
            assertThat(client.readResponse().body()).isEqualTo("GET /2 ");
            assertThat(client.readResponse().status()).isEqualTo(400);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    @Order(12)
    @DisplayName("answers 500 and closes when the handler throws, and keeps serving others")
    void answers500WhenHandlerThrows() throws Exception {
        int port = start(request -> {
            if (request.target().equals("/boom")) {
                throw new IllegalStateException("handler bug");
            }
            return HttpResponse.text(200, "fine");
        });
        try (RawClient client = new RawClient(port)) {
            RawClient.RawResponse response = client.send("GET /boom HTTP/1.1\r\n" + HOST + "\r\n").readResponse();
            assertThat(response.status()).isEqualTo(500);
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawClient other = new RawClient(port)) {
            assertThat(other.send("GET /ok HTTP/1.1\r\n" + HOST + "\r\n").readResponse().body()).isEqualTo("fine");
        }
    }

    @Test
    @Order(13)
    @DisplayName("closes a connection that stays silent past the idle timeout")
    void closesIdleConnection() throws Exception {
        int port = start(ECHO, limits(), SHORT_IDLE_TIMEOUT);
        try (RawClient client = new RawClient(port)) {
            assertThat(client.send("GET / HTTP/1.1\r\n" + HOST + "\r\n").readResponse().status()).isEqualTo(200);

            assertThat(client.closedByServer()).as("idle keep-alive connection closed after the timeout").isTrue();
        }
    }

    @Test
    @Order(14)
    @DisplayName("answers 408 to a request that stops halfway past the idle timeout, then closes (RFC 9110 §15.5.9)")
    void answers408ToStalledRequest() throws Exception {
        int port = start(ECHO, limits(), SHORT_IDLE_TIMEOUT);
        try (RawClient client = new RawClient(port)) {
            RawClient.RawResponse response = client.send("GET /slow HTTP/1.1\r\nHo").readResponse();

            assertThat(response.status()).isEqualTo(408);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    @Order(15)
    @DisplayName("survives a client that disconnects mid-body, and serves the next one")
    void survivesDisconnectMidBody() throws Exception {
        int port = start(ECHO);
        try (RawClient quitter = new RawClient(port)) {
            quitter.send("POST /upload HTTP/1.1\r\n" + HOST + "Content-Length: 1000\r\n\r\nonly a little");
        }
        try (RawClient next = new RawClient(port)) {
            assertThat(next.send("GET /next HTTP/1.1\r\n" + HOST + "\r\n").readResponse().body()).isEqualTo("GET /next ");
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(server.openConnections()).as("open connections once both clients are gone").isZero());
    }

    @Test
    @Order(16)
    @DisplayName("serves many clients at once, each on its own connection")
    void servesClientsConcurrently() throws Exception {
        int port = start(ECHO);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int id = c;
                results.add(clients.submit(() -> {
                    List<String> bodies = new ArrayList<>();
                    try (RawClient client = new RawClient(port)) {
                        for (int i = 0; i < 20; i++) {
                            bodies.add(client.send("GET /" + id + "/" + i + " HTTP/1.1\r\n" + HOST + "\r\n")
                                    .readResponse().body());
                        }
                    }
                    return bodies;
                }));
            }
            for (int c = 0; c < 8; c++) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    expected.add("GET /" + c + "/" + i + " ");
                }
                assertThat(results.get(c).get()).as("responses seen by client %d", c).isEqualTo(expected);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @Order(17)
    @DisplayName("leaks no connection and no thread after 50 connections, and close() ends everything")
    void leaksNothing() throws Exception {
        // Enough connections, half closed by the server and half by the client, to show a leak; few enough that the
        // test stays far inside its timeout on a slow, busy machine.
        int connections = 50;
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int port = start(ECHO);
        for (int i = 0; i < connections; i++) {
            try (RawClient client = new RawClient(port)) {
                client.send("GET /" + i + " HTTP/1.1\r\n" + HOST + (i % 2 == 0 ? "Connection: close\r\n" : "") + "\r\n")
                        .readResponse();
            }
        }
        await().atMost(Duration.ofSeconds(5)).pollInSameThread().untilAsserted(() ->
                assertThat(server.openConnections()).as("open connections after %d clients left", connections).isZero());
        assertThat(server.acceptedConnections()).isEqualTo(connections);

        try (RawClient idle = new RawClient(port)) {
            await().atMost(Duration.ofSeconds(5)).pollInSameThread()
                    .until(() -> server.openConnections() == 1);
            server.close();
            assertThat(idle.closedByServer()).as("an idle connection is closed by close()").isTrue();
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .as("connecting after close()").isInstanceOf(ConnectException.class);
        await().atMost(Duration.ofSeconds(5)).pollInSameThread().untilAsserted(() ->
                assertThat(threadsStartedSince(before)).as("threads the server left running after close()").isEmpty());
    }

    private static List<String> threadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> !name.startsWith("junit") && !name.startsWith("awaitility"))
                .collect(Collectors.toList());
    }
}
