package dev.backendkatas.webrtcsignaling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link WebRtcPeer} that plays a script instead of running libwebrtc: it answers with fixed descriptions, records
 * every call in order, and holds the completion of {@link #setRemoteDescription} while the test wants it held.
 * Like libwebrtc, it refuses a candidate that comes before the remote description, and records that it did.
 */
final class ScriptedPeer implements WebRtcPeer {

    static final String OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n"
            + "a=ice-ufrag:Ep7w\r\na=ice-pwd:\"quoted\\backslash\tand\ttabs\"\r\na=mid:0\r\na=sctp-port:5000\r\n";
    static final String ANSWER = OFFER.replace("4611731400430051336", "1234567890").replace("Ep7w", "Zq3x");

    private final List<String> calls = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();
    private CompletableFuture<Void> remoteSet = CompletableFuture.completedFuture(null);
    private boolean hasRemote;
    private boolean holdRemote;
    private CompletableFuture<String> offer = CompletableFuture.completedFuture(OFFER);

    /** From now on, {@link #setRemoteDescription} completes only at {@link #releaseRemote}. */
    synchronized ScriptedPeer holdingRemoteDescription() {
        holdRemote = true;
        return this;
    }

    /** {@link #createOffer} completes with {@code sdp}. */
    synchronized ScriptedPeer offering(String sdp) {
        offer = CompletableFuture.completedFuture(sdp);
        return this;
    }

    /** {@link #createOffer} fails with {@code failure}. */
    synchronized ScriptedPeer failingOffer(Throwable failure) {
        offer = CompletableFuture.failedFuture(failure);
        return this;
    }

    /** Completes the held {@link #setRemoteDescription}. */
    void releaseRemote() {
        CompletableFuture<Void> held;
        synchronized (this) {
            held = remoteSet;
            hasRemote = true;
        }
        held.complete(null);
    }

    @Override
    public synchronized CompletableFuture<String> createOffer() {
        calls.add("createOffer");
        return offer;
    }

    @Override
    public synchronized CompletableFuture<String> createAnswer() {
        calls.add("createAnswer");
        if (!hasRemote) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "createAnswer before the remote offer was set (JSEP §4.1.9)"));
        }
        return CompletableFuture.completedFuture(ANSWER);
    }

    @Override
    public synchronized CompletableFuture<Void> setRemoteDescription(String type, String sdp) {
        calls.add("setRemoteDescription " + type + " " + (sdp.equals(OFFER) ? "OFFER" : sdp.equals(ANSWER)
                ? "ANSWER" : "other SDP: " + sdp));
        if (holdRemote) {
            remoteSet = new CompletableFuture<>();
            return remoteSet;
        }
        hasRemote = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized void addIceCandidate(TrickledCandidate candidate) {
        calls.add("addIceCandidate " + candidate.candidate() + " mid=" + candidate.sdpMid() + " index="
                + candidate.sdpMLineIndex());
        if (!hasRemote) {
            dropped.add(candidate.candidate());
        }
    }

    /** Every call so far, in order. */
    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The candidates added before the remote description was set: libwebrtc would have dropped them. */
    synchronized List<String> dropped() {
        return List.copyOf(dropped);
    }
}
