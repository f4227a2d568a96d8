package dev.backendkatas.longpolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 2 of kata 03: an ordered, bounded event log read with a cursor; the README section of the same name. */
@Order(2)
@DisplayName("Stage 2 — An event log with a cursor")
class Stage2EventLogTest extends ServerSandbox {

    @Test
    @Order(1)
    @DisplayName("append numbers events 1, 2, 3 and read(0) returns them in order, with the last cursor as next")
    void appendsAndReadsInOrder() throws Exception {
        EventLog log = new EventLog(10);
        assertThat(log.lastCursor()).as("lastCursor of an empty log").isZero();
        assertThat(List.of(log.append("a"), log.append("b"), log.append("c"))).as("cursors of three appends")
                .containsExactly(1L, 2L, 3L);
        assertThat(log.lastCursor()).as("lastCursor after three appends").isEqualTo(3);

        Batch batch = log.read(0, 10);
        assertThat(batch.events()).as("read(after 0)")
                .containsExactly(new Event(1, "a"), new Event(2, "b"), new Event(3, "c"));
        assertThat(batch.next()).as("next cursor after reading everything").isEqualTo(3);
    }

    @Test
    @Order(2)
    @DisplayName("read after a cursor returns only the newer events; none newer is an empty batch with the same cursor")
    void readsAfterTheCursor() throws Exception {
        EventLog log = new EventLog(10);
        assertThat(log.read(0, 10)).as("read(after 0) of an empty log").isEqualTo(Batch.empty(0));
        log.append("a");
        log.append("b");
        log.append("c");
        assertThat(log.read(2, 10)).as("read(after 2)").isEqualTo(new Batch(List.of(new Event(3, "c")), 3));
        assertThat(log.read(1, 10).events()).as("read(after 1)").containsExactly(new Event(2, "b"), new Event(3, "c"));
        assertThat(log.read(3, 10)).as("read(after 3) when 3 is the last: nothing new, ask again after 3")
                .isEqualTo(Batch.empty(3));
    }

    @Test
    @Order(3)
    @DisplayName("a read returns at most limit events; next says where to continue")
    void limit() throws Exception {
        EventLog log = new EventLog(10);
        for (String data : List.of("a", "b", "c", "d", "e")) {
            log.append(data);
        }
        Batch first = log.read(0, 2);
        assertThat(first).as("read(after 0, limit 2)")
                .isEqualTo(new Batch(List.of(new Event(1, "a"), new Event(2, "b")), 2));
        assertThat(log.read(first.next(), 2).events()).as("read(after 2, limit 2)")
                .containsExactly(new Event(3, "c"), new Event(4, "d"));
        assertThat(log.read(4, 2).events()).as("read(after 4, limit 2)").containsExactly(new Event(5, "e"));
    }

    @Test
    @Order(4)
    @DisplayName("reading never removes: the same read twice returns the same events (a retried poll loses nothing)")
    void readIsRepeatable() throws Exception {
        EventLog log = new EventLog(10);
        log.append("a");
        log.append("b");
        Batch first = log.read(0, 10);
        assertThat(log.read(0, 10)).as("the same read again").isEqualTo(first);
        assertThat(first.events()).as("read(after 0)").hasSize(2);
    }

    @Test
    @Order(5)
    @DisplayName("the log keeps the last `retention` events; a cursor before them is expired, with the oldest readable cursor")
    void retention() throws Exception {
        EventLog log = new EventLog(3);
        for (String data : List.of("a", "b", "c", "d", "e")) {
            log.append(data);
        }
        assertThat(log.read(2, 10).events()).as("retention 3 after 5 appends: read(after 2) is events 3, 4, 5")
                .containsExactly(new Event(3, "c"), new Event(4, "d"), new Event(5, "e"));
        CursorExpiredException one = catchThrowableOfType(() -> log.read(1, 10), CursorExpiredException.class);
        assertThat(one).as("read(after 1): event 2 was dropped, the reader would miss it").isNotNull();
        assertThat(one.oldest()).as("oldest cursor to read after without a gap (events 3..5 are kept)").isEqualTo(2);
        CursorExpiredException zero = catchThrowableOfType(() -> log.read(0, 10), CursorExpiredException.class);
        assertThat(zero).as("read(after 0) once event 1 is gone").isNotNull();
        assertThat(zero.oldest()).as("oldest of read(after 0)").isEqualTo(2);
        assertThat(log.read(5, 10)).as("read(after the last) stays fine at the bound").isEqualTo(Batch.empty(5));
    }

    @Test
    @Order(6)
    @DisplayName("a negative cursor, a cursor the log never gave out, or a limit below 1 is refused")
    void impossibleCursors() {
        EventLog log = new EventLog(3);
        assertThatThrownBy(() -> log.read(1, 10)).as("read(after 1) of an empty log")
                .isInstanceOf(IllegalArgumentException.class);
        log.append("a");
        assertThatThrownBy(() -> log.read(2, 10)).as("read(after 2) when the last cursor is 1")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.read(-1, 10)).as("read(after -1)").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.read(0, 0)).as("read(after 0, limit 0)")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Order(7)
    @DisplayName("appends from many threads get distinct consecutive cursors, and a read sees no gap")
    void concurrentAppends() throws Exception {
        EventLog log = new EventLog(10_000);
        int threads = 4;
        int each = 500;
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Long> cursors = new ConcurrentLinkedQueue<>();
        List<Thread> appenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread appender = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    cursors.add(log.append(thread + "-" + i));
                }
            });
            appender.start();
            appenders.add(appender);
        }
        go.countDown();
        for (Thread appender : appenders) {
            appender.join(TimeUnit.SECONDS.toMillis(8));
        }
        assertThat(cursors).as("cursors returned by %d × %d concurrent appends", threads, each)
                .hasSize(threads * each).doesNotHaveDuplicates().allMatch(c -> c >= 1 && c <= threads * each);
        Batch all = log.read(0, 10_000);
        assertThat(all.events()).as("read(after 0)").hasSize(threads * each);
        for (int i = 0; i < all.events().size(); i++) {
            assertThat(all.events().get(i).cursor()).as("cursor of event #%d", i).isEqualTo(i + 1);
        }
    }

    @Test
    @Order(8)
    @DisplayName("GET /events?after=N answers at once with the newer events as JSON (a short poll)")
    void shortPollOverHttp() throws Exception {
        start(PollingServerConfig.defaults());
        server.publish("login alice");
        server.publish("message \"hi\"");
        HttpResponse<String> all = get("/events?after=0");
        assertThat(all.statusCode()).as("GET /events?after=0 → %s", show(all)).isEqualTo(200);
        assertThat(all.body()).as("body of GET /events?after=0 (Batch.toJson)").isEqualTo(
                "{\"events\":[{\"cursor\":1,\"data\":\"login alice\"},{\"cursor\":2,\"data\":\"message \\\"hi\\\"\"}],"
                        + "\"next\":2}");
        assertThat(all.headers().firstValue("Content-Type")).as("Content-Type").hasValue("application/json");
        assertThat(all.headers().firstValue("Cache-Control")).as("a cached batch would hide new events")
                .hasValue("no-store");
        HttpResponse<String> newer = get("/events?after=1");
        assertThat(newer.body()).as("GET /events?after=1")
                .isEqualTo("{\"events\":[{\"cursor\":2,\"data\":\"message \\\"hi\\\"\"}],\"next\":2}");
    }

    @Test
    @Order(9)
    @DisplayName("nothing newer is 200 with an empty batch and the same cursor, at once")
    void emptyShortPoll() throws Exception {
        start(PollingServerConfig.defaults());
        HttpResponse<String> empty = get("/events?after=0");
        assertThat(empty.statusCode()).as("GET /events?after=0 of an empty log → %s", show(empty)).isEqualTo(200);
        assertThat(empty.body()).as("body").isEqualTo("{\"events\":[],\"next\":0}");
        server.publish("a");
        HttpResponse<String> caughtUp = get("/events?after=1&wait=0");
        assertThat(caughtUp.body()).as("GET /events?after=1&wait=0 when 1 is the last → %s", show(caughtUp))
                .isEqualTo("{\"events\":[],\"next\":1}");
    }

    @Test
    @Order(10)
    @DisplayName("one answer carries at most maxBatch events; other query parameters are ignored")
    void maxBatchOverHttp() throws Exception {
        start(PollingServerConfig.defaults().withLog(100, 2));
        for (String data : List.of("a", "b", "c")) {
            server.publish(data);
        }
        HttpResponse<String> first = get("/events?client=web&after=0");
        assertThat(first.body()).as("GET /events?client=web&after=0 with maxBatch 2 → %s", show(first))
                .isEqualTo("{\"events\":[{\"cursor\":1,\"data\":\"a\"},{\"cursor\":2,\"data\":\"b\"}],\"next\":2}");
    }

    @Test
    @Order(11)
    @DisplayName("a cursor older than the retention is 410 Gone with the oldest cursor (RFC 9110 §15.5.11)")
    void expiredOverHttp() throws Exception {
        start(PollingServerConfig.defaults().withLog(2, 10));
        for (String data : List.of("a", "b", "c", "d")) {
            server.publish(data);
        }
        HttpResponse<String> gone = get("/events?after=1");
        assertThat(gone.statusCode()).as("GET /events?after=1 with events 3 and 4 kept → %s", show(gone))
                .isEqualTo(410);
        assertThat(gone.body()).as("body of the 410").isEqualTo("{\"error\":\"cursor expired\",\"oldest\":2}");
        assertThat(gone.headers().firstValue("Content-Type")).as("Content-Type of the 410").hasValue("application/json");
        assertThat(get("/events?after=2").statusCode()).as("GET /events?after=2 (the oldest) works").isEqualTo(200);
    }

    @Test
    @Order(12)
    @DisplayName("a cursor from the future is 400: the client is confused, and waiting would not help")
    void futureCursor() throws Exception {
        start(PollingServerConfig.defaults());
        server.publish("a");
        HttpResponse<String> future = get("/events?after=2");
        assertThat(future.statusCode()).as("GET /events?after=2 when the last cursor is 1 → %s", show(future))
                .isEqualTo(400);
        HttpResponse<String> longFuture = get("/events?after=7&wait=30");
        assertThat(longFuture.statusCode()).as("GET /events?after=7&wait=30 → %s", show(longFuture)).isEqualTo(400);
    }

    @ParameterizedTest(name = "GET /events?{0} → 400")
    @ValueSource(strings = {"", "after", "after=", "after=-1", "after=+1", "after=1.5", "after=1e3", "after=abc",
            "after=0x1", "after=%D9%A3", "after=%201", "after=1&after=2", "after=99999999999999999999",
            "after=9223372036854775808", "after=0&wait=-1", "after=0&wait=abc", "after=0&wait=", "after=0&wait=1&wait=2",
            "after=0&wait=%D9%A3", "AFTER=0"})
    @Order(13)
    @DisplayName("a missing, repeated or malformed after or wait is 400 (ASCII digits only, within a long)")
    void malformedParameters(String query) throws Exception {
        start(PollingServerConfig.defaults());
        server.publish("a");
        server.publish("b");
        server.publish("c");
        HttpResponse<String> response = get("/events?" + query);
        assertThat(response.statusCode()).as("GET /events?%s → %s", query, show(response)).isEqualTo(400);
    }

    @Test
    @Order(14)
    @DisplayName("a method other than GET is 405 with Allow: GET; another path is 404 (RFC 9110 §15.5.6)")
    void methodAndPath() throws Exception {
        start(PollingServerConfig.defaults());
        HttpResponse<String> post = post("/events?after=0", "x");
        assertThat(post.statusCode()).as("POST /events → %s", show(post)).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).as("Allow of the 405").hasValue("GET");
        HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/events?after=0")).DELETE());
        assertThat(delete.statusCode()).as("DELETE /events → %s", show(delete)).isEqualTo(405);
        HttpResponse<String> other = get("/events/1");
        assertThat(other.statusCode()).as("GET /events/1 → %s", show(other)).isEqualTo(404);
    }
}
