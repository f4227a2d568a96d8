package dev.backendkatas.chunkedupload;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Upload ids: random, unguessable, and safe to put in a file name.
 *
 * <p>An id is {@value #RANDOM_BYTES} bytes from a {@link SecureRandom}, in unpadded base64url (RFC 4648 §5):
 * {@value #LENGTH} characters of {@code A-Z a-z 0-9 - _}. 128 random bits make guessing another client's upload
 * hopeless, and an alphabet without '/', '.', '%' or '\' makes an id that passed {@link #isValid} harmless in a path.
 */
public final class UploadIds {

    /** Random bytes per id: 128 bits. */
    public static final int RANDOM_BYTES = 16;
    /** Characters per id: 16 bytes in unpadded base64url. */
    public static final int LENGTH = 22;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private UploadIds() {
    }

    /**
     * A new id: {@value #RANDOM_BYTES} bytes drawn with one {@code random.nextBytes} call, in unpadded base64url.
     *
     * @throws NullPointerException if {@code random} is null
     */
    public static String newId(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /**
     * Whether {@code candidate} has the exact syntax of an id: {@value #LENGTH} characters, each in
     * {@code A-Z a-z 0-9 - _}. Anything else (null, empty, longer, shorter, a dot, a slash, a percent sign, a
     * non-ASCII letter) is refused before it can come near the file system.
     */
    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (!isBase64UrlChar(candidate.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64UrlChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
