package dev.backendkatas.tlshandshake;

import java.util.Optional;

/**
 * The record content types of TLS 1.3 (RFC 8446 §5.1). Any other value on the wire is an {@code unexpected_message}.
 *
 * <p>Given.
 */
public enum ContentType {
    CHANGE_CIPHER_SPEC(20),
    ALERT(21),
    HANDSHAKE(22),
    APPLICATION_DATA(23);

    private final int code;

    ContentType(int code) {
        this.code = code;
    }

    /** The one-byte code on the wire. */
    public int code() {
        return code;
    }

    /** The content type with this code, or empty if TLS 1.3 defines none. */
    public static Optional<ContentType> fromCode(int code) {
        for (ContentType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
