package dev.backendkatas.tlshandshake;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stage 4 — record protection with AES-128-GCM (RFC 8446 §5.2–5.4) for one endpoint: a write key and a read key, each
 * with its own 64-bit sequence number, which starts at 0 whenever its key changes.
 */
public final class RecordProtection {

    private static final int TAG_LENGTH = 16;

    private TrafficKeys writeKeys;
    private TrafficKeys readKeys;
    private long writeSequence;
    private long readSequence;

    /** Installs a new write key: the next record sent uses sequence number 0 (§5.3). */
    public void setWriteKeys(TrafficKeys keys) {
        writeKeys = Objects.requireNonNull(keys, "keys");
        writeSequence = 0;
    }

    /** Installs a new read key: the next record received uses sequence number 0 (§5.3). */
    public void setReadKeys(TrafficKeys keys) {
        readKeys = Objects.requireNonNull(keys, "keys");
        readSequence = 0;
    }

    /** The sequence number the next record sent will use. */
    public long writeSequenceNumber() {
        return writeSequence;
    }

    /** The sequence number the next record received must have been sent with. */
    public long readSequenceNumber() {
        return readSequence;
    }

    /**
     * The per-record nonce (§5.3): the sequence number, big-endian and left-padded with zeros to 12 bytes, XORed
     * with the IV.
     */
    public static byte[] nonce(byte[] iv, long sequenceNumber) {
        Objects.requireNonNull(iv, "iv");
        if (iv.length != TrafficKeys.IV_LENGTH) {
            throw new IllegalArgumentException("the IV is 12 bytes, not " + iv.length);
        }
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (sequenceNumber >>> (8 * i));
        }
        return nonce;
    }

    /**
     * Protects one record: TLSInnerPlaintext = content || type || {@code padding} zero bytes, encrypted under the write
     * key with the record header as additional data.
     *
     * @return the record as sent: outer type application_data, legacy_record_version 0x0303
     * @throws IllegalStateException    with no write key
     * @throws IllegalArgumentException for content over 2^14 bytes, a negative padding, an inner plaintext over
     *                                  2^14 + 1 bytes, or a change_cipher_spec (never protected, §5)
     */
    public TlsRecord encrypt(ContentType type, byte[] content, int padding) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        if (writeKeys == null) {
            throw new IllegalStateException("no write key yet");
        }
        if (type == ContentType.CHANGE_CIPHER_SPEC) {
            throw new IllegalArgumentException("change_cipher_spec records are never protected (RFC 8446 §5)");
        }
        if (content.length > TlsRecord.MAX_PLAINTEXT_LENGTH || padding < 0
                || content.length + 1 + padding > TlsRecord.MAX_PLAINTEXT_LENGTH + 1) {
            throw new IllegalArgumentException("content " + content.length + " + type + padding " + padding
                    + " is more than 2^14 + 1 bytes (RFC 8446 §5.2, §5.4)");
        }
        byte[] inner = Arrays.copyOf(content, content.length + 1 + padding);
        inner[content.length] = (byte) type.code();
        int length = inner.length + TAG_LENGTH;
        byte[] header = {(byte) ContentType.APPLICATION_DATA.code(), 0x03, 0x03, (byte) (length >>> 8), (byte) length};
        byte[] ciphertext;
        try {
            ciphertext = gcm(Cipher.ENCRYPT_MODE, writeKeys, writeSequence, header, inner);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("encryption checks no tag", e);
        }
        writeSequence++;
        return new TlsRecord(ContentType.APPLICATION_DATA, TlsRecord.TLS12, ciphertext);
    }

    /**
     * Opens one protected record under the read key and the expected sequence number.
     *
     * @throws IllegalStateException with no read key
     * @throws TlsAlertException     {@code unexpected_message} for an outer type other than application_data, an
     *                               inner plaintext of zeros only or an unknown or change_cipher_spec inner type;
     *                               {@code record_overflow} for a fragment over 2^14 + 256 bytes or an inner plaintext
     *                               over 2^14 + 1; {@code bad_record_mac} when authentication fails
     */
    public Plaintext decrypt(TlsRecord record) throws TlsAlertException {
        Objects.requireNonNull(record, "record");
        if (readKeys == null) {
            throw new IllegalStateException("no read key yet");
        }
        if (record.type() != ContentType.APPLICATION_DATA) {
            throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                    "a " + record.type() + " record where a protected record must come (RFC 8446 §5.2)");
        }
        byte[] fragment = record.fragment();
        if (fragment.length > TlsRecord.MAX_CIPHERTEXT_LENGTH) {
            throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW,
                    "a protected record of " + fragment.length + " bytes, more than 2^14 + 256 (RFC 8446 §5.2)");
        }
        if (fragment.length < TAG_LENGTH) {
            throw new TlsAlertException(AlertDescription.BAD_RECORD_MAC,
                    "a protected record shorter than its 16-byte tag (RFC 8446 §5.2)");
        }
        byte[] inner;
        try {
            inner = gcm(Cipher.DECRYPT_MODE, readKeys, readSequence, record.header(), fragment);
        } catch (AEADBadTagException e) {
            throw new TlsAlertException(AlertDescription.BAD_RECORD_MAC,
                    "the record does not authenticate under the read key and sequence number " + readSequence
                            + " (RFC 8446 §5.2)", e);
        }
        readSequence++;
        if (inner.length > TlsRecord.MAX_PLAINTEXT_LENGTH + 1) {
            throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW,
                    "an inner plaintext of " + inner.length + " bytes, more than 2^14 + 1 (RFC 8446 §5.4)");
        }
        int end = inner.length - 1;
        while (end >= 0 && inner[end] == 0) {
            end--;
        }
        if (end < 0) {
            throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                    "an inner plaintext of zeros only: no content type (RFC 8446 §5.4)");
        }
        int code = inner[end] & 0xFF;
        ContentType type = ContentType.fromCode(code).filter(t -> t != ContentType.CHANGE_CIPHER_SPEC)
                .orElseThrow(() -> new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                        "inner content type " + code + " (RFC 8446 §5.4)"));
        return new Plaintext(type, Arrays.copyOf(inner, end));
    }

    private static byte[] gcm(int mode, TrafficKeys keys, long sequence, byte[] aad, byte[] input)
            throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(keys.key(), "AES"),
                    new GCMParameterSpec(8 * TAG_LENGTH, nonce(keys.iv(), sequence)));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK", e);
        }
    }
}
