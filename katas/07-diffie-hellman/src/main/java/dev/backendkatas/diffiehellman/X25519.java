package dev.backendkatas.diffiehellman;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Stage 5 — X25519 (RFC 7748 §5), Diffie-Hellman on the Montgomery curve Curve25519, from scratch on
 * {@link BigInteger}.
 *
 * <p>Field: integers mod {@code p = 2^255 - 19}. Keys and u-coordinates travel as 32 bytes, <em>little-endian</em>.
 * The function {@code X25519(k, u)} clamps the scalar, masks the top bit of u, runs the Montgomery ladder over the
 * 255 bits of the scalar and returns the u-coordinate of the result. The base point has u = 9.
 *
 * <p>The reference implementations in RFC 7748 are constant-time; this one, on {@code BigInteger}, is not (see the
 * README). It is for learning, not for production keys.
 */
public final class X25519 {

    /** Length of scalars, u-coordinates, keys and shared secrets, in bytes. */
    public static final int KEY_LENGTH = 32;

    /** The field prime, {@code 2^255 - 19}. */
    public static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    /** {@code (A - 2) / 4} for the curve constant A = 486662: the a24 of the ladder (RFC 7748 §5). */
    public static final BigInteger A24 = BigInteger.valueOf(121665);

    private X25519() {
    }

    /**
     * {@code decodeScalar25519} (RFC 7748 §5): clamps a copy of the 32 bytes (clear the 3 lowest bits of byte 0,
     * clear the top bit of byte 31, set bit 6 of byte 31) and reads them as a little-endian number. The caller's
     * array is not changed.
     *
     * @param scalar 32 bytes
     * @return the clamped scalar: a multiple of 8 in {@code [2^254, 2^255)}
     * @throws NullPointerException     if {@code scalar} is null
     * @throws IllegalArgumentException if it is not 32 bytes long
     */
    public static BigInteger decodeScalar(byte[] scalar) {
        throw new UnsupportedOperationException("Stage 5: decode (clamp) a scalar"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 5 — X25519 from scratch'");
    }

    /**
     * {@code decodeUCoordinate} (RFC 7748 §5): reads 32 bytes as a little-endian number after masking the most
     * significant bit of the last byte. The result is <em>not</em> reduced: values from p to {@code 2^255 - 1}
     * (non-canonical encodings) are returned as they are, and the field arithmetic reduces them.
     *
     * @param u 32 bytes
     * @return a number in {@code [0, 2^255)}
     * @throws NullPointerException     if {@code u} is null
     * @throws IllegalArgumentException if it is not 32 bytes long
     */
    public static BigInteger decodeUCoordinate(byte[] u) {
        throw new UnsupportedOperationException("Stage 5: decode a u-coordinate"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 5 — X25519 from scratch'");
    }

    /**
     * {@code encodeUCoordinate} (RFC 7748 §5): {@code u mod p} as 32 little-endian bytes.
     *
     * @param u any integer (reduced mod p first, so negative values and values of p or more are fine)
     * @return 32 bytes
     * @throws NullPointerException if {@code u} is null
     */
    public static byte[] encodeUCoordinate(BigInteger u) {
        throw new UnsupportedOperationException("Stage 5: encode a u-coordinate"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 5 — X25519 from scratch'");
    }

    /**
     * The function {@code X25519(k, u)} of RFC 7748 §5: decode the scalar (clamped) and the u-coordinate (masked),
     * run the Montgomery ladder, encode the result. Returns whatever comes out, the all-zero output of a low-order
     * input included; {@link #sharedSecret} is the one that refuses it. Neither input array is changed.
     *
     * @param scalar      32 bytes
     * @param uCoordinate 32 bytes
     * @return 32 bytes
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if an argument is not 32 bytes long
     */
    public static byte[] scalarMult(byte[] scalar, byte[] uCoordinate) {
        throw new UnsupportedOperationException("Stage 5: the Montgomery ladder"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 5 — X25519 from scratch'");
    }

    /**
     * The public key of a private key: {@code X25519(privateKey, 9)} (RFC 7748 §6.1).
     *
     * @param privateKey 32 bytes
     * @return 32 bytes
     * @throws NullPointerException     if {@code privateKey} is null
     * @throws IllegalArgumentException if it is not 32 bytes long
     */
    public static byte[] publicKey(byte[] privateKey) {
        throw new UnsupportedOperationException("Stage 5: the public key"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 5 — X25519 from scratch'");
    }

    /**
     * Generates a key pair: the private key is the next 32 bytes of {@code random} (one call of
     * {@code random.nextBytes} on a 32-byte array), kept unclamped as RFC 7748 §6.1 does; the public key is
     * {@link #publicKey} of it.
     *
     * @param random the source of the private key
     * @return the key pair
     * @throws NullPointerException  if {@code random} is null
     * @throws IllegalStateException if the 32 bytes are all zero: no honest source produces that (chance 2^-256),
     *                               a broken one does
     */
    public static X25519KeyPair generateKeyPair(SecureRandom random) {
        throw new UnsupportedOperationException("Stage 5: generate a key pair"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 5 — X25519 from scratch'");
    }

    /**
     * The Diffie-Hellman shared secret {@code X25519(privateKey, peerPublicKey)} (RFC 7748 §6.1), refusing a peer
     * key that forces it to all zeros (RFC 8446 §7.4.2: a low-order point such as u = 0 or u = 1).
     *
     * @param privateKey    our 32 private bytes
     * @param peerPublicKey the 32 bytes the peer sent
     * @return 32 bytes of shared secret (not a key yet: see stage 4)
     * @throws NullPointerException      if an argument is null
     * @throws IllegalArgumentException  if {@code privateKey} is not 32 bytes long
     * @throws InvalidPublicKeyException {@link InvalidPublicKeyException.Reason#WRONG_LENGTH} if the peer key is
     *                                   not 32 bytes; {@link InvalidPublicKeyException.Reason#LOW_ORDER} if the
     *                                   shared secret is all zero
     */
    public static byte[] sharedSecret(byte[] privateKey, byte[] peerPublicKey) throws InvalidPublicKeyException {
        throw new UnsupportedOperationException("Stage 5: the shared secret"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 5 — X25519 from scratch'");
    }
}
