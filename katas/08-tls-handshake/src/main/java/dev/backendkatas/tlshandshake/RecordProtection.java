package dev.backendkatas.tlshandshake;

/**
 * Stage 4 — record protection with AES-128-GCM (RFC 8446 §5.2–5.4) for one endpoint: a write key and a read key, each
 * with its own 64-bit sequence number, which starts at 0 whenever its key changes (§5.3). Use the JDK's
 * {@code Cipher.getInstance("AES/GCM/NoPadding")} with a 128-bit tag.
 * <pre>
 *   TLSInnerPlaintext  = content || ContentType type || zeros[padding]
 *   additional_data    = 0x17 || 0x0303 || uint16 length of the encrypted record (its 5-byte header)
 *   nonce              = iv XOR (sequence number, big-endian, left-padded to 12 bytes)
 *   encrypted_record   = AES-128-GCM(key, nonce, additional_data, TLSInnerPlaintext)   (ciphertext || 16-byte tag)
 * </pre>
 */
public final class RecordProtection {

    /**
     * Installs a new write key: the next record sent uses sequence number 0 (§5.3).
     *
     * @param keys the key and IV of the new write traffic secret
     */
    public void setWriteKeys(TrafficKeys keys) {
        throw new UnsupportedOperationException("Stage 4: install a write key"
                + " — see katas/08-tls-handshake/README.md, 'Stage 4 — Record protection'");
    }

    /**
     * Installs a new read key: the next record received uses sequence number 0 (§5.3).
     *
     * @param keys the key and IV of the new read traffic secret
     */
    public void setReadKeys(TrafficKeys keys) {
        throw new UnsupportedOperationException("Stage 4: install a read key"
                + " — see katas/08-tls-handshake/README.md, 'Stage 4 — Record protection'");
    }

    /** @return the sequence number the next record sent will use */
    public long writeSequenceNumber() {
        throw new UnsupportedOperationException("Stage 4: the write sequence number"
                + " — see katas/08-tls-handshake/README.md, 'Stage 4 — Record protection'");
    }

    /** @return the sequence number the next record received must have been sent with */
    public long readSequenceNumber() {
        throw new UnsupportedOperationException("Stage 4: the read sequence number"
                + " — see katas/08-tls-handshake/README.md, 'Stage 4 — Record protection'");
    }

    /**
     * The per-record nonce (§5.3): the 64-bit sequence number, big-endian and left-padded with zeros to 12 bytes,
     * XORed with the IV.
     *
     * @param iv             the 12-byte IV of the traffic key
     * @param sequenceNumber the record's sequence number
     * @return 12 bytes
     * @throws IllegalArgumentException for an IV that is not 12 bytes
     */
    public static byte[] nonce(byte[] iv, long sequenceNumber) {
        throw new UnsupportedOperationException("Stage 4: nonce = IV XOR sequence number"
                + " — see katas/08-tls-handshake/README.md, 'Stage 4 — Record protection'");
    }

    /**
     * Protects one record under the write key and sequence number, then advances the sequence number.
     *
     * @param type    the real content type, hidden inside the encryption
     * @param content the content, at most 2^14 bytes
     * @param padding how many zero bytes to append after the type (hides the content's length)
     * @return the record as sent: outer type application_data, legacy_record_version 0x0303
     * @throws IllegalStateException    with no write key
     * @throws IllegalArgumentException for content over 2^14 bytes, a negative padding, an inner plaintext over
     *                                  2^14 + 1 bytes, or a change_cipher_spec (never protected, §5)
     */
    public TlsRecord encrypt(ContentType type, byte[] content, int padding) {
        throw new UnsupportedOperationException("Stage 4: encrypt a record"
                + " — see katas/08-tls-handshake/README.md, 'Stage 4 — Record protection'");
    }

    /**
     * Opens one protected record under the read key and the expected sequence number, then advances the sequence
     * number. The padding is removed: the last non-zero byte of the inner plaintext is the real content type.
     *
     * @param record the record as received (its header is the additional data)
     * @return the inner content type and the content
     * @throws IllegalStateException with no read key
     * @throws TlsAlertException     {@code unexpected_message} for an outer type other than application_data, an
     *                               inner plaintext of zeros only, or an inner type that is unknown or
     *                               change_cipher_spec; {@code record_overflow} for a fragment over 2^14 + 256 bytes
     *                               or an inner plaintext over 2^14 + 1; {@code bad_record_mac} when the record does
     *                               not authenticate (any changed bit, a wrong key or sequence number, a fragment
     *                               shorter than the tag)
     */
    public Plaintext decrypt(TlsRecord record) throws TlsAlertException {
        throw new UnsupportedOperationException("Stage 4: decrypt a record"
                + " — see katas/08-tls-handshake/README.md, 'Stage 4 — Record protection'");
    }
}
