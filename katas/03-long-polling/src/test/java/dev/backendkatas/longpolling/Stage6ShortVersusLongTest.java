package dev.backendkatas.longpolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

/**
 * Stage 6 of kata 03: a short-polling client, and short against long polling measured over the same events on a
 * virtual clock; the README section of the same name.
 *
 * <p>The measurements run on a {@link VirtualEventsServer}: real HTTP, virtual time. Time moves only when the
 * short-polling client sleeps or when a long poll waits, so the counts and delays below are exact and the same on
 * every machine. Stage 6 needs Stage 2 (the server's {@link EventLog}) and Stage 5 (the {@link LongPollClient} it is
 * compared with).
 */
@Order(6)
@DisplayName("Stage 6 — Short vs long polling, measured")
class Stage6ShortVersusLongTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    /**
     * One stream for every client: 9 events in 10 minutes, quiet stretches and small bursts (the 4th and 5th event
     * come together).
     */
    private static final List<Duration> STREAM = seconds(12, 95, 96, 251, 251, 252, 402, 533, 587);
    private static final List<Long> ALL_NINE = LongStream.rangeClosed(1, 9).boxed().toList();

    private final MockWebServer mock = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final List<Event> delivered = new CopyOnWriteArrayList<>();
    private final List<VirtualEventsServer> benches = new ArrayList<>();

    @BeforeEach
    void startMock() throws Exception {
        mock.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopServers() {
        mock.close();
        benches.forEach(VirtualEventsServer::close);
    }

    private static List<Duration> seconds(double... times) {
        return Arrays.stream(times).mapToObj(t -> Duration.ofMillis(Math.round(t * 1000))).toList();
    }

    private VirtualEventsServer bench(List<Duration> events, int retention, int maxBatch) throws IOException {
        VirtualEventsServer bench = new VirtualEventsServer(events, retention, maxBatch);
        benches.add(bench);
        return bench;
    }

    /** Your short-polling client at {@code interval} over {@code events}, until the virtual clock reaches {@code end}. */
    private PollMeasurement shortPolling(List<Duration> events, Duration interval, Duration end) throws Exception {
        VirtualEventsServer bench = bench(events, 1000, 100);
        new ShortPollClient(bench.uri(), interval, bench.sleeper()).follow(0, bench.listener(), bench.until(end));
        return bench.measurement();
    }

    /** Your Stage 5 client (wait 30 s) over {@code events}, until the virtual clock reaches {@code end}. */
    private PollMeasurement longPolling(List<Duration> events, Duration end) throws Exception {
        VirtualEventsServer bench = bench(events, 1000, 100);
        longPollClient(bench).follow(0, bench.listener(), bench.until(end));
        return bench.measurement();
    }

    private static LongPollClient longPollClient(VirtualEventsServer bench) {
        return new LongPollClient(bench.uri(), ClientConfig.defaults(), bench.sleeper(), () -> 0.5);
    }

    private static List<String> requests(PollMeasurement measurement) {
        return measurement.polls().stream().map(PollMeasurement.Poll::toString).toList();
    }

    private ShortPollClient mockClient(Duration interval) {
        return new ShortPollClient(URI.create("http://127.0.0.1:" + mock.getPort()), interval, sleeper);
    }

    /** A 200 with the events of these cursors (data "e" + cursor); {@code next} is the last, or {@code next}. */
    private static MockResponse batch(long next, long... cursors) {
        String events = LongStream.of(cursors).mapToObj(c -> new Event(c, "e" + c).toJson())
                .collect(Collectors.joining(","));
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"events\":[" + events + "],\"next\":" + next + "}").build();
    }

    /** The requests the mock received; a {@code wait=0} is dropped, since it means the same as no wait. */
    private List<String> targets() throws InterruptedException {
        List<String> targets = new ArrayList<>();
        RecordedRequest request;
        while ((request = mock.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
            targets.add(request.getMethod() + " " + request.getTarget().replace("&wait=0", ""));
        }
        return targets;
    }

    @Test
    @Order(1)
    @DisplayName("a short poll is GET /events?after=<cursor> without a wait; the client follows the cursor and asks again one interval later")
    void followsTheCursorWithShortPolls() throws Exception {
        VirtualEventsServer bench = bench(seconds(3, 7), 1000, 100);
        long cursor = new ShortPollClient(bench.uri(), FIVE_SECONDS, bench.sleeper())
                .follow(0, bench.listener(), bench.until(Duration.ofSeconds(12)));
        PollMeasurement measured = bench.measurement();

        assertThat(requests(measured)).as("requests of a short-polling client at 5 s, events appended at 3 s and 7 s, "
                        + "until 12 s (a short poll asks without a wait, or wait=0; after an empty answer the client "
                        + "sleeps 5 s, after events it asks again at once)")
                .containsExactly("at 0s after=0 → 0 event(s)", "at 5s after=0 → 1 event(s)",
                        "at 5s after=1 → 0 event(s)", "at 10s after=1 → 1 event(s)", "at 10s after=2 → 0 event(s)");
        assertThat(measured.deliveredCursors()).as("events delivered, by cursor").containsExactly(1L, 2L);
        assertThat(measured.delays()).as("delay of each event: appended at 3 s, seen at 5 s; appended at 7 s, seen "
                + "at 10 s").containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
        assertThat(cursor).as("the cursor follow returns").isEqualTo(2);
    }

    @Test
    @Order(2)
    @DisplayName("stop is asked before every poll, the first one included")
    void asksStopBeforeTheFirstPoll() throws Exception {
        VirtualEventsServer bench = bench(seconds(0, 0, 0), 1000, 100);
        long cursor = new ShortPollClient(bench.uri(), FIVE_SECONDS, bench.sleeper())
                .follow(2, bench.listener(), () -> true);

        assertThat(bench.measurement().polls()).as("requests sent when stop said \"stop\" from the start")
                .isEmpty();
        assertThat(cursor).as("the cursor follow(2, …) returns without a poll").isEqualTo(2);
    }

    @Test
    @Order(3)
    @DisplayName("it sleeps after an empty answer only: a burst bigger than one batch is fetched at once, batch after batch")
    void drainsABurstWithoutSleeping() throws Exception {
        VirtualEventsServer bench = bench(seconds(1, 1, 1, 1, 1), 1000, 2);
        new ShortPollClient(bench.uri(), Duration.ofSeconds(10), bench.sleeper())
                .follow(0, bench.listener(), bench.until(Duration.ofSeconds(20)));
        PollMeasurement measured = bench.measurement();

        assertThat(requests(measured)).as("requests at 10 s intervals when 5 events arrive at 1 s and an answer "
                        + "carries at most 2: after a batch with events, more may be waiting")
                .containsExactly("at 0s after=0 → 0 event(s)", "at 10s after=0 → 2 event(s)",
                        "at 10s after=2 → 2 event(s)", "at 10s after=4 → 1 event(s)", "at 10s after=5 → 0 event(s)");
        assertThat(measured.delays()).as("delays: every event of the burst within one interval")
                .containsOnly(Duration.ofSeconds(9)).hasSize(5);
    }

    @Test
    @Order(4)
    @DisplayName("each event reaches the listener exactly once, in order, and the wait after an empty answer is exactly the interval")
    void skipsDuplicatesAndSleepsTheInterval() throws Exception {
        mock.enqueue(batch(2, 1, 2));
        mock.enqueue(batch(2));
        mock.enqueue(batch(3, 2, 3));
        long cursor = mockClient(Duration.ofMillis(1500)).follow(0, delivered::add, () -> delivered.size() >= 3);

        assertThat(delivered).extracting(Event::data).as("events delivered when the server repeats event 2")
                .containsExactly("e1", "e2", "e3");
        assertThat(cursor).as("the cursor follow returns").isEqualTo(3);
        assertThat(targets()).as("requests the client sent").containsExactly("GET /events?after=0",
                "GET /events?after=2", "GET /events?after=2");
        assertThat(sleeper.millis()).as("waits (ms) of a client with an interval of 1.5 s: one, after the empty "
                + "answer").containsExactly(1500L);
    }

    @Test
    @Order(5)
    @DisplayName("short polling at 5 s costs one request per interval, most of them empty, plus one per answer with events (RFC 6202 §1)")
    void shortPollingCostsOneRequestPerInterval() throws Exception {
        PollMeasurement measured = shortPolling(STREAM, FIVE_SECONDS, TEN_MINUTES);

        assertThat(measured.deliveredCursors()).as("events delivered: %s", measured).isEqualTo(ALL_NINE);
        assertThat(measured.requests()).as("requests in 10 minutes at 5 s: 120 intervals, each ending in an empty "
                + "answer, plus 7 answers with events (4, 5 and 6 come in one) — %s", measured).isEqualTo(127);
        assertThat(measured.emptyAnswers()).as("empty answers: %s", measured).isEqualTo(120);
    }

    @Test
    @Order(6)
    @DisplayName("long polling costs one request per event or per timeout: for the same events, a fifth of short polling's at 5 s (RFC 6202 §2)")
    void longPollingCostsOneRequestPerEventOrTimeout() throws Exception {
        PollMeasurement longPolls = longPolling(STREAM, TEN_MINUTES);
        PollMeasurement shortPolls = shortPolling(STREAM, FIVE_SECONDS, TEN_MINUTES);

        assertThat(longPolls.deliveredCursors()).as("events delivered by long polling: %s", longPolls)
                .isEqualTo(ALL_NINE);
        assertThat(longPolls.requests() - longPolls.emptyAnswers()).as("long polls answered with events (4 and 5 come "
                + "in one): %s", longPolls).isEqualTo(8);
        assertThat(longPolls.emptyAnswers()).as("long polls that timed out after 30 s of quiet: %s", longPolls)
                .isEqualTo(17);
        assertThat(shortPolls.requests()).as("short polls at 5 s for the same events, against %d long polls: %s",
                longPolls.requests(), shortPolls).isEqualTo(127);
        assertThat(shortPolls.emptyAnswers() * 100 / shortPolls.requests())
                .as("percentage of short polls that carried nothing (long polling: %d of %d)",
                        longPolls.emptyAnswers(), longPolls.requests())
                .isGreaterThan(90);
    }

    @Test
    @Order(7)
    @DisplayName("short polling delivers each event up to one interval late; long polling delivers it when it is appended")
    void shortPollingDelayIsBoundedByTheInterval() throws Exception {
        PollMeasurement shortPolls = shortPolling(STREAM, FIVE_SECONDS, TEN_MINUTES);
        PollMeasurement longPolls = longPolling(STREAM, TEN_MINUTES);

        assertThat(shortPolls.delays()).as("delays at 5 s: each event waits for the next poll — %s", shortPolls)
                .isEqualTo(seconds(3, 0, 4, 4, 4, 3, 3, 2, 3));
        assertThat(shortPolls.maxDelay()).as("the longest delay at 5 s").isLessThan(FIVE_SECONDS);
        assertThat(longPolls.delays()).as("delays of long polling: a poll is always waiting at the server — %s",
                longPolls).isEqualTo(Collections.nCopies(9, Duration.ZERO));
    }

    @Test
    @Order(8)
    @DisplayName("the interval is the trade-off: shorter buys less delay with more empty requests (1 s, 1.5 s, 5 s, 30 s)")
    void intervalTradesRequestsForDelay() throws Exception {
        List<Duration> threeEvents = seconds(10.2, 47.7, 83.4);
        Duration twoMinutes = Duration.ofMinutes(2);
        List<Duration> intervals = seconds(1, 1.5, 5, 30);
        List<Integer> requests = new ArrayList<>();
        List<Duration> maxDelays = new ArrayList<>();
        for (Duration interval : intervals) {
            PollMeasurement measured = shortPolling(threeEvents, interval, twoMinutes);
            assertThat(measured.deliveredCursors()).as("events delivered at %s: %s", interval, measured)
                    .containsExactly(1L, 2L, 3L);
            assertThat(measured.maxDelay()).as("longest delay at %s: %s", interval, measured).isLessThan(interval);
            requests.add(measured.requests());
            maxDelays.add(measured.maxDelay());
        }
        assertThat(requests).as("requests in 2 minutes with 3 events at intervals 1 s, 1.5 s, 5 s, 30 s (120, 80, 24 "
                + "and 4 intervals, plus 3 answers with events); longest delays %s", maxDelays)
                .containsExactly(123, 83, 27, 7);
        assertThat(maxDelays).as("longest delay at each interval").isEqualTo(seconds(0.8, 0.6, 4.8, 19.8));
    }

    @Test
    @Order(9)
    @DisplayName("with no events at all, short polling still asks every interval; long polling asks once per timeout")
    void quietStream() throws Exception {
        PollMeasurement shortPolls = shortPolling(List.of(), FIVE_SECONDS, TEN_MINUTES);
        PollMeasurement longPolls = longPolling(List.of(), TEN_MINUTES);

        assertThat(shortPolls.requests()).as("short polls at 5 s in 10 quiet minutes: %s", shortPolls).isEqualTo(120);
        assertThat(shortPolls.emptyAnswers()).as("empty answers among them").isEqualTo(120);
        assertThat(longPolls.requests()).as("long polls (wait 30 s) in 10 quiet minutes: %s", longPolls).isEqualTo(20);
    }

    @Test
    @Order(10)
    @DisplayName("polling too rarely for the log's retention misses events: the 410 is CursorExpiredException with the oldest cursor (RFC 9110 §15.5.11)")
    void rarePollingMissesEvents() throws Exception {
        List<Duration> fiveEvents = seconds(10, 20, 30, 40, 50);
        VirtualEventsServer shortBench = bench(fiveEvents, 3, 100);
        CursorExpiredException expired = catchThrowableOfType(() -> new ShortPollClient(shortBench.uri(),
                        Duration.ofSeconds(60), shortBench.sleeper())
                .follow(0, shortBench.listener(), shortBench.until(Duration.ofMinutes(2))),
                CursorExpiredException.class);
        VirtualEventsServer longBench = bench(fiveEvents, 3, 100);
        longPollClient(longBench).follow(0, longBench.listener(), longBench.until(Duration.ofMinutes(2)));

        assertThat(expired).as("follow at 60 s intervals when 5 events arrive in the first minute and the log keeps "
                + "3: its second poll, after=0, is answered 410 — %s", shortBench.measurement()).isNotNull();
        assertThat(expired.oldest()).as("oldest cursor from the 410's body").isEqualTo(2);
        assertThat(shortBench.measurement().deliveredCursors()).as("events the short-polling client delivered")
                .isEmpty();
        assertThat(longBench.measurement().deliveredCursors()).as("the same events and log with long polling: %s",
                longBench.measurement()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    @Order(11)
    @DisplayName("any other answer ends the run at once, without a wait: a 503, a 200 that is not a batch, a dropped connection")
    void failsAtOnce() throws Exception {
        mock.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "1").body("").build());
        PollFailedException unavailable = catchThrowableOfType(() -> mockClient(FIVE_SECONDS)
                .follow(0, delivered::add, () -> mock.getRequestCount() >= 1), PollFailedException.class);
        assertThat(unavailable).as("follow when the server answers 503").isNotNull();
        assertThat(unavailable.status()).as("status of the failure").isEqualTo(503);

        mock.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<html>maintenance</html>").build());
        PollFailedException notABatch = catchThrowableOfType(() -> mockClient(FIVE_SECONDS)
                .follow(0, delivered::add, () -> mock.getRequestCount() >= 2), PollFailedException.class);
        assertThat(notABatch).as("follow when the server answers 200 with HTML").isNotNull();
        assertThat(notABatch.status()).as("status of the failure").isEqualTo(200);

        // The connection dies inside the body: a drop before any byte would be retried once by the JDK client itself.
        mock.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"events\":[{\"cursor\":9,\"data\":\"never arrives\"}],\"next\":9}")
                .onResponseBody(new SocketEffect.CloseSocket(true, false, false)).build());
        PollFailedException dropped = catchThrowableOfType(() -> mockClient(FIVE_SECONDS)
                .follow(0, delivered::add, () -> mock.getRequestCount() >= 3), PollFailedException.class);
        assertThat(dropped).as("follow when the connection drops mid-answer").isNotNull();
        assertThat(dropped.status()).as("status of a network failure").isEqualTo(PollFailedException.NO_STATUS);
        assertThat(dropped.getCause()).as("cause of a network failure").isInstanceOf(IOException.class);

        assertThat(targets()).as("requests: one per run, none retried").hasSize(3);
        assertThat(sleeper.millis()).as("waits before giving up").isEmpty();
        assertThat(delivered).as("events delivered").isEmpty();
    }
}
