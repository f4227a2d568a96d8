package dev.backendkatas.tlshandshake;

/**
 * Stage 3 — the TLS 1.3 key schedule for SHA-256 suites (RFC 8446 §7.1), without PSK: static HKDF building blocks, and
 * an object that walks early secret → handshake secret → master secret as the handshake gets there.
 * <pre>
 *              0
 *              |
 *    0 -> HKDF-Extract = Early Secret
 *              |
 *        Derive-Secret(., "derived", "")
 *              |
 *   (EC)DHE -> HKDF-Extract = Handshake Secret
 *              +-----> Derive-Secret(., "c hs traffic", ClientHello...ServerHello)
 *              +-----> Derive-Secret(., "s hs traffic", ClientHello...ServerHello)
 *        Derive-Secret(., "derived", "")
 *              |
 *    0 -> HKDF-Extract = Master Secret
 *              +-----> Derive-Secret(., "c ap traffic", ClientHello...server Finished)
 *              +-----> Derive-Secret(., "s ap traffic", ClientHello...server Finished)
 *              +-----> Derive-Secret(., "exp master", ClientHello...server Finished)
 * </pre>
 * "0" is 32 zero bytes; "" is the hash of no messages, SHA-256 of the empty string. Use the JDK's {@code Mac}
 * ("HmacSHA256") and {@code MessageDigest} ("SHA-256").
 */
public final class KeySchedule {

    /** Hash.length of SHA-256. */
    public static final int HASH_LENGTH = 32;

    /** Starts the schedule with no PSK: early secret = HKDF-Extract(0, 0). */
    public KeySchedule() {
        throw new UnsupportedOperationException("Stage 3: start the key schedule (early secret)"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * HKDF-Extract (RFC 5869 §2.2): {@code HMAC-SHA256(key = salt, data = ikm)}; an empty salt is 32 zero bytes (the
     * JDK's {@code SecretKeySpec} refuses an empty key).
     */
    public static byte[] hkdfExtract(byte[] salt, byte[] ikm) {
        throw new UnsupportedOperationException("Stage 3: HKDF-Extract"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * HKDF-Expand (RFC 5869 §2.3): {@code T(1) = HMAC(prk, info || 0x01)},
     * {@code T(i) = HMAC(prk, T(i-1) || info || i)},
     * the first {@code length} bytes of {@code T(1) || T(2) || …}.
     *
     * @throws IllegalArgumentException for a length outside [1, 255 · 32] or a PRK shorter than 32 bytes
     */
    public static byte[] hkdfExpand(byte[] prk, byte[] info, int length) {
        throw new UnsupportedOperationException("Stage 3: HKDF-Expand"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * The serialised HkdfLabel (§7.1): {@code uint16 length || opaque label<7..255> = "tls13 " + label ||
     * opaque context<0..255>}.
     *
     * @throws IllegalArgumentException for a label over 249 bytes (255 with the prefix), a context over 255 bytes, or a
     *                                  length that is not a uint16
     */
    public static byte[] hkdfLabel(String label, byte[] context, int length) {
        throw new UnsupportedOperationException("Stage 3: the HkdfLabel structure"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /** HKDF-Expand-Label(secret, label, context, length) = HKDF-Expand(secret, HkdfLabel, length) (§7.1). */
    public static byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        throw new UnsupportedOperationException("Stage 3: HKDF-Expand-Label"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * Derive-Secret(secret, label, messages) = HKDF-Expand-Label(secret, label, Transcript-Hash(messages), 32).
     *
     * @param transcriptHash the transcript hash of the messages, 32 bytes
     * @throws IllegalArgumentException for a transcript hash that is not 32 bytes
     */
    public static byte[] deriveSecret(byte[] secret, String label, byte[] transcriptHash) {
        throw new UnsupportedOperationException("Stage 3: Derive-Secret"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /** The write key ("key", 16 bytes) and IV ("iv", 12 bytes) of a traffic secret (§7.3). */
    public static TrafficKeys trafficKeys(byte[] trafficSecret) {
        throw new UnsupportedOperationException("Stage 3: key and IV of a traffic secret"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /** finished_key = HKDF-Expand-Label(BaseKey, "finished", "", 32) (§4.4.4). */
    public static byte[] finishedKey(byte[] baseKey) {
        throw new UnsupportedOperationException("Stage 3: finished_key"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * Moves to the handshake secret and derives both handshake traffic secrets.
     *
     * @param sharedSecret the (EC)DHE shared secret
     * @param helloHash    Transcript-Hash(ClientHello..ServerHello)
     * @throws IllegalStateException if called twice
     */
    public void deriveHandshakeSecrets(byte[] sharedSecret, byte[] helloHash) {
        throw new UnsupportedOperationException("Stage 3: the handshake secrets"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * Moves to the master secret and derives the application traffic secrets and the exporter master secret.
     *
     * @param serverFinishedHash Transcript-Hash(ClientHello..server Finished)
     * @throws IllegalStateException before {@link #deriveHandshakeSecrets}, or if called twice
     */
    public void deriveApplicationSecrets(byte[] serverFinishedHash) {
        throw new UnsupportedOperationException("Stage 3: the application secrets"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /** The early secret: HKDF-Extract(salt = 32 zero bytes, IKM = 32 zero bytes), as there is no PSK. */
    public byte[] earlySecret() {
        throw new UnsupportedOperationException("Stage 3: the early secret"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * The handshake secret.
     *
     * @throws IllegalStateException before it is derived
     */
    public byte[] handshakeSecret() {
        throw new UnsupportedOperationException("Stage 3: the handshake secret"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * The client handshake traffic secret.
     *
     * @throws IllegalStateException before it is derived
     */
    public byte[] clientHandshakeTrafficSecret() {
        throw new UnsupportedOperationException("Stage 3: the client handshake traffic secret"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * The server handshake traffic secret.
     *
     * @throws IllegalStateException before it is derived
     */
    public byte[] serverHandshakeTrafficSecret() {
        throw new UnsupportedOperationException("Stage 3: the server handshake traffic secret"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * The master secret.
     *
     * @throws IllegalStateException before it is derived
     */
    public byte[] masterSecret() {
        throw new UnsupportedOperationException("Stage 3: the master secret"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * The client application traffic secret.
     *
     * @throws IllegalStateException before it is derived
     */
    public byte[] clientApplicationTrafficSecret() {
        throw new UnsupportedOperationException("Stage 3: the client application traffic secret"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * The server application traffic secret.
     *
     * @throws IllegalStateException before it is derived
     */
    public byte[] serverApplicationTrafficSecret() {
        throw new UnsupportedOperationException("Stage 3: the server application traffic secret"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * The exporter master secret.
     *
     * @throws IllegalStateException before it is derived
     */
    public byte[] exporterMasterSecret() {
        throw new UnsupportedOperationException("Stage 3: the exporter master secret"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }
}
