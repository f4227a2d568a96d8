package dev.backendkatas.webrtcsignaling;

import java.util.Objects;

/**
 * One ICE candidate as it travels through signaling: the {@code candidate:} attribute value of Stage 3 and the media
 * section it belongs to, as a browser's {@code RTCIceCandidate.toJSON()} gives them (JSEP RFC 8829 §4.1.17).
 *
 * <p>Given. On the wire it is the message
 * {@code {"type":"candidate","candidate":"candidate:…","sdpMid":"0","sdpMLineIndex":0}}.
 *
 * @param candidate     the candidate line without {@code a=}, e.g. {@code candidate:1 1 udp 2122260223 …}
 * @param sdpMid        the {@code a=mid} of its media section
 * @param sdpMLineIndex the index of its media section, from 0
 */
public record TrickledCandidate(String candidate, String sdpMid, int sdpMLineIndex) {

    public TrickledCandidate {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(sdpMid, "sdpMid");
        if (sdpMLineIndex < 0) {
            throw new IllegalArgumentException("sdpMLineIndex is an index from 0: " + sdpMLineIndex);
        }
    }
}
