package dev.backendkatas.diffiehellman;

/**
 * Which side of an exchange a party is on. Both sides derive the same two keys from the shared secret; the role
 * decides which of them a side sends with and which it receives with (see {@link SecureChannel}), like a TLS
 * client and server (RFC 8446 §7.1, client and server traffic secrets).
 *
 * <p>Given.
 */
public enum Role {
    /** The side that speaks first (the TLS client). */
    INITIATOR,
    /** The side that answers (the TLS server). */
    RESPONDER
}
