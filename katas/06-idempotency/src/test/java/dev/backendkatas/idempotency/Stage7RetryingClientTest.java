package dev.backendkatas.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stage 7 of kata 06: the client that retries safely. A MockWebServer plays the server's answers and records every
 * request; the last test runs the real server behind a proxy that loses requests and responses.
 */
@Order(7)
@DisplayName("Stage 7 — The retrying client")
class Stage7RetryingClientTest extends PaymentSandbox {

    private static final RetryPolicy POLICY = RetryPolicy.defaults()
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 6);

    private final MockWebServer mock = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final AtomicInteger keyNumber = new AtomicInteger();
    private final Supplier<String> keys = () -> "key-" + keyNumber.incrementAndGet();

    @BeforeEach
    void startMock() throws IOException {
        // A request the test did not script gets an answer at once (not a wait until the test's timeout), and one
        // that says so: the client sent one request too many.
        ((QueueDispatcher) mock.getDispatcher()).setFailFast(new MockResponse.Builder().code(418)
                .body("no answer scripted: the client sent one request more than the test expected").build());
        mock.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopMock() {
        mock.close();
    }

    private PaymentsClient client(double random) {
        return new PaymentsClient(URI.create("http://127.0.0.1:" + mock.getPort()), ALICE, POLICY, sleeper,
                () -> random, clock, keys);
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/problem+json")
                .body("{\"status\":" + code + "}").build();
    }

    private static MockResponse created() {
        return new MockResponse.Builder().code(201).setHeader("Content-Type", "application/json")
                .setHeader("Location", "/payments/ch_1").body("{\"id\":\"ch_1\"}").build();
    }

    /** The server read the request, then the connection died before any answer: processed or not, nobody knows. */
    private static MockResponse drop() {
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build();
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = mock.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        return requests;
    }

    @Test
    @Order(1)
    @DisplayName("a POST carries the key as an sf-string, the API key and the JSON body (draft §2.1)")
    void sendsTheKey() throws Exception {
        mock.enqueue(created());
        PaymentResponse response = client(0.5).post("/payments", payment(1000));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.idempotencyKey()).isEqualTo("key-1");
        assertThat(response.location()).hasValue("/payments/ch_1");
        assertThat(response.attempts()).isEqualTo(1);
        assertThat(response.replayed()).as("no Idempotent-Replayed header: a first answer").isFalse();
        RecordedRequest request = requests().get(0);
        assertThat(request.getMethod() + " " + request.getTarget()).isEqualTo("POST /payments");
        assertThat(request.getHeaders().get("Idempotency-Key")).as("Idempotency-Key, an sf-string")
                .isEqualTo("\"key-1\"");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + ALICE);
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBody().utf8()).isEqualTo(payment(1000));
    }

    @Test
    @Order(2)
    @DisplayName("backoff(n) is full jitter: random × min(cap, initial × 2^(n−1)) (capped exponential backoff)")
    void backoff() {
        PaymentsClient half = client(0.5);
        List<Long> waits = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            waits.add(half.backoff(n).toMillis());
        }
        assertThat(waits).as("backoff(1..6) with random 0.5, initial 100 ms, cap 1 s").containsExactly(50L, 100L,
                200L, 400L, 500L, 500L);
        assertThat(client(0.0).backoff(3)).as("random 0.0: full jitter may wait nothing").isEqualTo(Duration.ZERO);
        assertThat(client(0.999).backoff(1000).toMillis()).as("failure 1000 stays under the cap, no overflow")
                .isEqualTo(999L);
    }

    @Test
    @Order(3)
    @DisplayName("500, 502, 503 are retried with the same key and the backoff between attempts")
    void retries5xxWithTheSameKey() throws Exception {
        mock.enqueue(status(500));
        mock.enqueue(status(502));
        mock.enqueue(status(503));
        mock.enqueue(created());
        PaymentResponse response = client(0.5).post("/payments", payment(1000));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.attempts()).isEqualTo(4);
        List<String> sentKeys = requests().stream().map(r -> r.getHeaders().get("Idempotency-Key")).toList();
        assertThat(sentKeys).as("the key of each attempt: a new key per retry would be a new payment")
                .containsExactly("\"key-1\"", "\"key-1\"", "\"key-1\"", "\"key-1\"");
        assertThat(sleeper.millis()).as("waits after failures 1, 2, 3 (random 0.5)").containsExactly(50L, 100L, 200L);
    }

    @Test
    @Order(4)
    @DisplayName("a dropped connection is retried with the same key: the first attempt may have been processed")
    void retriesNetworkErrors() throws Exception {
        mock.enqueue(drop());
        mock.enqueue(drop());
        mock.enqueue(created());
        PaymentResponse response = client(0.5).post("/payments", payment(1000));
        assertThat(response.status()).isEqualTo(201);
        assertThat(requests()).extracting(r -> r.getHeaders().get("Idempotency-Key"))
                .containsExactly("\"key-1\"", "\"key-1\"", "\"key-1\"");
        assertThat(sleeper.millis()).containsExactly(50L, 100L);
    }

    @Test
    @Order(5)
    @DisplayName("409 is retried after its Retry-After, in seconds or as an HTTP-date (draft §2.7, RFC 9110 §10.2.3)")
    void honoursRetryAfter() throws Exception {
        mock.enqueue(new MockResponse.Builder().code(409).setHeader("Retry-After", "2").body("{}").build());
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(7).atOffset(ZoneOffset.UTC));
        mock.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", date).body("{}").build());
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().minusSeconds(30).atOffset(ZoneOffset.UTC));
        mock.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", past).body("{}").build());
        mock.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "soon").body("{}").build());
        mock.enqueue(created());
        PaymentResponse response = client(0.5).post("/payments", payment(1000));

        assertThat(response.status()).isEqualTo(201);
        assertThat(sleeper.millis()).as("waits: Retry-After: 2, Retry-After: <now + 7 s>, <now − 30 s> (no wait),"
                + " an invalid Retry-After (backoff after failure 4)").containsExactly(2000L, 7000L, 0L, 400L);
    }

    @Test
    @Order(6)
    @DisplayName("a replay is a success: the client reports it and stops")
    void replayIsSuccess() throws Exception {
        mock.enqueue(new MockResponse.Builder().code(201).setHeader("Idempotent-Replayed", "true")
                .setHeader("Location", "/payments/ch_1").body("{\"id\":\"ch_1\"}").build());
        PaymentResponse response = client(0.5).post("/payments", payment(1000));
        assertThat(response.replayed()).as("Idempotent-Replayed: true").isTrue();
        assertThat(response.body()).isEqualTo("{\"id\":\"ch_1\"}");
    }

    @Test
    @Order(7)
    @DisplayName("other 4xx are final: 400, 401, 402 and 422 are returned at once, never retried")
    void never4xx() throws Exception {
        for (int code : new int[] {400, 401, 402, 422}) {
            mock.enqueue(status(code));
            PaymentResponse response = client(0.5).post("/payments", payment(1000));
            assertThat(response.status()).as("a %d", code).isEqualTo(code);
            assertThat(response.attempts()).as("attempts for a %d: repeating it cannot change it", code).isEqualTo(1);
        }
        assertThat(requests()).as("one request per operation").hasSize(4);
        assertThat(sleeper.millis()).as("no wait").isEmpty();
    }

    @Test
    @Order(8)
    @DisplayName("each logical operation gets its own key")
    void newKeyPerOperation() throws Exception {
        mock.enqueue(created());
        mock.enqueue(created());
        PaymentsClient client = client(0.5);
        client.post("/payments", payment(1000));
        client.post("/payments", payment(1000));
        assertThat(requests()).extracting(r -> r.getHeaders().get("Idempotency-Key"))
                .as("two payments of the same amount are two operations").containsExactly("\"key-1\"", "\"key-2\"");
    }

    @Test
    @Order(9)
    @DisplayName("it gives up after maxAttempts, with the last status, the key, and no wait after the last attempt")
    void givesUp() throws Exception {
        for (int i = 0; i < 6; i++) {
            mock.enqueue(status(503));
        }
        PaymentFailedException failed = catchThrowableOfType(() -> client(0.5).post("/payments", payment(1000)),
                PaymentFailedException.class);
        assertThat(failed).as("6 × 503 with maxAttempts 6").isNotNull();
        assertThat(failed.lastStatus()).isEqualTo(503);
        assertThat(failed.idempotencyKey()).as("the key to retry with later").isEqualTo("key-1");
        assertThat(requests()).hasSize(6);
        assertThat(sleeper.millis()).as("5 waits between 6 attempts").containsExactly(50L, 100L, 200L, 400L, 500L);

        for (int i = 0; i < 6; i++) {
            mock.enqueue(drop());
        }
        PaymentFailedException dropped = catchThrowableOfType(() -> client(0.5).post("/payments", payment(1000)),
                PaymentFailedException.class);
        assertThat(dropped.lastStatus()).as("no response at all").isEqualTo(PaymentFailedException.NO_STATUS);
        assertThat(dropped.getCause()).as("the network error").isInstanceOf(IOException.class);
    }

    @Test
    @Order(10)
    @Timeout(60)
    @DisplayName("end to end through a proxy that cuts requests and loses responses: 200 payments, each charged exactly once")
    void endToEndExactlyOnce() throws Exception {
        PaymentServer real = start();
        Random random = new Random(6);
        // Each connection carries a random number of bytes each way before it is cut: requests die in the middle,
        // and responses are lost after the server committed the payment.
        try (FaultyProxy proxy = new FaultyProxy(real.port(),
                n -> new FaultyProxy.Fault(1 + random.nextInt(1500), random.nextInt(1500)))) {
            AtomicInteger keyCount = new AtomicInteger();
            // No real waits, and no race against the machine's speed either: before a retry, the server finishes
            // what it is doing (no key in flight, or 8 s at most). Retried at once, a request whose response was cut
            // could meet its own first attempt still committing, and spend its attempts on 409s on a busy machine.
            Sleeper settle = delay -> {
                sleeper.sleep(delay);
                try {
                    eventually().until(() -> count("SELECT COUNT(*) FROM idempotency_keys"
                            + " WHERE response_status IS NULL") == 0);
                } catch (ConditionTimeoutException e) {
                    // a key stays in flight (not this test's concern): retry anyway
                }
            };
            PaymentsClient client = new PaymentsClient(URI.create("http://127.0.0.1:" + proxy.port()), ALICE,
                    RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(100), 40), settle,
                    () -> 0.5, clock, () -> "e2e-" + keyCount.incrementAndGet());
            long expected = 0;
            for (int i = 1; i <= 200; i++) {
                PaymentResponse response = client.post("/payments", payment(i));
                assertThat(response.status()).as("payment %d after %d attempts: %s", i, response.attempts(),
                        response.body()).isEqualTo(201);
                expected += i;
            }
            assertThat(proxy.upCuts()).as("requests cut on the way (the test must have hurt)").isPositive();
            assertThat(proxy.downCuts()).as("responses lost on the way back").isPositive();
        }
        assertThat(charges()).as("charges for 200 payments through a lossy network").isEqualTo(200);
        assertThat(count("SELECT SUM(amount) FROM charges")).as("the ledger's sum: 1 + 2 + … + 200")
                .isEqualTo(200L * 201 / 2);
    }
}
