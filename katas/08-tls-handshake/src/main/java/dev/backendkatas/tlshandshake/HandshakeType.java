package dev.backendkatas.tlshandshake;

import java.util.Optional;

/**
 * The handshake message types of TLS 1.3 (RFC 8446 §4, {@code HandshakeType}). Any other value is an
 * {@code unexpected_message}.
 *
 * <p>Given.
 */
public enum HandshakeType {
    CLIENT_HELLO(1),
    SERVER_HELLO(2),
    NEW_SESSION_TICKET(4),
    END_OF_EARLY_DATA(5),
    ENCRYPTED_EXTENSIONS(8),
    CERTIFICATE(11),
    CERTIFICATE_REQUEST(13),
    CERTIFICATE_VERIFY(15),
    FINISHED(20),
    KEY_UPDATE(24),
    MESSAGE_HASH(254);

    private final int code;

    HandshakeType(int code) {
        this.code = code;
    }

    /** The one-byte code on the wire. */
    public int code() {
        return code;
    }

    /** The handshake type with this code, or empty if TLS 1.3 defines none. */
    public static Optional<HandshakeType> fromCode(int code) {
        for (HandshakeType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
