package dev.backendkatas.webrtcsignaling;

import java.util.Set;

/**
 * Facts about SDP that the parser needs and that are not the lesson: which line types exist, and which attributes
 * may only appear inside a media description.
 *
 * <p>Given.
 */
public final class SdpRules {

    private SdpRules() {
    }

    /** The largest session description accepted, in characters: far above any browser's (a few KiB), far below harm. */
    public static final int MAX_SDP_CHARS = 64 * 1024;

    /**
     * The line types of RFC 8866 §5 (k= is obsolete, §5.12, but still a known type). An SDP parser "MUST completely
     * ignore or reject" a description with a type letter it does not understand (§5); this kata rejects.
     */
    public static final String KNOWN_TYPES = "vosiuepcbtrzkam";

    /** The order of session-level lines (RFC 8866 §5): v o s i u e p c b t r z k a. t and r repeat as a group. */
    public static final String SESSION_ORDER = "vosiuepcbtrzka";

    /** The order of the lines after an m= line (RFC 8866 §5): i c b k a. */
    public static final String MEDIA_ORDER = "icbka";

    /**
     * Attributes that are defined at media level only, so that one of them before the first m= line is an error:
     * mid (RFC 5888 §4), rtpmap and fmtp (RFC 8866 §6.6, §6.15), rtcp-fb (RFC 4585 §4.2), rtcp-mux (RFC 5761 §5.1.1),
     * rtcp (RFC 3605 §2.1), ssrc and ssrc-group (RFC 5576 §4), msid (RFC 8830 §2), candidate (RFC 8839 §5.1),
     * sctp-port (RFC 8841 §5).
     */
    public static final Set<String> MEDIA_LEVEL_ONLY = Set.of("mid", "rtpmap", "fmtp", "rtcp-fb", "rtcp-mux", "rtcp",
            "ssrc", "ssrc-group", "msid", "candidate", "sctp-port");
}
