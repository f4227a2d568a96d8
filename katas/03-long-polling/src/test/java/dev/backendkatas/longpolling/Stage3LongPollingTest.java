package dev.backendkatas.longpolling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 3 of kata 03: hold a poll until an event or the end of its wait; the README section of the same name. */
@Order(3)
@DisplayName("Stage 3 — Long polling")
class Stage3LongPollingTest extends ServerSandbox {

    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

    @Test
    @Order(1)
    @DisplayName("a long poll answers at once when events after its cursor exist")
    void answersAtOnceWhenEventsExist() throws Exception {
        start(PollingServerConfig.defaults());
        server.publish("a");
        HttpResponse<String> response = get("/events?after=0&wait=30");
        assertThat(response.statusCode()).as("GET /events?after=0&wait=30 with event 1 in the log → %s",
                show(response)).isEqualTo(200);
        assertThat(response.body()).as("body").isEqualTo("{\"events\":[{\"cursor\":1,\"data\":\"a\"}],\"next\":1}");
        assertThat(scheduler.delays()).as("timers started for a poll that had something to say at once").isEmpty();
    }

    @Test
    @Order(2)
    @DisplayName("with nothing new, the poll is held until an event arrives, then answered with it")
    void holdsUntilAnEvent() throws Exception {
        start(PollingServerConfig.defaults());
        CompletableFuture<HttpResponse<String>> poll = getLater("/events?after=0&wait=30");
        eventually().untilAsserted(() -> assertThat(server.waiters().count())
                .as("Waiters.count() while GET /events?after=0&wait=30 waits on an empty log").isEqualTo(1));
        assertThat(poll).as("the poll must still be held: nothing happened yet").isNotDone();

        server.publish("hello");
        HttpResponse<String> response = poll.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as("the held poll after publish(\"hello\") → %s", show(response))
                .isEqualTo(200);
        assertThat(response.body()).as("body of the held poll")
                .isEqualTo("{\"events\":[{\"cursor\":1,\"data\":\"hello\"}],\"next\":1}");
        assertThat(response.headers().firstValue("Cache-Control")).as("Cache-Control").hasValue("no-store");
        eventually().untilAsserted(() -> assertThat(server.waiters().count())
                .as("Waiters.count() once the poll was answered").isZero());
        eventually().untilAsserted(() -> assertThat(scheduler.pending())
                .as("timers still pending: the answered poll's timer must be cancelled").isZero());
    }

    @Test
    @Order(3)
    @DisplayName("when the wait ends, a timeout is 200 with an empty batch and the same cursor, never 408 or 5xx (RFC 6202 §5.4)")
    void timeoutIsAnEmptySuccess() throws Exception {
        start(PollingServerConfig.defaults());
        server.publish("a");
        CompletableFuture<HttpResponse<String>> poll = getLater("/events?after=1&wait=10");
        // The timer is the last thing a held poll sets up: once it is asked for, the poll is fully held.
        eventually().untilAsserted(() -> assertThat(scheduler.delays())
                .as("timer asked for GET /events?after=1&wait=10").containsExactly(Duration.ofSeconds(10)));

        scheduler.advance(Duration.ofSeconds(10));
        HttpResponse<String> response = poll.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as("the poll after its 10 s → %s", show(response)).isEqualTo(200);
        assertThat(response.body()).as("an empty batch; ask again after the same cursor")
                .isEqualTo("{\"events\":[],\"next\":1}");
        eventually().untilAsserted(() -> assertThat(server.waiters().count())
                .as("Waiters.count() after the timeout").isZero());
    }

    @Test
    @Order(4)
    @DisplayName("a wait above the server's cap is clamped to it, not refused (RFC 6202 §5.5)")
    void waitIsClamped() throws Exception {
        start(PollingServerConfig.defaults().withMaxWait(THIRTY_SECONDS));
        CompletableFuture<HttpResponse<String>> poll = getLater("/events?after=0&wait=120");
        eventually().untilAsserted(() -> assertThat(scheduler.delays()).as("timer asked for wait=120 with a cap of 30 s")
                .containsExactly(THIRTY_SECONDS));
        CompletableFuture<HttpResponse<String>> huge = getLater("/events?after=0&wait=9223372036854775807");
        eventually().untilAsserted(() -> assertThat(scheduler.delays())
                .as("timers asked for wait=120 and wait=Long.MAX_VALUE with a cap of 30 s")
                .containsExactly(THIRTY_SECONDS, THIRTY_SECONDS));

        scheduler.advance(THIRTY_SECONDS);
        for (CompletableFuture<HttpResponse<String>> future : List.of(poll, huge)) {
            HttpResponse<String> response = future.get(5, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as("a clamped poll after 30 s → %s", show(response)).isEqualTo(200);
            assertThat(response.body()).as("body").isEqualTo("{\"events\":[],\"next\":0}");
        }
    }

    @Test
    @Order(5)
    @DisplayName("one event wakes every held poll")
    void oneEventWakesEveryPoll() throws Exception {
        start(PollingServerConfig.defaults());
        server.publish("a");
        List<CompletableFuture<HttpResponse<String>>> polls = List.of(getLater("/events?after=1&wait=30"),
                getLater("/events?after=1&wait=30"), getLater("/events?after=1&wait=5"));
        eventually().until(() -> server.waiters().count() == 3);
        server.publish("b");
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            assertThat(poll.get(5, TimeUnit.SECONDS).body()).as("each of 3 held polls after publish(\"b\")")
                    .isEqualTo("{\"events\":[{\"cursor\":2,\"data\":\"b\"}],\"next\":2}");
        }
        eventually().untilAsserted(() -> assertThat(server.waiters().count())
                .as("Waiters.count() after the event").isZero());
    }

    @Test
    @Order(6)
    @DisplayName("a held poll replies exactly once: an event, then its timer, then more events change nothing")
    void repliesExactlyOnceAfterAnEvent() throws Exception {
        EventLog log = new EventLog(10);
        Waiters waiters = new Waiters(log, scheduler, PollingServerConfig.defaults());
        Replies replies = new Replies();
        assertThat(waiters.await(0, THIRTY_SECONDS, replies)).as("await(after 0) on an empty log").isTrue();
        assertThat(replies.count()).as("replies before anything happened").isZero();
        assertThat(waiters.count()).as("count() while held").isEqualTo(1);

        log.append("a");
        waiters.eventAppended();
        scheduler.advance(THIRTY_SECONDS);
        log.append("b");
        waiters.eventAppended();
        assertThat(replies.batches()).as("replies to one held poll: the event, once; nothing from the timer or event 2")
                .containsExactly(new Batch(List.of(new Event(1, "a")), 1));
        assertThat(waiters.count()).as("count() after the reply").isZero();
    }

    @Test
    @Order(7)
    @DisplayName("a poll that timed out is forgotten: a later event does not reply to it again")
    void repliesExactlyOnceAfterATimeout() throws Exception {
        EventLog log = new EventLog(10);
        Waiters waiters = new Waiters(log, scheduler, PollingServerConfig.defaults());
        Replies replies = new Replies();
        waiters.await(0, Duration.ofSeconds(5), replies);
        scheduler.advance(Duration.ofSeconds(5));
        log.append("late");
        waiters.eventAppended();
        assertThat(replies.batches()).as("replies to a poll that timed out before an event")
                .containsExactly(Batch.empty(0));
        assertThat(waiters.count()).as("count() after the timeout").isZero();
    }

    @Test
    @Order(8)
    @DisplayName("the lost wake-up: an event appended just before the poll registered is still seen (register, then re-check)")
    void noLostWakeUp() throws Exception {
        EventLog log = new EventLog(10);
        Waiters waiters = new Waiters(log, scheduler, PollingServerConfig.defaults());
        // The handler read the log (empty) and is about to call await. Meanwhile, another thread appends and wakes
        // the waiters: there are none yet, so that wake-up reaches nobody.
        log.append("in between");
        waiters.eventAppended();
        Replies replies = new Replies();
        waiters.await(0, THIRTY_SECONDS, replies);

        eventually().untilAsserted(() -> assertThat(replies.batches())
                .as("await(after 0) when event 1 was appended (and announced) between the handler's read and await: "
                        + "without a second look at the log after registering, this poll sleeps through its event")
                .containsExactly(new Batch(List.of(new Event(1, "in between")), 1)));
        assertThat(waiters.count()).as("count() after the reply").isZero();
    }

    @Test
    @Order(9)
    @DisplayName("the lost wake-up inside await: an event appended while await reads the log still reaches the poll (register before that read)")
    void noLostWakeUpDuringTheRead() throws Exception {
        EventLog log = new EventLog(10);
        AtomicReference<Waiters> waiters = new AtomicReference<>();
        AtomicBoolean appended = new AtomicBoolean();
        EventSource racing = (after, limit) -> {
            Batch seen = log.read(after, limit);
            if (appended.compareAndSet(false, true)) {
                // Right after this read, another thread appends an event and wakes the waiters that exist now.
                log.append("during the read");
                waiters.get().eventAppended();
            }
            return seen;
        };
        waiters.set(new Waiters(racing, scheduler, PollingServerConfig.defaults()));
        Replies replies = new Replies();
        waiters.get().await(0, THIRTY_SECONDS, replies);

        eventually().untilAsserted(() -> assertThat(replies.batches())
                .as("await(after 0) when event 1 is appended and announced just after await's read of the log: a "
                        + "waiter registered only after that read misses the announcement and sleeps through its event")
                .containsExactly(new Batch(List.of(new Event(1, "during the read")), 1)));
        assertThat(waiters.get().count()).as("count() after the reply").isZero();
    }

    @Test
    @Order(10)
    @DisplayName("a woken poll gets at most maxBatch events")
    void wakeUpRespectsMaxBatch() throws Exception {
        EventLog log = new EventLog(10);
        Waiters waiters = new Waiters(log, scheduler, PollingServerConfig.defaults().withLog(10, 2));
        Replies replies = new Replies();
        waiters.await(0, THIRTY_SECONDS, replies);
        log.append("a");
        log.append("b");
        log.append("c");
        waiters.eventAppended();
        assertThat(replies.batches()).as("reply after 3 appends with maxBatch 2")
                .containsExactly(new Batch(List.of(new Event(1, "a"), new Event(2, "b")), 2));
    }

    @Test
    @Order(11)
    @DisplayName("a poll whose events expired before it was woken replies with an empty batch (its next poll gets 410)")
    void expiredWhileWaiting() throws Exception {
        EventLog log = new EventLog(1);
        Waiters waiters = new Waiters(log, scheduler, PollingServerConfig.defaults());
        Replies replies = new Replies();
        waiters.await(0, THIRTY_SECONDS, replies);
        log.append("a");
        log.append("b");
        waiters.eventAppended();
        assertThat(replies.batches()).as("reply of a poll after 0 when retention 1 kept only event 2")
                .containsExactly(Batch.empty(0));
        assertThat(waiters.count()).as("count() after the reply").isZero();
    }
}
