package dev.backendkatas.diffiehellman;

import java.security.GeneralSecurityException;

/**
 * A sealed message was refused: its ciphertext, tag, nonce or associated data was changed, it was sealed under a
 * different key, or it was replayed or reordered. No plaintext is released when this is thrown.
 *
 * <p>Given.
 */
public final class DecryptionFailedException extends GeneralSecurityException {

    private static final long serialVersionUID = 1L;

    /** @param message why the message was refused */
    public DecryptionFailedException(String message) {
        super(message);
    }

    /**
     * @param message why the message was refused
     * @param cause   the exception of the cipher, for example {@code javax.crypto.AEADBadTagException}
     */
    public DecryptionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
