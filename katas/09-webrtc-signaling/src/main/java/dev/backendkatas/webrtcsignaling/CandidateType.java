package dev.backendkatas.webrtcsignaling;

/**
 * The four candidate types of ICE (RFC 8445 §5.1.1), with their token in a candidate line (RFC 8839 §5.1).
 *
 * <p>Given.
 */
public enum CandidateType {
    /** An address of the peer's own interface: a LAN address, or an mDNS name that hides it. */
    HOST("host"),
    /** The address a STUN server saw: the public side of the NAT. */
    SRFLX("srflx"),
    /** An address learned from a connectivity check that arrived from an unknown address. */
    PRFLX("prflx"),
    /** An address on a TURN server that relays for the peer. */
    RELAY("relay");

    private final String token;

    CandidateType(String token) {
        this.token = token;
    }

    /** The token after {@code typ} in a candidate line. */
    public String token() {
        return token;
    }
}
