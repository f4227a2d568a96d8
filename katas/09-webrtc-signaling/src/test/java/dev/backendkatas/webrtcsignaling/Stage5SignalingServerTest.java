package dev.backendkatas.webrtcsignaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stage 5 of kata 09: the signaling server. A real JDK {@code HttpServer} on loopback (writing with your Stage 4
 * {@link SseWriter}), real {@code HttpClient} streams read as they arrive ({@link EventStream}), heartbeats through
 * a scheduler the test advances by hand.
 * The README section "Stage 5 — The signaling server" teaches it.
 */
@Order(5)
@DisplayName("Stage 5 — The signaling server")
class Stage5SignalingServerTest extends SignalingSandbox {

    private static final String OFFER = offer("v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n");
    private static final String ANSWER = "{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}";

    @Test
    @Order(1)
    @DisplayName("relays an offer to the other peer only, as one event with type, id and the JSON as data")
    void relaysToTheOtherPeerOnly() throws Exception {
        start(config());
        EventStream alice = join("r1", "alice");
        EventStream bob = join("r1", "bob");
        assertThat(bob.status()).as("GET /rooms/r1/events?peer=bob answers 200 and keeps the response open").isEqualTo(200);
        assertThat(bob.headers().firstValue("Content-Type")).as("an event stream's media type")
                .hasValue("text/event-stream");

        HttpResponse<String> posted = post("r1", "alice", OFFER);
        assertThat(posted.statusCode()).as("POST of an offer: %s", show(posted)).isEqualTo(202);
        assertThat(posted.body()).as("the answer names the id the message got in bob's stream").isEqualTo("{\"id\":1}");
        eventually().untilAsserted(() -> assertThat(bob.events())
                .as("bob's stream after alice posted %s", OFFER)
                .containsExactly(new SseEvent("offer", OFFER, "1")));

        relay("r1", "bob", ANSWER);
        eventually().untilAsserted(() -> assertThat(alice.events())
                .as("alice's stream: only bob's answer. An offer here means the server sent alice's own message "
                        + "back to her; her stream's events are written in order, so it would have come first")
                .containsExactly(new SseEvent("answer", ANSWER, "1")));
    }

    @Test
    @Order(2)
    @DisplayName("numbers events per recipient and keeps each sender's order, both ways (trickle ICE)")
    void idsPerRecipientInOrder() throws Exception {
        start(config());
        EventStream alice = join("r1", "alice");
        EventStream bob = join("r1", "bob");
        relay("r1", "alice", OFFER);
        relay("r1", "alice", candidate(1));
        relay("r1", "bob", ANSWER);
        relay("r1", "alice", candidate(2));
        relay("r1", "bob", candidate(3));
        eventually().untilAsserted(() -> {
            assertThat(bob.summary()).as("bob's stream: alice's three messages, ids counting for bob")
                    .containsExactly("offer#1", "candidate#2", "candidate#3");
            assertThat(alice.summary()).as("alice's stream: bob's two messages, ids counting for alice on their own")
                    .containsExactly("answer#1", "candidate#2");
        });
        assertThat(bob.events().get(2).data()).as("the data is the JSON exactly as posted, other fields kept")
                .isEqualTo(candidate(2));
    }

    @Test
    @Order(3)
    @DisplayName("keeps messages for a peer that has not connected yet and delivers them in order when it does")
    void buffersUntilTheOtherPeerConnects() throws Exception {
        start(config());
        join("r1", "alice");
        for (String message : List.of(OFFER, candidate(1), candidate(2))) {
            HttpResponse<String> posted = post("r1", "alice", message);
            assertThat(posted.statusCode()).as("a message for the empty seat is accepted: %s", show(posted))
                    .isEqualTo(202);
        }
        EventStream bob = join("r1", "bob");
        eventually().untilAsserted(() -> assertThat(bob.summary())
                .as("bob connects after alice posted three messages: they waited for him")
                .containsExactly("offer#1", "candidate#2", "candidate#3"));
    }

    @Test
    @Order(4)
    @DisplayName("a reconnection with Last-Event-ID gets exactly the events after that id, nothing twice")
    void resumesAfterLastEventId() throws Exception {
        start(config());
        join("r1", "alice");
        EventStream bob = join("r1", "bob");
        relay("r1", "alice", OFFER);
        relay("r1", "alice", candidate(1));
        relay("r1", "alice", candidate(2));
        eventually().untilAsserted(() -> assertThat(bob.summary()).hasSize(3));

        // Bob read up to id 2 when his connection dropped (his EventSource says so); the server may not know yet.
        bob.disconnect();
        EventStream again = join("r1", "bob", "2");
        assertThat(again.status()).as("a reconnection with Last-Event-ID: 2").isEqualTo(200);
        relay("r1", "alice", candidate(3));
        eventually().untilAsserted(() -> assertThat(again.summary())
                .as("after Last-Event-ID: 2, the new stream gets 3 (missed) and then 4 (new): not 1 and 2 again, "
                        + "not 2 (an id is the last one received), and not without 3")
                .containsExactly("candidate#3", "candidate#4"));
    }

    @Test
    @Order(5)
    @DisplayName("a reconnection without Last-Event-ID has read nothing: it gets every event kept, from the oldest")
    void resumesWithoutLastEventId() throws Exception {
        start(config());
        join("r1", "alice");
        EventStream bob = join("r1", "bob");
        relay("r1", "alice", OFFER);
        eventually().untilAsserted(() -> assertThat(bob.summary()).containsExactly("offer#1"));
        bob.disconnect();
        // A reloaded page: a new EventSource, no Last-Event-ID. It needs the offer again to answer it.
        EventStream again = join("r1", "bob");
        relay("r1", "alice", candidate(1));
        eventually().untilAsserted(() -> assertThat(again.summary())
                .as("no Last-Event-ID: the offer again (the client has no record of it), then the new candidate")
                .containsExactly("offer#1", "candidate#2"));
    }

    @Test
    @Order(6)
    @DisplayName("a third peer in a room of two is refused with 409; the two already there go on")
    void thirdPeerIsRefused() throws Exception {
        start(config());
        join("r1", "alice");
        EventStream bob = join("r1", "bob");
        EventStream carol = open("r1", "carol");
        assertThat(carol.status()).as("carol, a third peer in room r1: %s", carol.raw()).isEqualTo(409);
        eventually().untilAsserted(() -> assertThat(carol.raw()).as("the 409 says why").contains("r1"));
        HttpResponse<String> posted = post("r1", "carol", OFFER);
        assertThat(posted.statusCode()).as("carol never got a seat, so she may not post: %s", show(posted))
                .isEqualTo(403);
        relay("r1", "alice", OFFER);
        eventually().untilAsserted(() -> assertThat(bob.summary()).as("bob still hears alice")
                .containsExactly("offer#1"));
    }

    @Test
    @Order(7)
    @DisplayName("writes a heartbeat comment on every open stream each heartbeat interval of the injected scheduler")
    void heartbeats() throws Exception {
        start(config());
        EventStream alice = join("r1", "alice");
        EventStream bob = join("r1", "bob");
        assertThat(scheduler.delays()).as("each stream schedules its heartbeat through the injected scheduler")
                .contains(HEARTBEAT);
        scheduler.advance(HEARTBEAT);
        eventually().untilAsserted(() -> {
            assertThat(alice.raw()).as("alice's stream after one interval").contains(": heartbeat\n");
            assertThat(bob.comments()).as("bob's stream after one interval: one comment line").isEqualTo(1);
        });
        scheduler.advance(HEARTBEAT);
        eventually().untilAsserted(() -> assertThat(bob.comments())
                .as("after a second interval, a second heartbeat: a heartbeat schedules the next one").isEqualTo(2));
        assertThat(bob.events()).as("comments are not events: EventSource fires nothing for them").isEmpty();
    }

    @Test
    @Order(8)
    @DisplayName("a peer that posts bye leaves: the other gets the bye, the leaver's stream ends, its seat is free")
    void byeLeaves() throws Exception {
        start(config());
        EventStream alice = join("r1", "alice");
        EventStream bob = join("r1", "bob");
        String bye = "{\"type\":\"bye\"}";
        relay("r1", "alice", bye);
        eventually().untilAsserted(() -> {
            assertThat(bob.events()).as("bob hears alice leave").containsExactly(new SseEvent("bye", bye, "1"));
            assertThat(alice.ended()).as("alice's response ends when she leaves").isTrue();
        });
        EventStream carol = join("r1", "carol");
        assertThat(carol.status()).as("alice's seat is free again: carol may take it").isEqualTo(200);
        assertThat(post("r1", "alice", OFFER).statusCode()).as("alice left, so she may no longer post")
                .isEqualTo(403);
    }

    @Test
    @Order(9)
    @DisplayName("a peer whose stream breaks makes the server send bye to the other (noticed by the heartbeat)")
    void byeOnDisconnect() throws Exception {
        start(config());
        EventStream alice = join("r1", "alice");
        EventStream bob = join("r1", "bob");
        alice.disconnect();
        // The server learns that alice is gone only when a write to her stream fails: the heartbeats write.
        eventually().untilAsserted(() -> {
            scheduler.advance(HEARTBEAT);
            assertThat(bob.summary()).as("bob's stream after alice hung up and heartbeats were due").contains("bye#1");
        });
        assertThat(bob.events().get(0).data()).as("the server's bye names who left and why")
                .contains("\"type\":\"bye\"").contains("alice").contains("disconnected");
        EventStream back = join("r1", "alice");
        assertThat(back.status()).as("alice's seat stays hers after a disconnect: she may reconnect").isEqualTo(200);
    }

    @Test
    @Order(10)
    @DisplayName("posting to a room you have no seat in is 403, whether or not the room exists")
    void notInTheRoom() throws Exception {
        start(config());
        join("r1", "alice");
        HttpResponse<String> stranger = post("r1", "mallory", OFFER);
        assertThat(stranger.statusCode()).as("mallory posts to r1 without a seat: %s", show(stranger)).isEqualTo(403);
        assertThat(stranger.body()).as("the 403 says what to do").contains("mallory").contains("r1");
        HttpResponse<String> nowhere = post("nowhere", "alice", OFFER);
        assertThat(nowhere.statusCode()).as("a room nobody joined: %s", show(nowhere)).isEqualTo(403);
    }

    @ParameterizedTest(name = "400 for {0}: {1}")
    @Order(11)
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "malformed JSON                     | {\"type\":\"offer\"          | JSON",
            "not an object                      | [\"offer\"]                 | JSON",
            "trailing text                      | {\"type\":\"offer\"} x      | JSON",
            "no type                            | {\"sdp\":\"v=0\"}           | type",
            "a type that is not a string        | {\"type\":1}                | type",
            "an unknown type                    | {\"type\":\"renegotiate\"}  | renegotiate",
            "a type in the wrong case           | {\"type\":\"OFFER\"}        | OFFER",
            "empty body                         | ``                          | JSON"})
    @DisplayName("refuses a message that is not a JSON object with a known type, with 400 and a body that says why")
    void refusesBadMessages(String rule, String body, String named) throws Exception {
        start(config());
        join("r1", "alice");
        EventStream bob = join("r1", "bob");
        HttpResponse<String> refused = post("r1", "alice", body);
        assertThat(refused.statusCode()).as("%s: POST %s answered %s", rule, body, show(refused)).isEqualTo(400);
        assertThat(refused.body()).as("%s: the 400's body names the problem", rule).contains(named);
        relay("r1", "alice", OFFER);
        eventually().untilAsserted(() -> assertThat(bob.summary())
                .as("%s: a refused message is not relayed and takes no id", rule).containsExactly("offer#1"));
    }

    @Test
    @Order(12)
    @DisplayName("the mailbox of a peer not connected yet is bounded: one more is 429, nothing accepted is lost")
    void boundedMailbox() throws Exception {
        start(config().withQueue(4, 8));
        join("r1", "alice");
        for (int i = 1; i <= 4; i++) {
            assertThat(post("r1", "alice", candidate(i)).statusCode()).as("message %d of 4 allowed", i).isEqualTo(202);
        }
        HttpResponse<String> full = post("r1", "alice", candidate(5));
        assertThat(full.statusCode()).as("a fifth message while bob's mailbox holds four: %s", show(full))
                .isEqualTo(429);
        assertThat(full.body()).as("the 429 says the other peer has not read its messages").contains("4");
        EventStream bob = join("r1", "bob");
        eventually().untilAsserted(() -> assertThat(bob.summary())
                .as("bob gets the four accepted messages, no more, no fewer")
                .containsExactly("candidate#1", "candidate#2", "candidate#3", "candidate#4"));
        // Bob has read them; the server counts them written once its writes have returned, a moment later.
        eventually().untilAsserted(() -> {
            HttpResponse<String> again = post("r1", "alice", candidate(5));
            assertThat(again.statusCode()).as("once bob has them, alice may post again: %s", show(again))
                    .isEqualTo(202);
        });
        eventually().untilAsserted(() -> assertThat(bob.summary()).endsWith("candidate#5"));
    }

    @ParameterizedTest(name = "Last-Event-ID {0} is answered {1}")
    @Order(13)
    @CsvSource({"abc, 400", "-1, 400", "9, 400", "1, 410", "3, 200"})
    @DisplayName("a Last-Event-ID that is not a number, ahead of the stream (400) or older than what is kept (410)")
    void hostileLastEventId(String lastEventId, int status) throws Exception {
        start(config().withQueue(2, 2));
        join("r1", "alice");
        EventStream bob = join("r1", "bob");
        for (int i = 1; i <= 5; i++) {
            relay("r1", "alice", candidate(i));
            int n = i;
            eventually().untilAsserted(() -> assertThat(bob.summary()).hasSize(n));
        }
        // Bob's stream has ids 1 to 5; only 4 and 5 are still kept.
        EventStream again = open("r1", "bob", lastEventId);
        assertThat(again.status()).as("Last-Event-ID: %s when bob's ids go to 5 and only 4 and 5 are kept: %s",
                lastEventId, again.raw()).isEqualTo(status);
        if (status == 200) {
            eventually().untilAsserted(() -> assertThat(again.summary()).as("after 3: the two kept events")
                    .containsExactly("candidate#4", "candidate#5"));
        }
    }

    @Test
    @Order(14)
    @DisplayName("a slow reader blocks only its own writes: posts return at once, and its bounded queue answers 429")
    void slowReader() throws Exception {
        ExecutorService delivery = Executors.newFixedThreadPool(2);
        CountDownLatch reading = new CountDownLatch(1);
        List<String> written = new CopyOnWriteArrayList<>();
        PeerStream slow = new PeerStream() {
            @Override
            public void send(SseEvent event) throws IOException {
                try {
                    // The peer reads nothing until the test lets it: the TCP window is full.
                    if (!reading.await(8, TimeUnit.SECONDS)) {
                        throw new IOException("gave up");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                written.add(event.type() + "#" + event.lastEventId());
            }

            @Override
            public void comment(String text) {
            }

            @Override
            public void close() {
            }
        };
        PeerStream quiet = new PeerStream() {
            @Override
            public void send(SseEvent event) {
            }

            @Override
            public void comment(String text) {
            }

            @Override
            public void close() {
            }
        };
        Rooms rooms = new Rooms(config().withQueue(3, 3), scheduler, delivery);
        try {
            rooms.join("r1", "alice", null, quiet);
            rooms.join("r1", "bob", null, slow);
            for (int i = 1; i <= 3; i++) {
                String message = candidate(i);
                try {
                    long id = CompletableFuture.supplyAsync(() -> {
                        try {
                            return rooms.post("r1", "alice", message);
                        } catch (SignalingException e) {
                            throw new IllegalStateException(e.status() + " " + e.getMessage());
                        }
                    }).get(5, TimeUnit.SECONDS);
                    assertThat(id).as("message %d for bob", i).isEqualTo(i);
                } catch (TimeoutException e) {
                    fail("post() did not return while bob's stream was blocked in a write: write to streams on the "
                            + "delivery executor, never on the posting thread or under a lock post() needs");
                } catch (ExecutionException e) {
                    fail("message " + i + " of 3 allowed was refused: " + e.getCause().getMessage());
                }
            }
            try {
                rooms.post("r1", "alice", candidate(4));
                fail("a fourth message while bob's three are not written yet must be refused with 429");
            } catch (SignalingException e) {
                assertThat(e.status()).as("bob reads nothing and holds three: %s", e.getMessage()).isEqualTo(429);
            }
            reading.countDown();
            eventually().untilAsserted(() -> assertThat(written)
                    .as("when bob reads again, the three accepted messages arrive in order")
                    .containsExactly("candidate#1", "candidate#2", "candidate#3"));
        } finally {
            reading.countDown();
            rooms.closeAll();
            delivery.shutdownNow();
        }
    }

    @Test
    @Order(15)
    @DisplayName("100 rooms at once: 200 open streams on 4 request threads, every offer and answer delivered")
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // 400 requests and 200 streams: a busy, slow laptop needs more than 10 s
    void hundredRooms() throws Exception {
        start(config());
        List<EventStream> alices = new ArrayList<>();
        List<EventStream> bobs = new ArrayList<>();
        for (int room = 0; room < 100; room++) {
            alices.add(join("room" + room, "alice"));
            bobs.add(join("room" + room, "bob"));
        }
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int room = 0; room < 100; room++) {
            posts.add(http.sendAsync(java.net.http.HttpRequest.newBuilder(
                            server.uri("/rooms/room" + room + "/messages?peer=alice"))
                    .timeout(Duration.ofSeconds(8)).POST(java.net.http.HttpRequest.BodyPublishers
                            .ofString(offer("room" + room))).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> posted : posts) {
            assertThat(posted.get(8, TimeUnit.SECONDS).statusCode())
                    .as("a POST while 200 streams are open: the 4 request threads must not be held by the streams")
                    .isEqualTo(202);
        }
        eventually().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int room = 0; room < 100; room++) {
                assertThat(bobs.get(room).events()).as("bob of room%d", room)
                        .containsExactly(new SseEvent("offer", offer("room" + room), "1"));
            }
        });
        for (int room = 0; room < 100; room++) {
            relay("room" + room, "bob", ANSWER);
        }
        eventually().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int room = 0; room < 100; room++) {
                assertThat(alices.get(room).summary()).as("alice of room%d", room).containsExactly("answer#1");
            }
        });
    }

    @Test
    @Order(16)
    @DisplayName("a body over the bound is 413 and bytes that are not UTF-8 are 400 (given wiring); the room goes on")
    void givenWiringRefusesHugeAndInvalidBodies() throws Exception {
        start(new SignalingConfig(4, 2, HEARTBEAT, 64, 128, 1024));
        join("r1", "alice");
        byte[] huge = ("{\"type\":\"offer\",\"sdp\":\"" + "a".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooBig = postBytes("r1", "alice", huge);
        assertThat(tooBig.statusCode()).as("a 2 KB body when 1 KiB is allowed: %s", show(tooBig)).isEqualTo(413);
        HttpResponse<String> notUtf8 = postBytes("r1", "alice", new byte[] {'{', '"', (byte) 0xC3, '"', '}'});
        assertThat(notUtf8.statusCode()).as("a body with a broken UTF-8 sequence: %s", show(notUtf8)).isEqualTo(400);
        EventStream bob = join("r1", "bob");
        HttpResponse<String> fine = post("r1", "alice", OFFER);
        assertThat(fine.statusCode()).as("after two refused bodies, a good message is relayed: %s", show(fine))
                .isEqualTo(202);
        eventually().untilAsserted(() -> assertThat(bob.summary()).as("bob: the refused bodies took no id")
                .containsExactly("offer#1"));
    }
}
