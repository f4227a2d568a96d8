package dev.backendkatas.webrtcsignaling;

/**
 * Stage 1 — parses a session description (RFC 8866 §5) into a {@link SessionDescription}, keeping every line and its
 * order, so that {@link SdpWriter} gives the same text back.
 */
public final class SdpParser {

    private SdpParser() {
    }

    /**
     * Parses a session description.
     *
     * <ul>
     *   <li>Lines end with CRLF; a lone LF is accepted too (RFC 8866 §5: parsers "SHOULD be tolerant"). A CR that is
     *       not followed by LF, and a NUL, are errors. The last line may lack its line end.</li>
     *   <li>Every line is {@code <type>=<value>}: one character, {@code =}, no whitespace on either side of the
     *       {@code =} (§5). An empty line, or a type outside {@link SdpRules#KNOWN_TYPES}, is an error.</li>
     *   <li>The first line is {@code v=0} (§5.1). {@code o=}, {@code s=} and at least one {@code t=} follow, and
     *       session-level lines come in the order of {@link SdpRules#SESSION_ORDER}; the lines of a media description
     *       in the order of {@link SdpRules#MEDIA_ORDER}.</li>
     *   <li>{@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...}: single spaces, a port of 0 to 65535, at
     *       least one format (§5.14).</li>
     *   <li>An attribute of {@link SdpRules#MEDIA_LEVEL_ONLY} before the first {@code m=} line is an error.</li>
     *   <li>A description longer than {@link SdpRules#MAX_SDP_CHARS} is refused before it is parsed.</li>
     * </ul>
     *
     * @param sdp the description, as received
     * @return the parsed description
     * @throws SdpParseException for any broken rule, with the 1-based number of the offending line (0 for the
     *                           description as a whole: too long, empty, or missing o=, s= or t=)
     */
    public static SessionDescription parse(String sdp) {
        throw new UnsupportedOperationException("Stage 1: parse a session description"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 1 — SDP'");
    }
}
