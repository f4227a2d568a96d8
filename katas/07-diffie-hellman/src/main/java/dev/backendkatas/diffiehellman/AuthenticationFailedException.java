package dev.backendkatas.diffiehellman;

import java.security.GeneralSecurityException;

/**
 * A peer's key share was not signed by the identity we trust for that peer: a man in the middle may have replaced
 * it. The handshake must stop (this is what TLS's CertificateVerify check does, RFC 8446 §4.4.3).
 *
 * <p>Given.
 */
public final class AuthenticationFailedException extends GeneralSecurityException {

    private static final long serialVersionUID = 1L;

    /** @param message why the key share was refused */
    public AuthenticationFailedException(String message) {
        super(message);
    }

    /**
     * @param message why the key share was refused
     * @param cause   the exception of the signature engine, if any
     */
    public AuthenticationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
