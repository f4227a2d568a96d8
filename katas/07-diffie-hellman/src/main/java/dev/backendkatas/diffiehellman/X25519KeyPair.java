package dev.backendkatas.diffiehellman;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An X25519 key pair (RFC 7748 §6.1): a 32-byte private key (random bytes, clamped only when used) and the 32-byte
 * public key {@code X25519(privateKey, 9)}, a little-endian u-coordinate.
 *
 * <p>Given. The arrays are copied in and out, so nobody can change a key pair after it was made.
 * {@link #toString()} never shows the private key.
 *
 * @param privateKey the 32 private bytes, exactly as drawn from the random source (not clamped)
 * @param publicKey  the 32 bytes of the public u-coordinate
 */
public record X25519KeyPair(byte[] privateKey, byte[] publicKey) {

    /**
     * @throws NullPointerException     if either array is null
     * @throws IllegalArgumentException if either array is not 32 bytes long
     */
    public X25519KeyPair {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        if (privateKey.length != 32 || publicKey.length != 32) {
            throw new IllegalArgumentException("X25519 keys are 32 bytes: private " + privateKey.length
                    + ", public " + publicKey.length);
        }
        privateKey = privateKey.clone();
        publicKey = publicKey.clone();
    }

    /** @return a copy of the 32 private bytes */
    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** @return a copy of the 32 public bytes */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof X25519KeyPair that
                && Arrays.equals(privateKey, that.privateKey)
                && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "X25519KeyPair[publicKey=" + HexFormat.of().formatHex(publicKey) + ", privateKey=(hidden)]";
    }
}
