package dev.backendkatas.diffiehellman;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stage 4 — one side of an AES-256-GCM conversation keyed by a Diffie-Hellman shared secret, one key and one
 * counter nonce per direction (in the style of TLS 1.3 records, RFC 8446 §5.3).
 */
public final class SecureChannel {

    /** The HKDF label of the key that protects messages from the initiator to the responder. */
    public static final String INITIATOR_TO_RESPONDER = "backend-katas dh: initiator to responder";
    /** The HKDF label of the key that protects messages from the responder to the initiator. */
    public static final String RESPONDER_TO_INITIATOR = "backend-katas dh: responder to initiator";
    /** AES-256 key length in bytes. */
    public static final int KEY_LENGTH = 32;
    /** GCM nonce length in bytes. */
    public static final int NONCE_LENGTH = 12;
    /** GCM tag length in bytes. */
    public static final int TAG_LENGTH = 16;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey sendKey;
    private final SecretKey receiveKey;
    private long sendSequence;
    private long receiveSequence;

    private SecureChannel(byte[] sendKey, byte[] receiveKey) {
        this.sendKey = new SecretKeySpec(sendKey, "AES");
        this.receiveKey = new SecretKeySpec(receiveKey, "AES");
    }

    /** HKDF-SHA256(salt = empty, IKM = Z, info = label, L = 32). */
    public static byte[] deriveKey(byte[] sharedSecret, String label) {
        Objects.requireNonNull(sharedSecret, "sharedSecret");
        Objects.requireNonNull(label, "label");
        if (sharedSecret.length == 0) {
            throw new IllegalArgumentException("an empty shared secret is no secret");
        }
        return Hkdf.derive(new byte[0], sharedSecret, label.getBytes(StandardCharsets.UTF_8), KEY_LENGTH);
    }

    /** One side of the channel, keys chosen by role. */
    public static SecureChannel create(Role role, byte[] sharedSecret) {
        Objects.requireNonNull(role, "role");
        byte[] i2r = deriveKey(sharedSecret, INITIATOR_TO_RESPONDER);
        byte[] r2i = deriveKey(sharedSecret, RESPONDER_TO_INITIATOR);
        // Two keys, not one: with a single key both sides would seal their first message under nonce 0,
        // and a repeated GCM nonce under one key is the one mistake GCM does not survive.
        return role == Role.INITIATOR ? new SecureChannel(i2r, r2i) : new SecureChannel(r2i, i2r);
    }

    /** Seals with the next nonce of this side. */
    public SealedMessage seal(byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] nonce = nonce(sendSequence);
        byte[] ciphertext;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, sendKey, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            ciphertext = cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            // AES-GCM is mandatory in every Java SE runtime and our key and nonce are well-formed.
            throw new IllegalStateException("AES-GCM failed", e);
        }
        // Advance only after a successful seal: a nonce is spent when a ciphertext under it exists.
        sendSequence = nextSequence(sendSequence);
        return new SealedMessage(nonce, ciphertext);
    }

    /** Opens the peer's next message, or refuses it and changes nothing. */
    public byte[] open(SealedMessage message, byte[] associatedData) throws DecryptionFailedException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] expected = nonce(receiveSequence);
        // The nonce is not secret, but it must be the one we expect: that is what refuses a replayed or
        // reordered message whose tag is perfectly valid.
        if (!MessageDigest.isEqual(expected, message.nonce())) {
            throw new DecryptionFailedException("unexpected nonce: the peer's next message is number "
                    + Long.toUnsignedString(receiveSequence) + " (replayed, reordered or changed?)");
        }
        byte[] ciphertext = message.ciphertext();
        if (ciphertext.length < TAG_LENGTH) {
            throw new DecryptionFailedException("ciphertext of " + ciphertext.length + " bytes is shorter than the "
                    + TAG_LENGTH + "-byte tag");
        }
        byte[] plaintext;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, receiveKey, new GCMParameterSpec(TAG_LENGTH * 8, expected));
            cipher.updateAAD(associatedData);
            // The JDK checks the tag before it releases a single byte of plaintext.
            plaintext = cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new DecryptionFailedException("authentication tag mismatch: the ciphertext, tag or associated data"
                    + " was changed, or it was sealed under another key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
        receiveSequence = nextSequence(receiveSequence);
        return plaintext;
    }

    private static long nextSequence(long sequence) {
        // 2^64 messages will never be sent, but a wrapped counter would silently reuse nonce 0: refuse instead.
        if (sequence == -1L) {
            throw new IllegalStateException("sequence numbers exhausted: rekey");
        }
        return sequence + 1;
    }

    /** 4 zero bytes, then the sequence number as 64-bit big-endian (treated as unsigned). */
    private static byte[] nonce(long sequence) {
        return ByteBuffer.allocate(NONCE_LENGTH).putInt(0).putLong(sequence).array();
    }
}
