package dev.backendkatas.webrtcsignaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stage 6 of kata 09: one peer's signaling ({@link SignalingPeer}) through your Stage 5 server over real HTTP and
 * SSE. First against a {@link ScriptedPeer} that records what it is asked to do, then between two real libwebrtc
 * peers ({@link LibWebRtcPeer}) that open a data channel.
 * The README section "Stage 6 — Two real peers" teaches it.
 */
@Order(6)
@DisplayName("Stage 6 — Two real peers")
class Stage6TwoPeersTest extends SignalingSandbox {

    /**
     * The bound of every wait of the peers under test, and of this test's waits for them: generous for a loopback
     * round trip, never reached when all is well, and under the 10 s a test may take by default.
     */
    private static final Duration BOUND = Duration.ofSeconds(8);
    private static final LibWebRtc LIBWEBRTC = new LibWebRtc();

    private final GatedHttpClient gated = new GatedHttpClient(http);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closePeers() throws Exception {
        gated.open();
        // In reverse: signaling before the peers it carries for, a real peer before the factory.
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @AfterAll
    static void disposeLibWebRtc() {
        LIBWEBRTC.close();
    }

    @Test
    @Order(1)
    @DisplayName("the caller posts its offer as {\"type\":\"offer\",\"sdp\":…}, the SDP byte for byte")
    void callerPostsItsOffer() throws Exception {
        start(config());
        EventStream bob = join("r1", "bob");
        SignalingPeer alice = aliceIn("r1", new ScriptedPeer(), http);
        alice.call();

        eventually().untilAsserted(() -> assertThat(bob.events()).as("bob's stream after alice's call()")
                .hasSize(1));
        SseEvent offer = bob.events().get(0);
        assertThat(offer.type()).as("the event's type is the message's type").isEqualTo("offer");
        Map<String, Object> message = Json.parseObject(offer.data());
        assertThat(message.get("type")).as("\"type\" of %s", offer.data()).isEqualTo("offer");
        assertThat(message.get("sdp")).as("\"sdp\" of the posted offer: the SDP with its CRLFs, quotes, backslash "
                + "and tabs, escaped in JSON (Json.quote) and so back byte for byte").isEqualTo(ScriptedPeer.OFFER);
    }

    @Test
    @Order(2)
    @DisplayName("the callee sets the offer, then creates the answer and posts it")
    void calleeAnswers() throws Exception {
        start(config());
        EventStream bob = join("r2", "bob");
        ScriptedPeer rtc = new ScriptedPeer();
        SignalingPeer alice = aliceIn("r2", rtc, http);
        relay("r2", "bob", offerMessage(ScriptedPeer.OFFER));

        eventually().untilAsserted(() -> assertThat(bob.events()).as("bob's stream: alice's answer").hasSize(1));
        assertThat(rtc.calls()).as("what alice's peer was asked, in order")
                .containsExactly("setRemoteDescription offer OFFER", "createAnswer");
        SseEvent answer = bob.events().get(0);
        assertThat(answer.type()).isEqualTo("answer");
        assertThat(Json.parseObject(answer.data())).as("the answer message")
                .containsEntry("type", "answer").containsEntry("sdp", ScriptedPeer.ANSWER);
    }

    @Test
    @Order(3)
    @DisplayName("the caller sets the answer it receives as the remote description")
    void callerSetsTheAnswer() throws Exception {
        start(config());
        EventStream bob = join("r3", "bob");
        ScriptedPeer rtc = new ScriptedPeer();
        SignalingPeer alice = aliceIn("r3", rtc, http);
        alice.call();
        eventually().until(() -> bob.events().size() == 1);
        relay("r3", "bob", "{\"type\":\"answer\",\"sdp\":" + Json.quote(ScriptedPeer.ANSWER) + "}");

        eventually().untilAsserted(() -> assertThat(rtc.calls()).as("what alice's peer was asked, in order")
                .containsExactly("createOffer", "setRemoteDescription answer ANSWER"));
    }

    @Test
    @Order(4)
    @DisplayName("handing over a candidate never waits for the network: it is called on libwebrtc's only thread")
    @Timeout(60)
    void handingOverNeverWaits() throws Exception {
        start(config());
        join("r4", "bob");
        SignalingPeer alice = aliceIn("r4", new ScriptedPeer(), gated);
        gated.shut();

        CompletableFuture<Void> handedOver = CompletableFuture.runAsync(() -> {
            alice.call();
            for (int i = 0; i < 3; i++) {
                alice.onLocalCandidate(trickled(i));
            }
        });
        Throwable waited = catchThrowable(() -> handedOver.get(10, TimeUnit.SECONDS));
        assertThat(waited).as("call() and onLocalCandidate() were still running after 10 s while the server had "
                + "not answered a POST: they waited for the network. Hand the POST to a thread of your own, and "
                + "return").isNull();
    }

    @Test
    @Order(5)
    @DisplayName("messages leave one POST at a time, in the order they were handed over")
    @Timeout(60)
    void oneAtATimeInOrder() throws Exception {
        start(config());
        EventStream bob = join("r5", "bob");
        SignalingPeer alice = aliceIn("r5", new ScriptedPeer(), gated);
        gated.shut();
        alice.call();
        for (int i = 0; i < 5; i++) {
            alice.onLocalCandidate(trickled(i));
        }
        eventually().until(() -> gated.postsInFlight() >= 1);
        assertThat(gated.mostPostsInFlightAtOnce()).as("POSTs in flight at once while the first is not answered: "
                + "a second POST started before the first was answered, and the server may take them in any "
                + "order").isEqualTo(1);
        gated.open();

        eventually().untilAsserted(() -> assertThat(bob.summary()).as("bob's stream: the offer, then the "
                + "candidates in the order alice handed them over").containsExactly("offer#1", "candidate#2",
                "candidate#3", "candidate#4", "candidate#5", "candidate#6"));
        for (int i = 0; i < 5; i++) {
            Map<String, Object> message = Json.parseObject(bob.events().get(i + 1).data());
            assertThat(message).as("candidate message %d", i).containsEntry("type", "candidate")
                    .containsEntry("candidate", trickled(i).candidate()).containsEntry("sdpMid", "0");
            assertThat(((Number) message.get("sdpMLineIndex")).intValue()).as("\"sdpMLineIndex\" of %s",
                    bob.events().get(i + 1).data()).isEqualTo(0);
        }
        assertThat(gated.mostPostsInFlightAtOnce()).as("POSTs in flight at once").isEqualTo(1);
    }

    @Test
    @Order(6)
    @DisplayName("a candidate that comes before the offer waits for it, and is added right after, in order")
    void earlyCandidatesWait() throws Exception {
        start(config());
        join("r6", "bob");
        ScriptedPeer rtc = new ScriptedPeer();
        SignalingPeer alice = aliceIn("r6", rtc, http);
        relay("r6", "bob", candidateMessage(trickled(1)));
        relay("r6", "bob", candidateMessage(trickled(2)));
        relay("r6", "bob", offerMessage(ScriptedPeer.OFFER));

        eventually().untilAsserted(() -> assertThat(rtc.calls()).as("what alice's peer was asked")
                .contains("createAnswer"));
        assertThat(rtc.dropped()).as("candidates added before the remote description was set: libwebrtc drops "
                + "them without a word, and the connection may never find a path").isEmpty();
        assertThat(rtc.calls()).as("what alice's peer was asked, in order: the offer first, then the candidates "
                + "that waited, in the order they came").containsSubsequence("setRemoteDescription offer OFFER",
                added(trickled(1)), added(trickled(2)));
    }

    @Test
    @Order(7)
    @DisplayName("a candidate that comes while the offer is still being set waits until it is set")
    void candidatesWaitForTheSetToComplete() throws Exception {
        start(config());
        join("r7", "bob");
        ScriptedPeer rtc = new ScriptedPeer().holdingRemoteDescription();
        SignalingPeer alice = aliceIn("r7", rtc, http);
        relay("r7", "bob", offerMessage(ScriptedPeer.OFFER));
        relay("r7", "bob", candidateMessage(trickled(1)));
        relay("r7", "bob", candidateMessage(trickled(2)));
        eventually().until(() -> rtc.calls().contains("setRemoteDescription offer OFFER"));
        rtc.releaseRemote();

        eventually().untilAsserted(() -> assertThat(rtc.calls()).as("what alice's peer was asked")
                .contains(added(trickled(2))));
        assertThat(rtc.dropped()).as("candidates added while setRemoteDescription had not completed: libwebrtc "
                + "drops them. Wait for the future").isEmpty();
        assertThat(rtc.calls()).containsSubsequence(added(trickled(1)), added(trickled(2)));
    }

    @Test
    @Order(8)
    @DisplayName("bye from the other peer ends the call: ended() completes")
    void byeEnds() throws Exception {
        start(config());
        join("r8", "bob");
        SignalingPeer alice = aliceIn("r8", new ScriptedPeer(), http);
        relay("r8", "bob", "{\"type\":\"bye\"}");

        assertThat(alice.ended()).as("alice's ended() after bob's bye").succeedsWithin(BOUND);
    }

    @Test
    @Order(9)
    @DisplayName("close() says bye after every message still to go")
    void closeSaysByeLast() throws Exception {
        start(config());
        EventStream bob = join("r9", "bob");
        SignalingPeer alice = aliceIn("r9", new ScriptedPeer(), http);
        alice.onLocalCandidate(trickled(1));
        alice.onLocalCandidate(trickled(2));
        alice.close();

        eventually().untilAsserted(() -> assertThat(bob.summary()).as("bob's stream after alice's close()")
                .containsExactly("candidate#1", "candidate#2", "bye#3"));
        assertThat(alice.ended()).as("ended() after close()").succeedsWithin(BOUND);
    }

    @Test
    @Order(10)
    @DisplayName("connect() to a full room throws the server's 409 and its text")
    void fullRoom() throws Exception {
        start(config());
        join("r10", "bob");
        join("r10", "carol");
        SignalingPeer alice = peer("r10", "alice", new ScriptedPeer(), http);

        assertThatThrownBy(alice::connect).as("connect() as a third peer").isInstanceOfSatisfying(
                SignalingException.class, e -> {
                    assertThat(e.status()).as("the status of %s", e.getMessage()).isEqualTo(409);
                    assertThat(e.getMessage()).as("the message names what the server said").contains("r10");
                });
    }

    @Test
    @Order(11)
    @DisplayName("a message the server refuses (a huge SDP: 413) ends the call with its status")
    void refusedMessageEnds() throws Exception {
        start(config());
        join("r11", "bob");
        String huge = ScriptedPeer.OFFER + "a=x-filler:" + "0".repeat(config().maxBodyBytes()) + "\r\n";
        SignalingPeer alice = aliceIn("r11", new ScriptedPeer().offering(huge), http);
        alice.call();

        assertThat(failureOf(alice)).as("why ended() completed").isInstanceOfSatisfying(SignalingException.class,
                e -> assertThat(e.status()).as("the status of %s", e.getMessage()).isEqualTo(413));
    }

    @Test
    @Order(12)
    @DisplayName("an offer without \"sdp\" ends the call with a clear error and closes the stream; the peer is not"
            + " asked anything")
    void malformedOfferEnds() throws Exception {
        start(config());
        EventStream bob = join("r12", "bob");
        ScriptedPeer rtc = new ScriptedPeer();
        SignalingPeer alice = aliceIn("r12", rtc, http);
        relay("r12", "bob", "{\"type\":\"offer\",\"spd\":\"v=0\"}");

        assertThat(failureOf(alice)).as("why ended() completed").isInstanceOf(Json.MalformedJsonException.class)
                .hasMessageContaining("\"sdp\"");
        assertThat(rtc.calls()).as("what alice's peer was asked").isEmpty();
        // A failed call closes its stream: the server finds alice gone at a heartbeat's write and tells bob.
        eventually().untilAsserted(() -> {
            scheduler.advance(HEARTBEAT);
            assertThat(bob.summary()).as("bob's stream after alice's call failed and heartbeats were due: the "
                    + "server says bye for alice only once her stream is closed").contains("bye#1");
        });
    }

    @Test
    @Order(13)
    @DisplayName("the peer's own failure ends the call with that failure")
    void peerFailureEnds() throws Exception {
        start(config());
        join("r13", "bob");
        IllegalStateException broken = new IllegalStateException("no certificate");
        SignalingPeer alice = aliceIn("r13", new ScriptedPeer().failingOffer(broken), http);
        alice.call();

        assertThat(failureOf(alice)).as("why ended() completed").isSameAs(broken);
    }

    @Test
    @Order(14)
    @DisplayName("more candidates before any description than may wait ends the call")
    @Timeout(60)
    void tooManyEarlyCandidates() throws Exception {
        start(config().withQueue(1024, 1024));
        join("r14", "bob");
        ScriptedPeer rtc = new ScriptedPeer();
        SignalingPeer alice = aliceIn("r14", rtc, http);
        for (int i = 0; i <= SignalingPeer.MAX_EARLY_CANDIDATES; i++) {
            relay("r14", "bob", candidateMessage(trickled(i)));
        }

        assertThat(failureOf(alice)).as("why ended() completed after %d candidates and no offer",
                SignalingPeer.MAX_EARLY_CANDIDATES + 1).isNotNull();
        assertThat(rtc.calls()).as("what alice's peer was asked").isEmpty();
    }

    @Test
    @Order(15)
    @DisplayName("the stream ending before bye ends the call with an IOException")
    void streamEndsEarly() throws Exception {
        start(config());
        join("r15", "bob");
        SignalingPeer alice = aliceIn("r15", new ScriptedPeer(), http);
        server.close();

        assertThat(failureOf(alice)).as("why ended() completed when the server went away")
                .isInstanceOf(IOException.class);
    }

    @Test
    @Order(16)
    @DisplayName("two libwebrtc peers connect through your server and carry a message both ways")
    @Timeout(120)
    void twoRealPeers() throws Exception {
        start(config());
        LibWebRtcPeer aliceRtc = real("alice", true);
        LibWebRtcPeer bobRtc = real("bob", false);
        SignalingPeer bob = peer("call", "bob", bobRtc, http);
        SignalingPeer alice = peer("call", "alice", aliceRtc, http);
        bobRtc.sendCandidatesTo(bob::onLocalCandidate);
        aliceRtc.sendCandidatesTo(alice::onLocalCandidate);
        bob.connect();
        alice.connect();
        alice.call();

        for (LibWebRtcPeer rtc : List.of(aliceRtc, bobRtc)) {
            assertThat(rtc.channelOpen()).as("the data channel of %s; its connection states: %s; alice's "
                            + "signaling ended: %s, bob's: %s", rtc == aliceRtc ? "alice" : "bob", rtc.states(),
                    alice.ended(), bob.ended()).succeedsWithin(Duration.ofSeconds(60));
        }
        aliceRtc.send("hello bob");
        bobRtc.send("hello alice");
        eventually().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(bobRtc.received()).as("what bob received on the data channel").containsExactly("hello bob");
            assertThat(aliceRtc.received()).as("what alice received").containsExactly("hello alice");
        });
        alice.close();
        assertThat(bob.ended()).as("bob's signaling after alice's close()").succeedsWithin(BOUND);
    }

    /** Alice's signaling for {@code rtc} in {@code room}, connected: she has her seat. */
    private SignalingPeer aliceIn(String room, WebRtcPeer rtc, HttpClient client) throws Exception {
        SignalingPeer alice = peer(room, "alice", rtc, client);
        alice.connect();
        return alice;
    }

    private SignalingPeer peer(String room, String name, WebRtcPeer rtc, HttpClient client) {
        SignalingPeer peer = new SignalingPeer(client, server.uri(""), room, name, rtc, BOUND);
        toClose.add(peer);
        return peer;
    }

    private LibWebRtcPeer real(String name, boolean caller) {
        LibWebRtcPeer peer = new LibWebRtcPeer(LIBWEBRTC, name, caller);
        toClose.add(peer);
        return peer;
    }

    /** The failure ended() completed with, unwrapped; fails if it completed normally or not within the bound. */
    private static Throwable failureOf(SignalingPeer peer) throws InterruptedException, TimeoutException {
        try {
            peer.ended().get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause() instanceof CompletionException wrapped ? wrapped.getCause() : e.getCause();
        }
        throw new AssertionError("ended() completed normally: it should have completed exceptionally");
    }

    private static TrickledCandidate trickled(int n) {
        return new TrickledCandidate("candidate:" + n + " 1 udp 2122260223 192.0.2." + (n % 250 + 1) + " "
                + (50000 + n) + " typ host", "0", 0);
    }

    private static String added(TrickledCandidate candidate) {
        return "addIceCandidate " + candidate.candidate() + " mid=0 index=0";
    }

    private static String offerMessage(String sdp) {
        return "{\"type\":\"offer\",\"sdp\":" + Json.quote(sdp) + "}";
    }

    private static String candidateMessage(TrickledCandidate candidate) {
        return "{\"type\":\"candidate\",\"candidate\":" + Json.quote(candidate.candidate()) + ",\"sdpMid\":\"0\","
                + "\"sdpMLineIndex\":0}";
    }
}
