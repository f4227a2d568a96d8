package dev.backendkatas.diffiehellman;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Stages 2 and 3 — finite-field Diffie-Hellman over a {@link DhGroup}, and the validation of a peer's public key.
 */
public final class FiniteFieldDh {

    /** How many candidates {@link #generateKeyPair} draws before it decides the random source is broken. */
    public static final int MAX_DRAWS = 100;

    private static final BigInteger TWO = BigInteger.TWO;

    private FiniteFieldDh() {
    }

    /** Stage 2: a key pair from {@code random}, by testing candidates (NIST SP 800-56A §5.6.1.1.4). */
    public static DhKeyPair generateKeyPair(DhGroup group, SecureRandom random) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(random, "random");
        int bits = group.q().bitLength();
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            // Rejection sampling keeps x uniform in [2, q-1]; "candidate mod q" would not (values below
            // 2^bits - q would come up twice as often).
            BigInteger candidate = new BigInteger(bits, random);
            if (isPrivateKeyInRange(group, candidate)) {
                return keyPair(group, candidate);
            }
        }
        throw new IllegalStateException("the random source gave " + MAX_DRAWS + " private-key candidates in a row"
                + " outside [2, q-1] for " + group + ": it is broken (stuck at zero?), refusing to make a key");
    }

    /** Stage 2: {@code (x, g^x mod p)}. */
    public static DhKeyPair keyPair(DhGroup group, BigInteger privateKey) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!isPrivateKeyInRange(group, privateKey)) {
            throw new IllegalArgumentException("a private key must be in [2, q-1] for " + group);
        }
        return new DhKeyPair(group, privateKey, ModularExponentiation.modPow(group.g(), privateKey, group.p()));
    }

    /** Stage 2: big-endian, left-padded to the byte length of p (RFC 8446 §4.2.8.1). */
    public static byte[] encodePublicKey(DhGroup group, BigInteger publicKey) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.signum() < 0 || publicKey.compareTo(group.p()) >= 0) {
            throw new IllegalArgumentException("a public key must be in [0, p) for " + group);
        }
        return toFixedLength(publicKey, group.byteLength());
    }

    /** Stage 2 and 3: validate, then {@code y^x mod p}, left-padded (RFC 8446 §7.4.1). */
    public static byte[] sharedSecret(DhKeyPair mine, BigInteger peerPublicKey) throws InvalidPublicKeyException {
        Objects.requireNonNull(mine, "mine");
        Objects.requireNonNull(peerPublicKey, "peerPublicKey");
        DhGroup group = mine.group();
        validatePublicKey(group, peerPublicKey);
        BigInteger z = ModularExponentiation.modPow(peerPublicKey, mine.privateKey(), group.p());
        // TLS 1.3 keeps the leading zeros; TLS 1.2 stripped them, which made Z's length leak through timing
        // and broke interop one time in 256 when one side forgot (the "Raccoon" attack uses exactly this).
        return toFixedLength(z, group.byteLength());
    }

    /** Stage 3: NIST SP 800-56A §5.6.2.3.1, range first, then subgroup membership. */
    public static void validatePublicKey(DhGroup group, BigInteger publicKey) throws InvalidPublicKeyException {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(publicKey, "publicKey");
        BigInteger p = group.p();
        // Step 1: 2 <= y <= p-2. 0, 1 and p-1 make the secret 0, 1 or ±1 whatever our private key is.
        if (publicKey.compareTo(TWO) < 0 || publicKey.compareTo(p.subtract(TWO)) > 0) {
            throw new InvalidPublicKeyException(InvalidPublicKeyException.Reason.OUT_OF_RANGE,
                    "public key outside [2, p-2] for " + group);
        }
        // Step 2: y^q = 1 puts y in the subgroup of prime order q. In a safe-prime group the only other
        // candidates have order 2q, and a secret computed from one of those reveals x mod 2.
        if (!ModularExponentiation.modPow(publicKey, group.q(), p).equals(BigInteger.ONE)) {
            throw new InvalidPublicKeyException(InvalidPublicKeyException.Reason.NOT_IN_SUBGROUP,
                    "public key not in the order-q subgroup of " + group + " (y^q mod p != 1)");
        }
    }

    /** Stage 3: fixed length, unsigned big-endian, then full validation. */
    public static BigInteger decodePublicKey(DhGroup group, byte[] encoded) throws InvalidPublicKeyException {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length != group.byteLength()) {
            throw new InvalidPublicKeyException(InvalidPublicKeyException.Reason.WRONG_LENGTH,
                    "a public key of " + group + " is " + group.byteLength() + " bytes, got " + encoded.length);
        }
        // Signum 1: the wire format has no sign, and p's encodings mostly start with a byte of 0x80 or more.
        BigInteger y = new BigInteger(1, encoded);
        validatePublicKey(group, y);
        return y;
    }

    private static boolean isPrivateKeyInRange(DhGroup group, BigInteger x) {
        return x.compareTo(TWO) >= 0 && x.compareTo(group.q()) < 0;
    }

    /** Unsigned big-endian in exactly {@code length} bytes; the caller guarantees {@code 0 <= value < 256^length}. */
    private static byte[] toFixedLength(BigInteger value, int length) {
        // toByteArray is two's complement: it may add a leading 0x00 sign byte, or be shorter than length.
        byte[] minimal = value.toByteArray();
        int significant = Math.min(minimal.length, length);
        byte[] out = new byte[length];
        // Right-align the last bytes: this drops the sign byte, and the zeros already in out are the padding.
        System.arraycopy(minimal, minimal.length - significant, out, length - significant, significant);
        return out;
    }
}
