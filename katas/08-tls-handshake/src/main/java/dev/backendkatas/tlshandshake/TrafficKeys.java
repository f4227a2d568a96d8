package dev.backendkatas.tlshandshake;

import java.util.Arrays;
import java.util.Objects;

/**
 * The write key and IV derived from one traffic secret (RFC 8446 §7.3), for TLS_AES_128_GCM_SHA256: a 16-byte AES key
 * and a 12-byte IV.
 *
 * <p>Given.
 *
 * @param key the AES-128 key, 16 bytes
 * @param iv  the per-key IV that the sequence number is XORed into, 12 bytes
 */
public record TrafficKeys(byte[] key, byte[] iv) {

    /** AES-128: 16-byte keys. */
    public static final int KEY_LENGTH = 16;
    /** The AEAD nonce length of AES-GCM, and so the IV length: 12 bytes (§5.3). */
    public static final int IV_LENGTH = 12;

    public TrafficKeys {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(iv, "iv");
        if (key.length != KEY_LENGTH || iv.length != IV_LENGTH) {
            throw new IllegalArgumentException("a 16-byte key and a 12-byte IV, not " + key.length + " and "
                    + iv.length);
        }
        key = key.clone();
        iv = iv.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrafficKeys that && Arrays.equals(key, that.key) && Arrays.equals(iv, that.iv);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(iv);
    }

    @Override
    public String toString() {
        return "TrafficKeys[secret]";
    }
}
