package dev.backendkatas.diffiehellman;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Stage 5 — X25519 (RFC 7748 §5) on {@link BigInteger}: clamping, masking, the Montgomery ladder, little-endian.
 * Not constant-time (see NOTES.md).
 */
public final class X25519 {

    /** Length of scalars, u-coordinates, keys and shared secrets, in bytes. */
    public static final int KEY_LENGTH = 32;

    /** The field prime, {@code 2^255 - 19}. */
    public static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    /** {@code (A - 2) / 4} for the curve constant A = 486662: the a24 of the ladder (RFC 7748 §5). */
    public static final BigInteger A24 = BigInteger.valueOf(121665);

    /** The scalar has 255 significant bits after clamping; the ladder walks all of them. */
    private static final int SCALAR_BITS = 255;

    private static final BigInteger P_MINUS_2 = P.subtract(BigInteger.TWO);

    private static final byte[] BASE_POINT = encodeUCoordinate(BigInteger.valueOf(9));

    private X25519() {
    }

    /** decodeScalar25519: clamp a copy, read little-endian. */
    public static BigInteger decodeScalar(byte[] scalar) {
        byte[] k = copyOf32(scalar, "scalar");
        // Clearing the low 3 bits makes the scalar a multiple of the cofactor 8, so a point of small order is
        // sent to the identity instead of leaking the scalar mod 8. Bit 254 set fixes the ladder's length, so its
        // running time does not depend on how many leading zeros the key happens to have.
        k[0] &= (byte) 0xF8;
        k[31] &= (byte) 0x7F;
        k[31] |= (byte) 0x40;
        return fromLittleEndian(k);
    }

    /** decodeUCoordinate: mask bit 255, read little-endian, do not reduce. */
    public static BigInteger decodeUCoordinate(byte[] u) {
        byte[] copy = copyOf32(u, "u-coordinate");
        // RFC 7748 §5: implementations MUST mask the top bit, for compatibility with point formats that use it.
        copy[31] &= (byte) 0x7F;
        return fromLittleEndian(copy);
    }

    /** encodeUCoordinate: {@code u mod p}, 32 bytes little-endian. */
    public static byte[] encodeUCoordinate(BigInteger u) {
        Objects.requireNonNull(u, "u");
        // u mod p < 2^255, so its two's-complement form never needs a sign byte: at most 32 bytes.
        byte[] bigEndian = u.mod(P).toByteArray();
        byte[] out = new byte[KEY_LENGTH];
        for (int i = 0; i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    /** X25519(k, u): the Montgomery ladder of RFC 7748 §5. */
    public static byte[] scalarMult(byte[] scalar, byte[] uCoordinate) {
        BigInteger k = decodeScalar(scalar);
        BigInteger x1 = decodeUCoordinate(uCoordinate).mod(P);
        // (x2 : z2) starts at the point at infinity, (x3 : z3) at u. Invariant: the two points differ by u,
        // so each step can add them with x-coordinates alone (a "differential addition").
        BigInteger x2 = BigInteger.ONE;
        BigInteger z2 = BigInteger.ZERO;
        BigInteger x3 = x1;
        BigInteger z3 = BigInteger.ONE;
        boolean swapped = false;
        for (int t = SCALAR_BITS - 1; t >= 0; t--) {
            boolean bit = k.testBit(t);
            // The RFC swaps with a constant-time cswap; on BigInteger we swap references, which is the same
            // arithmetic but branches on the key (see NOTES.md).
            if (swapped != bit) {
                BigInteger tmp = x2;
                x2 = x3;
                x3 = tmp;
                tmp = z2;
                z2 = z3;
                z3 = tmp;
            }
            swapped = bit;

            BigInteger a = x2.add(z2).mod(P);
            BigInteger aa = a.multiply(a).mod(P);
            BigInteger b = x2.subtract(z2).mod(P);
            BigInteger bb = b.multiply(b).mod(P);
            BigInteger e = aa.subtract(bb).mod(P);
            BigInteger c = x3.add(z3).mod(P);
            BigInteger d = x3.subtract(z3).mod(P);
            BigInteger da = d.multiply(a).mod(P);
            BigInteger cb = c.multiply(b).mod(P);
            BigInteger sum = da.add(cb).mod(P);
            BigInteger difference = da.subtract(cb).mod(P);
            x3 = sum.multiply(sum).mod(P);
            z3 = x1.multiply(difference).mod(P).multiply(difference).mod(P);
            x2 = aa.multiply(bb).mod(P);
            z2 = e.multiply(aa.add(A24.multiply(e)).mod(P)).mod(P);
        }
        if (swapped) {
            x2 = x3;
            z2 = z3;
        }
        // Projective to affine: x2 / z2 = x2 · z2^(p-2) (Fermat). For a low-order input z2 is 0 and so is the
        // result, which is exactly the all-zero output RFC 7748 §6.1 tells a caller to check for.
        BigInteger inverse = ModularExponentiation.modPow(z2, P_MINUS_2, P);
        return encodeUCoordinate(x2.multiply(inverse));
    }

    /** X25519(privateKey, 9). */
    public static byte[] publicKey(byte[] privateKey) {
        return scalarMult(privateKey, BASE_POINT);
    }

    /** 32 bytes from one nextBytes call, kept unclamped. */
    public static X25519KeyPair generateKeyPair(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] privateKey = new byte[KEY_LENGTH];
        random.nextBytes(privateKey);
        if (isAllZero(privateKey)) {
            throw new IllegalStateException("the random source gave 32 zero bytes for a private key: it is broken");
        }
        return new X25519KeyPair(privateKey, publicKey(privateKey));
    }

    /** X25519(privateKey, peerPublicKey), refusing the all-zero result (RFC 8446 §7.4.2). */
    public static byte[] sharedSecret(byte[] privateKey, byte[] peerPublicKey) throws InvalidPublicKeyException {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(peerPublicKey, "peerPublicKey");
        if (privateKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an X25519 private key is 32 bytes, got " + privateKey.length);
        }
        if (peerPublicKey.length != KEY_LENGTH) {
            throw new InvalidPublicKeyException(InvalidPublicKeyException.Reason.WRONG_LENGTH,
                    "an X25519 public key is 32 bytes, got " + peerPublicKey.length);
        }
        byte[] secret = scalarMult(privateKey, peerPublicKey);
        // Checking the output rather than a list of bad inputs catches every low-order point, including the
        // non-canonical encodings of 0 and 1 (p, p+1) and the top-bit variants that masking turns into them.
        if (isAllZero(secret)) {
            throw new InvalidPublicKeyException(InvalidPublicKeyException.Reason.LOW_ORDER,
                    "the shared secret is all zero: the peer sent a point of small order");
        }
        return secret;
    }

    /** OR of every byte, so the time taken does not depend on where the first non-zero byte is. */
    private static boolean isAllZero(byte[] bytes) {
        int accumulator = 0;
        for (byte b : bytes) {
            accumulator |= b;
        }
        return accumulator == 0;
    }

    private static byte[] copyOf32(byte[] bytes, String what) {
        Objects.requireNonNull(bytes, what);
        if (bytes.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an X25519 " + what + " is 32 bytes, got " + bytes.length);
        }
        return bytes.clone();
    }

    private static BigInteger fromLittleEndian(byte[] littleEndian) {
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }
}
