package dev.backendkatas.diffiehellman;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Stages 2 and 3 — finite-field Diffie-Hellman over a {@link DhGroup}, and the validation of a peer's public key.
 *
 * <p>Alice picks a private exponent {@code a} and sends {@code A = g^a mod p}; Bob picks {@code b} and sends
 * {@code B = g^b mod p}. Each raises what it received to its own exponent: {@code B^a = A^b = g^(ab) mod p}.
 * Someone who saw only {@code A} and {@code B} would have to solve a discrete logarithm to get there.
 *
 * <p>Use {@link ModularExponentiation#modPow} (stage 1) for the exponentiations.
 */
public final class FiniteFieldDh {

    /**
     * How many candidates {@link #generateKeyPair} draws before it decides the random source is broken.
     * In groups 14 and ffdhe2048 one candidate in about 2^66 is out of range; in RFC 5114's 2048-bit group almost
     * half are, and 100 refusals in a row still have a chance of about 2^-115. An honest source never gets near it.
     */
    public static final int MAX_DRAWS = 100;

    private FiniteFieldDh() {
    }

    /**
     * Stage 2: generates a key pair from {@code random} (NIST SP 800-56A §5.6.1.1.4, generation by testing
     * candidates; RFC 7919 §5.2).
     *
     * <p>Each candidate is drawn as {@code new BigInteger(group.q().bitLength(), random)}, exactly once per
     * candidate and in that way, so that a scripted source gives a predictable key. A candidate in
     * {@code [2, q-1]} becomes the private key {@code x}; any other (0, 1, q or more) is thrown away and the next one
     * drawn. 0 and 1 are refused because they would give the public keys 1 and g: anyone could read them.
     * After {@link #MAX_DRAWS} refused candidates the source is broken (a source stuck at zero is the classic case):
     * stop with an exception rather than hand out a weak key.
     *
     * @param group  the group to generate in
     * @param random the source of the private key
     * @return {@code x} and {@code g^x mod p}
     * @throws NullPointerException  if an argument is null
     * @throws IllegalStateException if {@link #MAX_DRAWS} candidates in a row were out of range
     */
    public static DhKeyPair generateKeyPair(DhGroup group, SecureRandom random) {
        throw new UnsupportedOperationException("Stage 2: generate a key pair"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 2 — Finite-field Diffie-Hellman'");
    }

    /**
     * Stage 2: the key pair of a given private exponent: {@code (x, g^x mod p)}. Tests use it to fix keys; a real
     * program uses {@link #generateKeyPair}.
     *
     * @param group      the group
     * @param privateKey the exponent {@code x}, in {@code [2, q-1]}
     * @return {@code x} and {@code g^x mod p}
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code x} is outside {@code [2, q-1]}
     */
    public static DhKeyPair keyPair(DhGroup group, BigInteger privateKey) {
        throw new UnsupportedOperationException("Stage 2: the key pair of a private exponent"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 2 — Finite-field Diffie-Hellman'");
    }

    /**
     * Stage 2: encodes a public key for the wire as TLS does: big-endian, left-padded with zero bytes to exactly
     * {@link DhGroup#byteLength()} bytes (RFC 8446 §4.2.8.1). No sign byte, never shorter, never longer.
     *
     * @param group     the group
     * @param publicKey a value in {@code [0, p)}
     * @return {@code group.byteLength()} bytes
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code publicKey} is negative or not below {@code p}
     */
    public static byte[] encodePublicKey(DhGroup group, BigInteger publicKey) {
        throw new UnsupportedOperationException("Stage 2: encode a public key"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 2 — Finite-field Diffie-Hellman'");
    }

    /**
     * Stage 2 (and 3): the shared secret {@code Z = peerPublicKey^x mod p}, encoded big-endian and left-padded with
     * zero bytes to {@link DhGroup#byteLength()} bytes (RFC 8446 §7.4.1: unlike TLS 1.2, the leading zeros are
     * kept). Equal to what {@code KeyAgreement("DH")} and BouncyCastle's {@code DHBasicAgreement} compute.
     *
     * <p>From stage 3 on, the peer's key is first checked with {@link #validatePublicKey}: a refused key
     * gives no secret at all.
     *
     * @param mine          our key pair
     * @param peerPublicKey the peer's public key, in {@code mine.group()}
     * @return {@code group.byteLength()} bytes of shared secret. Not a key yet: feed it to a KDF (stage 4)
     * @throws NullPointerException       if an argument is null
     * @throws InvalidPublicKeyException  if {@link #validatePublicKey} refuses the peer's key (stage 3)
     */
    public static byte[] sharedSecret(DhKeyPair mine, BigInteger peerPublicKey) throws InvalidPublicKeyException {
        throw new UnsupportedOperationException("Stage 2: compute the shared secret"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 2 — Finite-field Diffie-Hellman'");
    }

    /**
     * Stage 3: full public-key validation, NIST SP 800-56A §5.6.2.3.1 (RFC 7919 §5.1 requires step 1):
     * <ol>
     *   <li>{@code 2 <= y <= p-2}, else {@link InvalidPublicKeyException.Reason#OUT_OF_RANGE}. This refuses
     *       negatives, 0, 1, {@code p-1} (the element of order 2) and everything from {@code p} up, which is not
     *       even an element of the group.</li>
     *   <li>{@code y^q mod p == 1}, else {@link InvalidPublicKeyException.Reason#NOT_IN_SUBGROUP}: y must lie in
     *       the subgroup of prime order q, or it leaks bits of our private key. q is {@code group.q()}, the order
     *       the group publishes: {@code (p-1)/2} only for a safe prime.</li>
     * </ol>
     * Step 1 is checked first, so {@code p-1} is reported as out of range.
     *
     * @param group     the group
     * @param publicKey the peer's public key
     * @throws NullPointerException      if an argument is null
     * @throws InvalidPublicKeyException if the key breaks either rule
     */
    public static void validatePublicKey(DhGroup group, BigInteger publicKey) throws InvalidPublicKeyException {
        throw new UnsupportedOperationException("Stage 3: validate a public key"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 3 — Public-key validation'");
    }

    /**
     * Stage 3: decodes and validates a public key from the wire: exactly {@link DhGroup#byteLength()} bytes,
     * big-endian, <em>unsigned</em> (a first byte of 0x80 or more is not a minus sign), then
     * {@link #validatePublicKey}.
     *
     * @param group   the group
     * @param encoded the bytes received
     * @return the validated public key
     * @throws NullPointerException      if an argument is null
     * @throws InvalidPublicKeyException {@link InvalidPublicKeyException.Reason#WRONG_LENGTH} if the length is not
     *                                   {@code group.byteLength()}; otherwise as {@link #validatePublicKey}
     */
    public static BigInteger decodePublicKey(DhGroup group, byte[] encoded) throws InvalidPublicKeyException {
        throw new UnsupportedOperationException("Stage 3: decode and validate a public key"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 3 — Public-key validation'");
    }
}
