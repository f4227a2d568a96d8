package dev.backendkatas.longpolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 5 of kata 03: a long-polling client that follows the cursor; the README section of the same name. */
@Order(5)
@DisplayName("Stage 5 — The client")
class Stage5ClientTest {

    private static final ClientConfig CONFIG = ClientConfig.defaults()
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 5);

    private final MockWebServer mock = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final List<Event> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startMock() throws Exception {
        mock.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopMock() {
        mock.close();
    }

    private LongPollClient client(ClientConfig config, double random) {
        return new LongPollClient(URI.create("http://127.0.0.1:" + mock.getPort()), config, sleeper, () -> random);
    }

    private BooleanSupplier delivered(int count) {
        return () -> delivered.size() >= count;
    }

    /** A 200 with the events of these cursors (data "e" + cursor); {@code next} is the last, or {@code next}. */
    private static MockResponse batch(long next, long... cursors) {
        String events = LongStream.of(cursors).mapToObj(c -> new Event(c, "e" + c).toJson())
                .collect(Collectors.joining(","));
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"events\":[" + events + "],\"next\":" + next + "}").build();
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("").build();
    }

    /**
     * The connection dies in the middle of the answer: headers arrive, then the socket closes inside the body. (A
     * connection closed before any header would be retried once by the JDK client itself, for a GET.)
     */
    private static MockResponse drop() {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"events\":[{\"cursor\":9,\"data\":\"never arrives\"}],\"next\":9}")
                .onResponseBody(new SocketEffect.CloseSocket(true, false, false)).build();
    }

    private List<String> targets() throws InterruptedException {
        List<String> targets = new ArrayList<>();
        RecordedRequest request;
        while ((request = mock.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
            targets.add(request.getMethod() + " " + request.getTarget());
        }
        return targets;
    }

    private List<String> data() {
        return delivered.stream().map(Event::data).toList();
    }

    @Test
    @Order(1)
    @DisplayName("follows the cursor: GET /events?after=<cursor>&wait=30, the next poll after `next`, an empty batch polled again at once")
    void followsTheCursor() throws Exception {
        mock.enqueue(batch(2, 1, 2));
        mock.enqueue(batch(2));
        mock.enqueue(batch(3, 3));
        long cursor = client(CONFIG, 0).follow(0, delivered::add, delivered(3));

        assertThat(data()).as("events delivered to the listener").containsExactly("e1", "e2", "e3");
        assertThat(cursor).as("the cursor follow returns").isEqualTo(3);
        assertThat(targets()).as("requests the client sent").containsExactly("GET /events?after=0&wait=30",
                "GET /events?after=2&wait=30", "GET /events?after=2&wait=30");
        assertThat(sleeper.millis()).as("waits: an empty batch is a normal answer, not a failure").isEmpty();
    }

    @Test
    @Order(2)
    @DisplayName("an event delivered before is skipped: each event reaches the listener exactly once, in order")
    void skipsDuplicates() throws Exception {
        mock.enqueue(batch(2, 1, 2));
        mock.enqueue(batch(3, 2, 3));
        mock.enqueue(batch(4, 3, 4));
        client(CONFIG, 0).follow(0, delivered::add, delivered(4));

        assertThat(data()).as("events delivered when the server repeats 2 and then 3").containsExactly("e1", "e2",
                "e3", "e4");
        assertThat(targets()).as("requests").containsExactly("GET /events?after=0&wait=30",
                "GET /events?after=2&wait=30", "GET /events?after=3&wait=30");
    }

    @Test
    @Order(3)
    @DisplayName("the backoff doubles from initialBackoff up to maxBackoff, with jitter between half and all of it")
    void backoff() {
        LongPollClient low = client(CONFIG, 0.0);
        assertThat(LongStream.rangeClosed(1, 7).mapToObj(n -> low.backoff((int) n).toMillis()).toList())
                .as("backoff(1..7) with initial 100 ms, cap 1 s, random 0.0: base/2")
                .containsExactly(50L, 100L, 200L, 400L, 500L, 500L, 500L);
        LongPollClient mid = client(CONFIG, 0.5);
        assertThat(LongStream.rangeClosed(1, 5).mapToObj(n -> mid.backoff((int) n).toMillis()).toList())
                .as("backoff(1..5) with random 0.5: base/2 + base/4")
                .containsExactly(75L, 150L, 300L, 600L, 750L);
        assertThat(mid.backoff(1000).toMillis()).as("backoff(1000): the cap, no overflow").isEqualTo(750L);
    }

    @Test
    @Order(4)
    @DisplayName("5xx answers are retried with the same cursor after the backoff")
    void retriesServerErrors() throws Exception {
        mock.enqueue(status(500));
        mock.enqueue(status(502));
        mock.enqueue(status(503));
        mock.enqueue(batch(1, 1));
        client(CONFIG, 0).follow(0, delivered::add, delivered(1));

        assertThat(sleeper.millis()).as("waits after 500, 502, 503 (random 0.0)").containsExactly(50L, 100L, 200L);
        assertThat(targets()).as("requests").containsOnly("GET /events?after=0&wait=30").hasSize(4);
        assertThat(data()).as("events delivered").containsExactly("e1");
    }

    @Test
    @Order(5)
    @DisplayName("Retry-After on a 503 or a 429 is honoured instead of the backoff (RFC 9110 §10.2.3)")
    void honoursRetryAfter() throws Exception {
        mock.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "7").body("").build());
        mock.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "2").body("").build());
        mock.enqueue(batch(1, 1));
        client(CONFIG, 0).follow(0, delivered::add, delivered(1));

        assertThat(sleeper.millis()).as("waits after 503 (Retry-After: 7) and 429 (Retry-After: 2)")
                .containsExactly(7000L, 2000L);
    }

    @Test
    @Order(6)
    @DisplayName("a dropped connection is retried with the same cursor: nothing lost, nothing twice")
    void retriesDroppedConnections() throws Exception {
        mock.enqueue(batch(1, 1));
        mock.enqueue(drop());
        mock.enqueue(drop());
        mock.enqueue(batch(2, 2));
        client(CONFIG, 0).follow(0, delivered::add, delivered(2));

        assertThat(data()).as("events delivered around two dropped connections").containsExactly("e1", "e2");
        assertThat(sleeper.millis()).as("waits after two drops in a row").containsExactly(50L, 100L);
        assertThat(targets()).as("requests").containsExactly("GET /events?after=0&wait=30",
                "GET /events?after=1&wait=30", "GET /events?after=1&wait=30", "GET /events?after=1&wait=30");
    }

    @Test
    @Order(7)
    @DisplayName("a successful poll resets the failure count")
    void successResetsFailures() throws Exception {
        mock.enqueue(status(500));
        mock.enqueue(batch(1, 1));
        mock.enqueue(status(500));
        mock.enqueue(batch(2, 2));
        client(CONFIG, 0).follow(0, delivered::add, delivered(2));

        assertThat(sleeper.millis()).as("waits for 500, success, 500: the second failure is again the first")
                .containsExactly(50L, 50L);
    }

    @Test
    @Order(8)
    @DisplayName("maxFailures in a row give up with PollFailedException, without a last wait")
    void givesUp() throws Exception {
        ClientConfig three = ClientConfig.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 3);
        for (int i = 0; i < 3; i++) {
            mock.enqueue(status(500));
        }
        PollFailedException failed = catchThrowableOfType(
                () -> client(three, 0).follow(0, delivered::add, delivered(1)), PollFailedException.class);
        assertThat(failed).as("follow after three 500s with maxFailures 3").isNotNull();
        assertThat(failed.status()).as("status of the last failure").isEqualTo(500);
        assertThat(sleeper.millis()).as("waits: between failures, none after the last").containsExactly(50L, 100L);
        assertThat(targets()).as("requests").hasSize(3);

        for (int i = 0; i < 3; i++) {
            mock.enqueue(drop());
        }
        PollFailedException dropped = catchThrowableOfType(
                () -> client(three, 0).follow(0, delivered::add, delivered(1)), PollFailedException.class);
        assertThat(dropped).as("follow after three dropped connections").isNotNull();
        assertThat(dropped.status()).as("status when the last failure had no response")
                .isEqualTo(PollFailedException.NO_STATUS);
        assertThat(dropped.getCause()).as("cause of giving up after dropped connections")
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    @Order(9)
    @DisplayName("a 400, a 404 or a 200 that is not a batch fails at once, without retrying")
    void permanentFailures() throws Exception {
        mock.enqueue(status(400));
        mock.enqueue(status(404));
        mock.enqueue(new MockResponse.Builder().code(200).body("<html>login</html>").build());
        for (int expected : new int[] {400, 404, 200}) {
            PollFailedException failed = catchThrowableOfType(
                    () -> client(CONFIG, 0).follow(0, delivered::add, delivered(1)), PollFailedException.class);
            assertThat(failed).as("follow when the server answers %d", expected).isNotNull();
            assertThat(failed.status()).as("status of the permanent failure").isEqualTo(expected);
        }
        assertThat(sleeper.millis()).as("waits before a permanent failure").isEmpty();
        assertThat(targets()).as("requests: one per permanent failure").hasSize(3);
    }

    @Test
    @Order(10)
    @DisplayName("a 410 ends with CursorExpiredException and the oldest cursor: missed events are reported, never skipped silently")
    void reportsMissedEvents() throws Exception {
        mock.enqueue(batch(3, 3));
        mock.enqueue(new MockResponse.Builder().code(410).setHeader("Content-Type", "application/json")
                .body("{\"error\":\"cursor expired\",\"oldest\":17}").build());
        CursorExpiredException expired = catchThrowableOfType(
                () -> client(CONFIG, 0).follow(2, delivered::add, delivered(5)), CursorExpiredException.class);
        assertThat(expired).as("follow when the server answers 410").isNotNull();
        assertThat(expired.oldest()).as("oldest cursor from the 410's body").isEqualTo(17);
        assertThat(data()).as("events delivered before the 410").containsExactly("e3");
        assertThat(sleeper.millis()).as("waits before a 410").isEmpty();
    }

    @Test
    @Order(11)
    @DisplayName("against the real server: every published event arrives once and in order")
    void againstTheServer() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        try (PollingServer server = new PollingServer(PollingServerConfig.defaults(), (input, progress) -> input,
                scheduler)) {
            server.start();
            LongPollClient client = new LongPollClient(server.uri(""), CONFIG, sleeper, () -> 0.5);
            CompletableFuture<Long> following = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.follow(0, delivered::add, delivered(40));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                server.publish("event " + i);
                expected.add("event " + i);
                Thread.yield();
            }
            assertThat(following.get(8, TimeUnit.SECONDS)).as("cursor follow returns").isEqualTo(40);
            assertThat(data()).as("events the client delivered while 40 were published").isEqualTo(expected);
            assertThat(sleeper.millis()).as("waits: nothing failed").isEmpty();
        }
    }
}
