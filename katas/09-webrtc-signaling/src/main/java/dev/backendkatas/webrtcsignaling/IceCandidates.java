package dev.backendkatas.webrtcsignaling;

/**
 * Stage 3 — ICE candidates: parse and write candidate lines (RFC 8839 §5.1), compute priorities (RFC 8445 §5.1.2),
 * and recognise the end of candidates (RFC 8838 §4.4).
 */
public final class IceCandidates {

    /** The largest priority: 2^31 - 1 (RFC 8445 §5.1.2). */
    public static final long MAX_PRIORITY = (1L << 31) - 1;

    private IceCandidates() {
    }

    /**
     * Parses a candidate line: {@code candidate:...}, or {@code a=candidate:...} as in SDP. Fields are separated by
     * single spaces. The rules, RFC 8839 §5.1:
     * <ul>
     *   <li>foundation: 1 to 32 ice-chars (ALPHA, DIGIT, "+", "/");</li>
     *   <li>component-id: 1 to 3 digits, 1 to 256; transport: a token (letters, digits, "-"), kept as written;</li>
     *   <li>priority: 1 to 10 digits, 1 to 2^31 - 1;</li>
     *   <li>connection-address: an IPv4 address (four decimal octets of 0 to 255), an IPv6 address, or a host name
     *       (labels of letters, digits and "-", up to 63 characters each, 253 in all) — an mDNS name
     *       {@code <uuid>.local} is a host name. Never resolved: parsing does no DNS lookup;</li>
     *   <li>port: 0 to 65535; then {@code typ host|srflx|prflx|relay};</li>
     *   <li>{@code raddr <address> rport <port>}: both or neither; required for srflx, prflx and relay, not allowed for
     *       host;</li>
     *   <li>then name/value pairs, kept in order, unknown ones included.</li>
     * </ul>
     *
     * @param line the candidate line, without a line end
     * @return the candidate
     * @throws IceCandidateException for any broken rule, naming the field
     */
    public static IceCandidate parse(String line) {
        throw new UnsupportedOperationException("Stage 3: parse a candidate line"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 3 — ICE candidates'");
    }

    /**
     * Writes a candidate as {@code candidate:...} (no {@code a=}), fields in the order of RFC 8839 §5.1, single
     * spaces, extensions in order. For a line {@link #parse} read, the result is that line (without its {@code a=}).
     *
     * @param candidate the candidate
     * @return the candidate line
     */
    public static String write(IceCandidate candidate) {
        throw new UnsupportedOperationException("Stage 3: write a candidate line"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 3 — ICE candidates'");
    }

    /**
     * The priority of a candidate (RFC 8445 §5.1.2.1):
     * {@code 2^24 * type preference + 2^8 * local preference + (256 - component ID)}.
     *
     * @param typePreference  0 to 126 (126 is the highest)
     * @param localPreference 0 to 65535 (65535 is the highest)
     * @param componentId     1 to 256
     * @return the priority
     * @throws IllegalArgumentException for a value out of its range
     */
    public static long priority(int typePreference, int localPreference, int componentId) {
        throw new UnsupportedOperationException("Stage 3: compute a priority"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 3 — ICE candidates'");
    }

    /**
     * The type preference RFC 8445 §5.1.2.2 recommends: 126 for host, 110 for peer-reflexive, 100 for
     * server-reflexive, 0 for relayed candidates.
     *
     * @param type the candidate type
     * @return its recommended type preference
     */
    public static int recommendedTypePreference(CandidateType type) {
        throw new UnsupportedOperationException("Stage 3: type preferences"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 3 — ICE candidates'");
    }

    /**
     * Whether a trickled line says "no more candidates": exactly {@code end-of-candidates} or
     * {@code a=end-of-candidates} (RFC 8840 §8.2), or the empty string, which is how the browsers' API signals the end
     * ({@code RTCIceCandidate} with an empty {@code candidate}). Anything else, a candidate line included, is not.
     *
     * @param line the trickled line
     * @return whether it ends the candidates
     */
    public static boolean isEndOfCandidates(String line) {
        throw new UnsupportedOperationException("Stage 3: end of candidates"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 3 — ICE candidates'");
    }
}
