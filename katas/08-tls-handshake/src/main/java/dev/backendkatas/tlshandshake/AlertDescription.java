package dev.backendkatas.tlshandshake;

import java.util.Locale;
import java.util.Optional;

/**
 * The alert descriptions of TLS 1.3 (RFC 8446 §6, the {@code AlertDescription} enum), with their wire codes. In TLS 1.3
 * every error alert is fatal: the side that detects the error sends it and closes the connection.
 *
 * <p>Given.
 */
public enum AlertDescription {
    CLOSE_NOTIFY(0),
    UNEXPECTED_MESSAGE(10),
    BAD_RECORD_MAC(20),
    RECORD_OVERFLOW(22),
    HANDSHAKE_FAILURE(40),
    BAD_CERTIFICATE(42),
    UNSUPPORTED_CERTIFICATE(43),
    CERTIFICATE_REVOKED(44),
    CERTIFICATE_EXPIRED(45),
    CERTIFICATE_UNKNOWN(46),
    ILLEGAL_PARAMETER(47),
    UNKNOWN_CA(48),
    ACCESS_DENIED(49),
    DECODE_ERROR(50),
    DECRYPT_ERROR(51),
    PROTOCOL_VERSION(70),
    INSUFFICIENT_SECURITY(71),
    INTERNAL_ERROR(80),
    INAPPROPRIATE_FALLBACK(86),
    USER_CANCELED(90),
    MISSING_EXTENSION(109),
    UNSUPPORTED_EXTENSION(110),
    UNRECOGNIZED_NAME(112),
    BAD_CERTIFICATE_STATUS_RESPONSE(113),
    UNKNOWN_PSK_IDENTITY(115),
    CERTIFICATE_REQUIRED(116),
    NO_APPLICATION_PROTOCOL(120);

    private final int code;

    AlertDescription(int code) {
        this.code = code;
    }

    /** The one-byte code on the wire. */
    public int code() {
        return code;
    }

    /** The name the RFC uses, for example {@code bad_record_mac}. */
    public String rfcName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The description with this code, if TLS 1.3 defines one. */
    public static Optional<AlertDescription> fromCode(int code) {
        for (AlertDescription description : values()) {
            if (description.code == code) {
                return Optional.of(description);
            }
        }
        return Optional.empty();
    }
}
