package dev.backendkatas.webrtcsignaling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Stage 6 — one peer's side of signaling: it carries a {@link WebRtcPeer}'s offer, answer and candidates through
 * your Stage 5 server, over real HTTP, and applies what the other peer sends.
 *
 * <ul>
 *   <li>{@link #connect} opens {@code GET {server}/rooms/{room}/events?peer={peer}} and reads it, with your Stage 4
 *       {@link SseParser}, on a thread of its own.</li>
 *   <li>Each message is posted to {@code {server}/rooms/{room}/messages?peer={peer}} as JSON; {@link Json#quote}
 *       writes a string:
 *       <ul>
 *         <li>{@code {"type":"offer","sdp":…}};</li>
 *         <li>{@code {"type":"answer","sdp":…}};</li>
 *         <li>{@code {"type":"candidate","candidate":…,"sdpMid":…,"sdpMLineIndex":0}};</li>
 *         <li>{@code {"type":"bye"}}.</li>
 *       </ul></li>
 *   <li><b>Messages leave one at a time, in the order they were handed over.</b> The other peer applies them in
 *       that order.</li>
 *   <li><b>Handing one over never waits for the network.</b> {@link #onLocalCandidate} is called on the peer's native
 *       callback thread.</li>
 *   <li>On an offer event: set it as the remote description, create the answer, post it.</li>
 *   <li>On an answer event: set it as the remote description.</li>
 *   <li>On a candidate event: add it to the peer, but <b>only once the remote description is set</b>. One that comes
 *       earlier waits, in order, and is added right after (at most {@value #MAX_EARLY_CANDIDATES} wait).</li>
 *   <li>On a bye event: {@link #ended()} completes.</li>
 *   <li>An event of another type is ignored.</li>
 *   <li>Every wait for the peer or the server is bounded by {@code timeout}.</li>
 * </ul>
 *
 * <p>{@link #ended()} completes normally on bye or {@link #close()}. It completes exceptionally, and the stream is
 * closed, on the first failure:
 * <ul>
 *   <li>a {@link SignalingException} with the status and text when the server refuses a message;</li>
 *   <li>a {@link Json.MalformedJsonException} for an event whose JSON lacks what its type needs;</li>
 *   <li>an {@link java.io.IOException} when the stream ends before bye;</li>
 *   <li>the peer's own failure, or a {@link java.util.concurrent.TimeoutException}.</li>
 * </ul>
 */
public final class SignalingPeer implements AutoCloseable {

    /** How many candidates may wait for their description. */
    public static final int MAX_EARLY_CANDIDATES = 256;

    private static final String TODO = "Stage 6: one peer's signaling — see README, 'Stage 6 — Two real peers'";

    private final HttpClient http;
    private final URI server;
    private final String room;
    private final String peer;
    private final WebRtcPeer rtc;
    private final Duration timeout;

    /**
     * @param http    the client for the stream and the posts
     * @param server  the signaling server, e.g. {@code http://127.0.0.1:8080}
     * @param room    the room to join
     * @param peer    this peer's id in the room
     * @param rtc     the WebRTC peer whose descriptions and candidates are carried
     * @param timeout the bound of every wait
     */
    public SignalingPeer(HttpClient http, URI server, String room, String peer, WebRtcPeer rtc, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.server = Objects.requireNonNull(server, "server");
        this.room = Objects.requireNonNull(room, "room");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.rtc = Objects.requireNonNull(rtc, "rtc");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Opens this peer's event stream and starts reading it; returns once the server answered 200, so that this peer
     * is in the room and may post.
     *
     * @throws SignalingException when the server answers anything else (409: the room is full), with the status
     *                            and the server's text
     */
    public void connect() throws IOException, InterruptedException, SignalingException {
        throw new UnsupportedOperationException(TODO);
    }

    /** The caller's move: creates the offer ({@link WebRtcPeer#createOffer}) and posts it. Does not wait. */
    public void call() {
        throw new UnsupportedOperationException(TODO);
    }

    /** Posts one of this peer's candidates, after everything handed over before it. Never waits for the network. */
    public void onLocalCandidate(TrickledCandidate candidate) {
        throw new UnsupportedOperationException(TODO);
    }

    /** Completes when the other peer said bye or {@link #close()} was called; exceptionally on a failure. */
    public CompletableFuture<Void> ended() {
        throw new UnsupportedOperationException(TODO);
    }

    /**
     * Leaves: posts bye after every message still to go (bounded by {@code timeout}) unless {@link #ended()} is
     * already complete, then closes the stream. Does not close the {@link WebRtcPeer}: its owner does. Idempotent.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException(TODO);
    }
}
