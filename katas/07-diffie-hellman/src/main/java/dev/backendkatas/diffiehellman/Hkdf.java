package dev.backendkatas.diffiehellman;

/**
 * Stage 4 — HKDF with HMAC-SHA-256 (RFC 5869): turns input keying material that is secret but not uniformly random
 * (a Diffie-Hellman shared secret) into as many uniformly random key bytes as needed, with a label per use.
 *
 * <p>Build it on the JDK's {@code javax.crypto.Mac.getInstance("HmacSHA256")}; HashLen is 32.
 * <pre>
 *   PRK = HMAC(salt, IKM)                                  (extract, §2.2)
 *   T(0) = empty;  T(i) = HMAC(PRK, T(i-1) | info | i)     (expand, §2.3; i is one byte, 1..255)
 *   OKM = the first L bytes of T(1) | T(2) | ...
 * </pre>
 */
public final class Hkdf {

    /** HashLen of SHA-256, in bytes. */
    public static final int HASH_LENGTH = 32;

    /** The largest output HKDF-Expand may produce: 255 blocks of HashLen (RFC 5869 §2.3). */
    public static final int MAX_OUTPUT_LENGTH = 255 * HASH_LENGTH;

    private Hkdf() {
    }

    /**
     * HKDF-Extract (RFC 5869 §2.2): {@code PRK = HMAC-SHA256(key = salt, message = ikm)}.
     *
     * @param salt the salt; an empty salt means HashLen zero bytes (§2.2), which is not the same thing as an
     *             empty HMAC key to every library
     * @param ikm  the input keying material, any length (even empty)
     * @return the 32-byte pseudorandom key
     * @throws NullPointerException if an argument is null
     */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        throw new UnsupportedOperationException("Stage 4: HKDF-Extract"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 4 — Key derivation'");
    }

    /**
     * HKDF-Expand (RFC 5869 §2.3): {@code length} bytes of output keying material from a pseudorandom key and a
     * context label. A shorter output is a prefix of a longer one with the same inputs.
     *
     * @param prk    a pseudorandom key of at least HashLen (32) bytes, usually the output of {@link #extract}
     * @param info   the context and application-specific label, possibly empty
     * @param length how many bytes to produce, in {@code [1, 8160]}
     * @return {@code length} bytes
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code prk} is shorter than 32 bytes, or {@code length} is outside
     *                                  {@code [1, MAX_OUTPUT_LENGTH]}
     */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        throw new UnsupportedOperationException("Stage 4: HKDF-Expand"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 4 — Key derivation'");
    }

    /**
     * Extract, then expand (RFC 5869 §2): {@code expand(extract(salt, ikm), info, length)}.
     *
     * @param salt   as {@link #extract}
     * @param ikm    as {@link #extract}
     * @param info   as {@link #expand}
     * @param length as {@link #expand}
     * @return {@code length} bytes of output keying material
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code length} is outside {@code [1, MAX_OUTPUT_LENGTH]}
     */
    public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        throw new UnsupportedOperationException("Stage 4: HKDF (extract, then expand)"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 4 — Key derivation'");
    }
}
