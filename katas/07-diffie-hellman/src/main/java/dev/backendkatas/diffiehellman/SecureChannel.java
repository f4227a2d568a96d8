package dev.backendkatas.diffiehellman;

/**
 * Stage 4 — one side of an encrypted conversation keyed by a Diffie-Hellman shared secret, in the style of TLS 1.3
 * records (RFC 8446 §5.2, §5.3, §7.1).
 *
 * <h2>Keys</h2>
 * Two AES-256 keys come out of the shared secret Z, one per direction:
 * {@code key(label) = HKDF-SHA256(salt = empty, IKM = Z, info = UTF-8 bytes of label, L = 32)}
 * (see {@link #deriveKey}). The {@link Role#INITIATOR} seals with {@code key(INITIATOR_TO_RESPONDER)} and opens with
 * {@code key(RESPONDER_TO_INITIATOR)}; the {@link Role#RESPONDER} does the opposite. One key per direction is what
 * makes a counter nonce safe: both sides start counting at 0.
 *
 * <h2>Sealing</h2>
 * AES-256-GCM (the JDK's {@code Cipher.getInstance("AES/GCM/NoPadding")}, 128-bit tag), with the associated data
 * authenticated but not encrypted. The nonce of the n-th message sealed by this channel (n = 0, 1, 2, ...) is 12
 * bytes: 4 zero bytes, then n as a 64-bit big-endian number. A nonce is never used twice with one key: reusing a GCM
 * nonce leaks the XOR of two plaintexts and lets an attacker forge tags (NIST SP 800-38D §8).
 *
 * <h2>Opening</h2>
 * A message opens only if its nonce is exactly the one the peer must have used for its next message (this also
 * refuses replays and reordering) and its tag verifies for that nonce, the ciphertext and the associated data. A
 * refused message releases no plaintext and leaves the channel as it was, so the genuine message can still be
 * opened after a forgery was refused.
 *
 * <p>Not thread-safe: one thread seals, one opens, or synchronise outside.
 */
public final class SecureChannel {

    /** The HKDF label of the key that protects messages from the initiator to the responder. */
    public static final String INITIATOR_TO_RESPONDER = "backend-katas dh: initiator to responder";
    /** The HKDF label of the key that protects messages from the responder to the initiator. */
    public static final String RESPONDER_TO_INITIATOR = "backend-katas dh: responder to initiator";
    /** AES-256 key length in bytes. */
    public static final int KEY_LENGTH = 32;
    /** GCM nonce length in bytes (RFC 5116 §3.2, NIST SP 800-38D §5.2.1.1). */
    public static final int NONCE_LENGTH = 12;
    /** GCM tag length in bytes. */
    public static final int TAG_LENGTH = 16;

    private SecureChannel() {
    }

    /**
     * Derives a 32-byte AES key from a shared secret:
     * {@code HKDF-SHA256(salt = empty, IKM = sharedSecret, info = label in UTF-8, L = 32)} (RFC 5869).
     *
     * @param sharedSecret the raw Diffie-Hellman output Z, not empty
     * @param label        what the key is for; different labels give independent keys
     * @return 32 key bytes
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code sharedSecret} is empty
     */
    public static byte[] deriveKey(byte[] sharedSecret, String label) {
        throw new UnsupportedOperationException("Stage 4: derive a key from the shared secret"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 4 — Key derivation'");
    }

    /**
     * Creates one side of the channel: derives the sending and receiving keys for {@code role} from the shared
     * secret (see the class comment). Both counters start at 0.
     *
     * @param role         which side this is
     * @param sharedSecret the raw Diffie-Hellman output Z, not empty; the caller may wipe its array afterwards
     * @return the channel
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code sharedSecret} is empty
     */
    public static SecureChannel create(Role role, byte[] sharedSecret) {
        throw new UnsupportedOperationException("Stage 4: create a channel from a shared secret"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 4 — Key derivation'");
    }

    /**
     * Encrypts and authenticates one message with the next nonce of this side.
     *
     * @param plaintext      the message, possibly empty
     * @param associatedData bytes the peer must see unchanged but that are not secret (a header, a message type),
     *                       possibly empty
     * @return the nonce and the ciphertext with its tag ({@code plaintext.length + 16} bytes)
     * @throws NullPointerException if an argument is null
     */
    public SealedMessage seal(byte[] plaintext, byte[] associatedData) {
        throw new UnsupportedOperationException("Stage 4: seal a message with AES-256-GCM"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 4 — Key derivation'");
    }

    /**
     * Checks and decrypts the peer's next message.
     *
     * @param message        what arrived
     * @param associatedData the associated data the peer sealed it with
     * @return the plaintext
     * @throws NullPointerException       if an argument is null
     * @throws DecryptionFailedException  if the nonce is not the peer's next one (wrong length, replayed,
     *                                    reordered, changed), the ciphertext is shorter than the tag, or the tag
     *                                    does not verify (changed ciphertext, tag or associated data, or another
     *                                    key)
     */
    public byte[] open(SealedMessage message, byte[] associatedData) throws DecryptionFailedException {
        throw new UnsupportedOperationException("Stage 4: open a sealed message"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 4 — Key derivation'");
    }
}
