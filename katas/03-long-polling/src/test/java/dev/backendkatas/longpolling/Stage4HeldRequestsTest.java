package dev.backendkatas.longpolling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 4 of kata 03: hundreds of held polls on four threads, each ended exactly once; the README section. */
@Order(4)
@DisplayName("Stage 4 — Held requests don't hold threads")
class Stage4HeldRequestsTest extends ServerSandbox {

    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

    private final List<RawPoll> polls = new ArrayList<>();
    private final ExecutorService clients = Executors.newFixedThreadPool(4);

    @AfterEach
    void hangUp() throws Exception {
        clients.shutdownNow();
        for (RawPoll poll : polls) {
            poll.close();
        }
    }

    private RawPoll poll(String pathAndQuery) throws Exception {
        RawPoll poll = RawPoll.send(server.port(), pathAndQuery);
        polls.add(poll);
        return poll;
    }

    @Test
    @Order(1)
    @DisplayName("500 long polls are held on 4 request threads, the server still answers others, and one event answers all")
    void fiveHundredPollsOnFourThreads() throws Exception {
        start(PollingServerConfig.defaults());
        assertThat(server.config().threads()).as("request threads").isEqualTo(4);
        for (int i = 0; i < 500; i++) {
            poll("/events?after=0&wait=30");
        }
        eventually().untilAsserted(() -> assertThat(server.waiters().count())
                .as("polls held out of 500 sent, on 4 request threads: a poll that keeps its thread while it waits "
                        + "lets only 4 be held").isEqualTo(500));
        HttpResponse<String> other = get("/events?after=0");
        assertThat(other.statusCode()).as("a short poll while 500 long polls are held → %s", show(other))
                .isEqualTo(200);

        server.publish("go");
        for (int i = 0; i < polls.size(); i++) {
            RawPoll.Response response = polls.get(i).read();
            assertThat(response.status()).as("poll #%d after publish(\"go\") → %s", i, response).isEqualTo(200);
            assertThat(response.body()).as("poll #%d's body", i)
                    .isEqualTo("{\"events\":[{\"cursor\":1,\"data\":\"go\"}],\"next\":1}");
        }
        eventually().untilAsserted(() -> assertThat(server.waiters().count())
                .as("Waiters.count() after the event").isZero());
        eventually().untilAsserted(() -> assertThat(scheduler.pending())
                .as("timers left behind by 500 answered polls").isZero());
    }

    @Test
    @Order(2)
    @DisplayName("clients that follow the cursor with long polls get every event once, in order, while events are appended concurrently")
    void followersSeeEveryEventOnce() throws Exception {
        start(PollingServerConfig.defaults());
        int events = 150;
        List<Future<List<String>>> followers = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(4);
        for (int f = 0; f < 4; f++) {
            followers.add(clients.submit(() -> {
                List<String> seen = new ArrayList<>();
                long cursor = 0;
                ready.countDown();
                while (seen.size() < events) {
                    // The timer never fires (the scheduler is manual): a poll that misses its wake-up hangs here.
                    HttpResponse<String> response = get("/events?after=" + cursor + "&wait=30");
                    if (response.statusCode() != 200) {
                        throw new AssertionError("GET /events?after=" + cursor + "&wait=30 → " + show(response));
                    }
                    for (String data : response.body().split("\"data\":\"")) {
                        if (data.startsWith("e")) {
                            seen.add(data.substring(0, data.indexOf('"')));
                        }
                    }
                    String next = response.body().substring(response.body().lastIndexOf(':') + 1);
                    cursor = Long.parseLong(next.substring(0, next.length() - 1));
                }
                return seen;
            }));
        }
        ready.await(5, TimeUnit.SECONDS);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= events; i++) {
            server.publish("e" + i);
            expected.add("e" + i);
            Thread.yield();
        }
        for (Future<List<String>> follower : followers) {
            assertThat(follower.get(8, TimeUnit.SECONDS))
                    .as("events seen by a follower, in order (a missing one is a lost wake-up or a skipped cursor)")
                    .containsExactlyElementsOf(expected);
        }
        eventually().untilAsserted(() -> assertThat(server.waiters().count()).as("held polls at the end").isZero());
    }

    @Test
    @Order(3)
    @DisplayName("an event, a timeout and a shutdown racing on three threads still reply to each poll exactly once")
    void exactlyOnceUnderRaces() throws Exception {
        for (int round = 0; round < 20; round++) {
            ManualScheduler timer = new ManualScheduler();
            EventLog log = new EventLog(100);
            Waiters waiters = new Waiters(log, timer, PollingServerConfig.defaults());
            List<Replies> replies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Replies reply = new Replies();
                replies.add(reply);
                waiters.await(0, THIRTY_SECONDS, reply);
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> racers = List.of(
                    clients.submit(() -> {
                        go.await();
                        log.append("x");
                        waiters.eventAppended();
                        return null;
                    }),
                    clients.submit(() -> {
                        go.await();
                        timer.advance(THIRTY_SECONDS);
                        return null;
                    }),
                    clients.submit(() -> {
                        go.await();
                        waiters.closeAll();
                        return null;
                    }));
            go.countDown();
            for (Future<?> racer : racers) {
                racer.get(5, TimeUnit.SECONDS);
            }
            for (int i = 0; i < replies.size(); i++) {
                assertThat(replies.get(i).count()).as("round %d, poll #%d: replies after an event, its timer and "
                        + "closeAll raced: %s", round, i, replies.get(i).batches()).isEqualTo(1);
            }
            assertThat(waiters.count()).as("round %d: count() after the race", round).isZero();
        }
    }

    @Test
    @Order(4)
    @DisplayName("clients that hang up while held are forgotten: the next event still reaches the others, and nothing is left")
    void disconnectedClientsAreForgotten() throws Exception {
        start(PollingServerConfig.defaults());
        List<RawPoll> leaving = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            leaving.add(poll("/events?after=0&wait=30"));
        }
        RawPoll staying = poll("/events?after=0&wait=30");
        eventually().until(() -> server.waiters().count() == 21);
        for (RawPoll poll : leaving) {
            poll.abort();
        }
        server.publish("still here");
        RawPoll.Response response = staying.read();
        assertThat(response.body()).as("the one client that stayed, after 20 others hung up → %s", response)
                .isEqualTo("{\"events\":[{\"cursor\":1,\"data\":\"still here\"}],\"next\":1}");
        eventually().untilAsserted(() -> assertThat(server.waiters().count())
                .as("held polls after the event (20 of them to dead connections)").isZero());

        RawPoll lonely = poll("/events?after=1&wait=30");
        // Its timer is the last thing a held poll sets up.
        eventually().until(() -> scheduler.pending() == 1);
        lonely.abort();
        scheduler.advance(THIRTY_SECONDS);
        eventually().untilAsserted(() -> assertThat(server.waiters().count())
                .as("held polls after a client hung up and its wait ended").isZero());
        HttpResponse<String> after = get("/events?after=0");
        assertThat(after.statusCode()).as("the server after all that → %s", show(after)).isEqualTo(200);
    }

    @Test
    @Order(5)
    @DisplayName("beyond maxWaiters held polls, one more is refused with 503 and Retry-After (RFC 9110 §15.6.4)")
    void capOnWaiters() throws Exception {
        start(PollingServerConfig.defaults().withMaxWaiters(3));
        for (int i = 0; i < 3; i++) {
            poll("/events?after=0&wait=30");
        }
        eventually().until(() -> server.waiters().count() == 3);
        HttpResponse<String> refused = get("/events?after=0&wait=30");
        assertThat(refused.statusCode()).as("a 4th long poll with maxWaiters 3 → %s", show(refused)).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).as("Retry-After of the 503").hasValue("1");
        assertThat(server.waiters().count()).as("held polls after the refusal").isEqualTo(3);
        HttpResponse<String> shortPoll = get("/events?after=0");
        assertThat(shortPoll.statusCode()).as("a short poll is not held, so the cap does not apply → %s",
                show(shortPoll)).isEqualTo(200);

        server.publish("a");
        for (RawPoll poll : polls) {
            assertThat(poll.read().status()).as("each held poll after the event").isEqualTo(200);
        }
        CompletableFuture<HttpResponse<String>> again = getLater("/events?after=1&wait=30");
        eventually().until(() -> server.waiters().count() == 1);
        assertThat(again).as("a new poll once there is room again is held, not refused").isNotDone();
        server.publish("b");
        assertThat(again.get(5, TimeUnit.SECONDS).statusCode()).as("the new poll after the event").isEqualTo(200);
    }

    @Test
    @Order(6)
    @DisplayName("a refused await never replies and registers nothing")
    void refusedAwait() throws Exception {
        Waiters waiters = new Waiters(new EventLog(10), scheduler, PollingServerConfig.defaults().withMaxWaiters(1));
        Replies first = new Replies();
        Replies second = new Replies();
        assertThat(waiters.await(0, THIRTY_SECONDS, first)).as("await #1 with maxWaiters 1").isTrue();
        assertThat(waiters.await(0, THIRTY_SECONDS, second)).as("await #2 with maxWaiters 1").isFalse();
        assertThat(waiters.count()).as("count() after a refusal").isEqualTo(1);
        scheduler.advance(THIRTY_SECONDS);
        assertThat(first.count()).as("replies to the held poll after its wait").isEqualTo(1);
        assertThat(second.count()).as("replies to the refused poll").isZero();
        assertThat(waiters.await(0, THIRTY_SECONDS, second)).as("await once the first poll ended").isTrue();
    }

    @Test
    @Order(7)
    @DisplayName("stopping the server answers every held poll with an empty batch, and refuses new ones")
    void shutdownAnswersEveryPoll() throws Exception {
        start(PollingServerConfig.defaults());
        server.publish("a");
        for (int i = 0; i < 100; i++) {
            poll("/events?after=1&wait=30");
        }
        eventually().until(() -> server.waiters().count() == 100);
        Waiters waiters = server.waiters();
        server.close();
        for (int i = 0; i < polls.size(); i++) {
            RawPoll.Response response = polls.get(i).read();
            assertThat(response.status()).as("held poll #%d when the server stopped → %s", i, response).isEqualTo(200);
            assertThat(response.body()).as("held poll #%d's body", i).isEqualTo("{\"events\":[],\"next\":1}");
        }
        assertThat(waiters.count()).as("held polls after the stop").isZero();
        eventually().untilAsserted(() -> assertThat(scheduler.pending())
                .as("timers left after the stop").isZero());
        Replies late = new Replies();
        assertThat(waiters.await(1, THIRTY_SECONDS, late)).as("await after closeAll").isFalse();
        waiters.closeAll();
        assertThat(late.count()).as("replies to a refused await, after a second closeAll").isZero();
    }
}
