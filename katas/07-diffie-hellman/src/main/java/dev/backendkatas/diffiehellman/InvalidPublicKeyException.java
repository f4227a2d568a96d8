package dev.backendkatas.diffiehellman;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A peer's public key was refused: using it could leak the private key or force a predictable shared secret.
 * The handshake must stop; nothing derived from that key may be used.
 *
 * <p>Given. {@link #reason()} says which rule the key broke, so a test (or a log line) can tell them apart.
 */
public final class InvalidPublicKeyException extends GeneralSecurityException {

    private static final long serialVersionUID = 1L;

    /** Which rule a refused public key broke. */
    public enum Reason {
        /** The encoded key does not have the length the group requires (RFC 8446 §4.2.8.1; RFC 7748 §5: 32). */
        WRONG_LENGTH,
        /** A finite-field key outside {@code [2, p-2]} (NIST SP 800-56A §5.6.2.3.1 step 1, RFC 7919 §5.1). */
        OUT_OF_RANGE,
        /** A finite-field key with {@code y^q mod p != 1}: not in the prime-order subgroup (SP 800-56A §5.6.2.3.1 step 2). */
        NOT_IN_SUBGROUP,
        /** An X25519 key of small order: the shared secret came out all zero (RFC 7748 §6.1, RFC 8446 §7.4.2). */
        LOW_ORDER
    }

    private final Reason reason;

    /**
     * @param reason  the rule the key broke
     * @param message what was wrong, for a human; never include private values
     */
    public InvalidPublicKeyException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    /** @return the rule the key broke */
    public Reason reason() {
        return reason;
    }
}
