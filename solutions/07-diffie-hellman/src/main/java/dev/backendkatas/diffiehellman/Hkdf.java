package dev.backendkatas.diffiehellman;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stage 4 — HKDF with HMAC-SHA-256 (RFC 5869), on the JDK's {@link Mac}.
 */
public final class Hkdf {

    /** HashLen of SHA-256, in bytes. */
    public static final int HASH_LENGTH = 32;

    /** The largest output HKDF-Expand may produce: 255 blocks of HashLen (RFC 5869 §2.3). */
    public static final int MAX_OUTPUT_LENGTH = 255 * HASH_LENGTH;

    private static final String HMAC = "HmacSHA256";

    private Hkdf() {
    }

    /** HKDF-Extract (RFC 5869 §2.2). */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(ikm, "ikm");
        // §2.2: "if not provided, [salt] is set to a string of HashLen zeros". HMAC would pad an empty key with
        // zeros to the block size anyway, but SecretKeySpec refuses an empty key, so say it explicitly.
        byte[] key = salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        Mac mac = hmac(key);
        return mac.doFinal(ikm);
    }

    /** HKDF-Expand (RFC 5869 §2.3). */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        Objects.requireNonNull(prk, "prk");
        Objects.requireNonNull(info, "info");
        if (prk.length < HASH_LENGTH) {
            throw new IllegalArgumentException("a PRK must be at least " + HASH_LENGTH + " bytes, got " + prk.length);
        }
        checkLength(length);
        Mac mac = hmac(prk);
        byte[] okm = new byte[length];
        byte[] previous = new byte[0];
        int filled = 0;
        // The block counter is one byte, 1..255: that, not taste, is where the 255·HashLen limit comes from.
        for (int counter = 1; filled < length; counter++) {
            mac.update(previous);
            mac.update(info);
            mac.update((byte) counter);
            previous = mac.doFinal();
            int take = Math.min(previous.length, length - filled);
            System.arraycopy(previous, 0, okm, filled, take);
            filled += take;
        }
        return okm;
    }

    /** Extract, then expand (RFC 5869 §2). */
    public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        return expand(extract(salt, ikm), Objects.requireNonNull(info, "info"), length);
    }

    private static void checkLength(int length) {
        if (length < 1 || length > MAX_OUTPUT_LENGTH) {
            throw new IllegalArgumentException("HKDF output length must be in [1, " + MAX_OUTPUT_LENGTH + "], got "
                    + length);
        }
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable HMAC key", e);
        } catch (GeneralSecurityException e) {
            // Every Java SE implementation must provide HmacSHA256.
            throw new IllegalStateException(HMAC + " is not available", e);
        }
    }
}
