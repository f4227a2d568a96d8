package dev.backendkatas.webrtcsignaling;

import java.util.concurrent.CompletableFuture;

/**
 * What signaling needs from a WebRTC peer: the four steps of JSEP (RFC 8829 §4.1) that produce and consume
 * descriptions, and the one that consumes a remote candidate. A browser's {@code RTCPeerConnection} has the same
 * shape; the Stage 6 tests adapt libwebrtc to it, and a scripted peer that records every call.
 *
 * <p>Given to you. Local candidates go the other way: the peer's owner hands each one to
 * {@link SignalingPeer#onLocalCandidate}, from the peer's own callback thread.
 *
 * <p>The futures complete on the peer's threads. Never block one of those threads (its callbacks stop), and never
 * close the peer from one of them (libwebrtc crashes).
 */
public interface WebRtcPeer {

    /** Creates an offer and sets it as the local description (JSEP §4.1.8 and §4.1.10); completes with its SDP. */
    CompletableFuture<String> createOffer();

    /**
     * Creates the answer to the remote offer and sets it as the local description (JSEP §4.1.9 and §4.1.10);
     * completes with its SDP. Only after {@link #setRemoteDescription} of an offer has completed.
     */
    CompletableFuture<String> createAnswer();

    /**
     * Sets the other peer's description (JSEP §4.1.11).
     *
     * @param type "offer" or "answer"
     * @param sdp  the description, as it came
     */
    CompletableFuture<Void> setRemoteDescription(String type, String sdp);

    /**
     * Adds one of the other peer's candidates (JSEP §4.1.17). Only once the remote description is set: libwebrtc
     * drops a candidate that comes earlier, without a word.
     */
    void addIceCandidate(TrickledCandidate candidate);
}
