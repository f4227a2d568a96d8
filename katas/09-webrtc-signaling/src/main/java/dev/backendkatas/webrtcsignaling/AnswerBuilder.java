package dev.backendkatas.webrtcsignaling;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Stage 2 — builds the answer to a remote offer (RFC 3264 §6; JSEP, RFC 8829 §5.3.1) from this peer's
 * {@link LocalCapabilities}.
 */
public final class AnswerBuilder {

    /** The shortest legal ice-ufrag and ice-pwd (RFC 8839 §5.4): 4 and 22 ice-chars. */
    public static final int MIN_UFRAG_LENGTH = 4;
    public static final int MIN_PWD_LENGTH = 22;

    private final LocalCapabilities local;
    private final RandomGenerator random;

    /**
     * @param local  what this peer supports
     * @param random where the ICE credentials and the session id come from; a {@code SecureRandom} in production
     */
    public AnswerBuilder(LocalCapabilities local, RandomGenerator random) {
        this.local = Objects.requireNonNull(local, "local");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The answer to {@code offer}.
     *
     * <p>Session level, in this order: {@code v=0}; {@code o=- <sess-id> 0 IN IP4 0.0.0.0} with a fresh random
     * sess-id between 1 and 2^63 - 1; {@code s=-}; {@code t=0 0}; {@code a=group:BUNDLE} with the mids of the accepted
     * sections, in the offer's order, when the offer has a BUNDLE group and at least one section is accepted
     * (RFC 8843 §7.3).
     *
     * <p>One m= section per offered one, same order, same {@code <media>}, {@code <proto>} and {@code a=mid}
     * (RFC 3264 §6). A section is <b>accepted</b> when it is not rejected by the offer (port 0 there), every rule
     * below holds, and:
     * <ul>
     *   <li>audio or video over a DTLS-SRTP profile ({@code UDP/TLS/RTP/SAVPF}, {@code UDP/TLS/RTP/SAVP},
     *       {@code TCP/DTLS/RTP/SAVPF}, {@code TCP/DTLS/RTP/SAVP}) with at least one codec in common: the offer's
     *       payload types whose rtpmap has a local codec of the same kind, encoding name (case-insensitive) and clock
     *       rate, in the offer's order; an {@code rtx} payload type only together with the payload type of its
     *       {@code apt=} (RFC 4588 §8.6); or</li>
     *   <li>{@code m=application} over {@code UDP/DTLS/SCTP} or {@code TCP/DTLS/SCTP} with format
     *       {@code webrtc-datachannel}, when this peer takes data channels (RFC 8841).</li>
     * </ul>
     * An accepted section has port 9 and, in this order: {@code c=IN IP4 0.0.0.0}, {@code a=mid}, {@code a=ice-ufrag}
     * and {@code a=ice-pwd} (fresh, the same in every section, of ice-chars — ALPHA, DIGIT, "+", "/" — and at least
     * {@value #MIN_UFRAG_LENGTH} and {@value #MIN_PWD_LENGTH} long, RFC 8839 §5.4), {@code a=fingerprint} (ours),
     * {@code a=setup} (offer's actpass or passive → active, active → passive; RFC 8842 §5.2). Then, for RTP: the
     * direction mirrored (sendonly ↔ recvonly, sendrecv and inactive unchanged; the media-level attribute, else the
     * session-level one, else sendrecv; RFC 3264 §6.1), {@code a=rtcp-mux} if offered, and the offer's
     * {@code a=rtpmap}, {@code a=rtcp-fb} and {@code a=fmtp} lines of the kept payload types, in the offer's order.
     * For data: {@code a=sctp-port} with our port.
     *
     * <p>A <b>rejected</b> section has port 0, the offer's formats, {@code c=IN IP4 0.0.0.0} and {@code a=mid}
     * (RFC 3264 §6: "the port number in the corresponding stream in the answer MUST be set to zero").
     *
     * @param offer the remote offer, parsed
     * @return the answer
     * @throws OfferAnswerException when the offer cannot be answered: a section without {@code a=mid}, two sections
     *                              with the same mid, a BUNDLE group naming a mid no section has; or a section to be
     *                              accepted without {@code a=ice-ufrag}, {@code a=ice-pwd}, {@code a=fingerprint} or
     *                              {@code a=setup} (media or session level), or with a setup other than actpass,
     *                              active or passive
     */
    public SessionDescription answer(SessionDescription offer) {
        throw new UnsupportedOperationException("Stage 2: answer an offer"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 2 — Offer and answer'");
    }
}
