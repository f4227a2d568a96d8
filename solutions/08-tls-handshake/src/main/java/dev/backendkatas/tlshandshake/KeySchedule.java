package dev.backendkatas.tlshandshake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stage 3 — the TLS 1.3 key schedule for SHA-256 suites (RFC 8446 §7.1), without PSK: static HKDF building blocks, and
 * an object that walks early secret → handshake secret → master secret as the handshake gets there.
 */
public final class KeySchedule {

    /** Hash.length of SHA-256. */
    public static final int HASH_LENGTH = 32;

    private static final byte[] ZEROS = new byte[HASH_LENGTH];
    private static final byte[] EMPTY_HASH = TranscriptHash.sha256().digest();

    private final byte[] earlySecret;
    private byte[] handshakeSecret;
    private byte[] clientHandshakeTrafficSecret;
    private byte[] serverHandshakeTrafficSecret;
    private byte[] masterSecret;
    private byte[] clientApplicationTrafficSecret;
    private byte[] serverApplicationTrafficSecret;
    private byte[] exporterMasterSecret;

    /** Starts the schedule with no PSK: early secret = HKDF-Extract(0, 0). */
    public KeySchedule() {
        earlySecret = hkdfExtract(ZEROS, ZEROS);
    }

    /** HKDF-Extract (RFC 5869 §2.2) with HMAC-SHA256; an empty salt is 32 zero bytes. */
    public static byte[] hkdfExtract(byte[] salt, byte[] ikm) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(ikm, "ikm");
        return hmac(salt.length == 0 ? ZEROS : salt, ikm);
    }

    /** HKDF-Expand (RFC 5869 §2.3): 1 to 255 · 32 bytes from a PRK of at least 32 bytes. */
    public static byte[] hkdfExpand(byte[] prk, byte[] info, int length) {
        Objects.requireNonNull(prk, "prk");
        Objects.requireNonNull(info, "info");
        if (prk.length < HASH_LENGTH) {
            throw new IllegalArgumentException("a PRK is at least 32 bytes, not " + prk.length);
        }
        if (length < 1 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-Expand makes 1 to 8160 bytes, not " + length);
        }
        byte[] okm = new byte[length];
        byte[] block = new byte[0];
        for (int i = 1, done = 0; done < length; i++) {
            byte[] input = Arrays.copyOf(block, block.length + info.length + 1);
            System.arraycopy(info, 0, input, block.length, info.length);
            input[input.length - 1] = (byte) i;
            block = hmac(prk, input);
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, okm, done, n);
            done += n;
        }
        return okm;
    }

    /**
     * The serialised HkdfLabel (§7.1): {@code uint16 length || opaque label<7..255> = "tls13 " + label ||
     * opaque context<0..255>}.
     */
    public static byte[] hkdfLabel(String label, byte[] context, int length) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(context, "context");
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        if (fullLabel.length > 255 || context.length > 255 || length < 0 || length > 0xFFFF) {
            throw new IllegalArgumentException("HkdfLabel: label <= 249 bytes, context <= 255, length a uint16");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(length >>> 8);
        out.write(length);
        out.write(fullLabel.length);
        out.writeBytes(fullLabel);
        out.write(context.length);
        out.writeBytes(context);
        return out.toByteArray();
    }

    /** HKDF-Expand-Label(secret, label, context, length) = HKDF-Expand(secret, HkdfLabel, length) (§7.1). */
    public static byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        return hkdfExpand(secret, hkdfLabel(label, context, length), length);
    }

    /** Derive-Secret(secret, label, messages) = HKDF-Expand-Label(secret, label, Transcript-Hash(messages), 32). */
    public static byte[] deriveSecret(byte[] secret, String label, byte[] transcriptHash) {
        Objects.requireNonNull(transcriptHash, "transcriptHash");
        if (transcriptHash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("a SHA-256 transcript hash is 32 bytes, not " + transcriptHash.length);
        }
        return expandLabel(secret, label, transcriptHash, HASH_LENGTH);
    }

    /** The write key ("key", 16 bytes) and IV ("iv", 12 bytes) of a traffic secret (§7.3). */
    public static TrafficKeys trafficKeys(byte[] trafficSecret) {
        return new TrafficKeys(expandLabel(trafficSecret, "key", new byte[0], TrafficKeys.KEY_LENGTH),
                expandLabel(trafficSecret, "iv", new byte[0], TrafficKeys.IV_LENGTH));
    }

    /** finished_key = HKDF-Expand-Label(BaseKey, "finished", "", 32) (§4.4.4). */
    public static byte[] finishedKey(byte[] baseKey) {
        return expandLabel(baseKey, "finished", new byte[0], HASH_LENGTH);
    }

    /**
     * Moves to the handshake secret and derives both handshake traffic secrets.
     *
     * @param sharedSecret the (EC)DHE shared secret
     * @param helloHash    Transcript-Hash(ClientHello..ServerHello)
     * @throws IllegalStateException if called twice
     */
    public void deriveHandshakeSecrets(byte[] sharedSecret, byte[] helloHash) {
        Objects.requireNonNull(sharedSecret, "sharedSecret");
        Objects.requireNonNull(helloHash, "helloHash");
        if (handshakeSecret != null) {
            throw new IllegalStateException("the handshake secrets are derived once");
        }
        byte[] salt = deriveSecret(earlySecret, "derived", EMPTY_HASH);
        byte[] secret = hkdfExtract(salt, sharedSecret);
        clientHandshakeTrafficSecret = deriveSecret(secret, "c hs traffic", helloHash);
        serverHandshakeTrafficSecret = deriveSecret(secret, "s hs traffic", helloHash);
        handshakeSecret = secret;
    }

    /**
     * Moves to the master secret and derives the application traffic secrets and the exporter master secret.
     *
     * @param serverFinishedHash Transcript-Hash(ClientHello..server Finished)
     * @throws IllegalStateException before {@link #deriveHandshakeSecrets}, or if called twice
     */
    public void deriveApplicationSecrets(byte[] serverFinishedHash) {
        Objects.requireNonNull(serverFinishedHash, "serverFinishedHash");
        if (handshakeSecret == null || masterSecret != null) {
            throw new IllegalStateException("the application secrets come once, after the handshake secrets");
        }
        byte[] salt = deriveSecret(handshakeSecret, "derived", EMPTY_HASH);
        byte[] secret = hkdfExtract(salt, ZEROS);
        clientApplicationTrafficSecret = deriveSecret(secret, "c ap traffic", serverFinishedHash);
        serverApplicationTrafficSecret = deriveSecret(secret, "s ap traffic", serverFinishedHash);
        exporterMasterSecret = deriveSecret(secret, "exp master", serverFinishedHash);
        masterSecret = secret;
    }

    public byte[] earlySecret() {
        return earlySecret.clone();
    }

    public byte[] handshakeSecret() {
        return get(handshakeSecret, "handshake secret");
    }

    public byte[] clientHandshakeTrafficSecret() {
        return get(clientHandshakeTrafficSecret, "client handshake traffic secret");
    }

    public byte[] serverHandshakeTrafficSecret() {
        return get(serverHandshakeTrafficSecret, "server handshake traffic secret");
    }

    public byte[] masterSecret() {
        return get(masterSecret, "master secret");
    }

    public byte[] clientApplicationTrafficSecret() {
        return get(clientApplicationTrafficSecret, "client application traffic secret");
    }

    public byte[] serverApplicationTrafficSecret() {
        return get(serverApplicationTrafficSecret, "server application traffic secret");
    }

    public byte[] exporterMasterSecret() {
        return get(exporterMasterSecret, "exporter master secret");
    }

    private static byte[] get(byte[] secret, String name) {
        if (secret == null) {
            throw new IllegalStateException("the " + name + " is not derived yet");
        }
        return secret.clone();
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
