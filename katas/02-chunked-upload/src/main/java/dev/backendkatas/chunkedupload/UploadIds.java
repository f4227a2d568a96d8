package dev.backendkatas.chunkedupload;

import java.security.SecureRandom;

/**
 * Stages 1 and 3 — upload ids: random, unguessable, and safe to put in a file name.
 *
 * <p>An id is {@value #RANDOM_BYTES} bytes from a {@link SecureRandom}, in unpadded base64url (RFC 4648 §5):
 * {@value #LENGTH} characters of {@code A-Z a-z 0-9 - _}. Anyone who knows an upload's URL can write to it (tus
 * leaves authorisation to the server), so the id is the only secret: 128 random bits make guessing hopeless.
 */
public final class UploadIds {

    /** Random bytes per id: 128 bits. */
    public static final int RANDOM_BYTES = 16;
    /** Characters per id: 16 bytes in unpadded base64url. */
    public static final int LENGTH = 22;

    private UploadIds() {
    }

    /**
     * A new id: {@value #RANDOM_BYTES} bytes drawn with one {@code random.nextBytes} call, encoded as unpadded
     * base64url (RFC 4648 §5; {@code Base64.getUrlEncoder().withoutPadding()}).
     *
     * @throws NullPointerException if {@code random} is null
     */
    public static String newId(SecureRandom random) {
        throw new UnsupportedOperationException("Stage 1: a new random upload id"
                + " — see katas/02-chunked-upload/README.md, 'Stage 1 — Create and query'");
    }

    /**
     * Whether {@code candidate} has the exact syntax of an id: {@value #LENGTH} characters, each one of
     * {@code A-Z a-z 0-9 - _}. Anything else — null, empty, shorter, longer, a dot, a slash, a backslash, a percent
     * sign, a non-ASCII letter — is not an id, and must be refused before it comes near the file system.
     */
    public static boolean isValid(String candidate) {
        throw new UnsupportedOperationException("Stage 3: validate an upload id"
                + " — see katas/02-chunked-upload/README.md, 'Stage 3 — Integrity'");
    }
}
