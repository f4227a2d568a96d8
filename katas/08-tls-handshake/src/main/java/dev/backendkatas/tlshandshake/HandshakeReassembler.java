package dev.backendkatas.tlshandshake;

/**
 * Stage 1 — turns the fragments of handshake records back into handshake messages (RFC 8446 §5.1, §4): one record may
 * hold several messages, one message may span several records. A message is
 * {@code msg_type (1 byte) || length (uint24) || body}.
 */
public final class HandshakeReassembler {

    /** The default bound on one message's body: 2^16 bytes, enough for a certificate chain of a few certificates. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1 << 16;

    /** A reassembler that accepts bodies of up to {@link #DEFAULT_MAX_MESSAGE_LENGTH} bytes. */
    public HandshakeReassembler() {
        this(DEFAULT_MAX_MESSAGE_LENGTH);
    }

    /**
     * @param maxMessageLength the longest body this reassembler accepts, at least 0
     * @throws IllegalArgumentException for a negative bound
     */
    public HandshakeReassembler(int maxMessageLength) {
        // Stage 1: keep the bound — see katas/08-tls-handshake/README.md, 'Stage 1 — Records'
    }

    /**
     * Adds the fragment of one handshake record. A message header at the front of what is buffered is checked as soon
     * as its bytes are there, before any more is buffered.
     *
     * @param fragment the fragment of a record of type handshake
     * @throws TlsAlertException {@code unexpected_message} for an empty fragment (§5.1: handshake records are never
     *                           empty) or, when no complete message is waiting before it, a header of an unknown
     *                           message type; {@code decode_error} for such a header announcing more than the bound
     */
    public void add(byte[] fragment) throws TlsAlertException {
        throw new UnsupportedOperationException("Stage 1: buffer a handshake fragment"
                + " — see katas/08-tls-handshake/README.md, 'Stage 1 — Records'");
    }

    /**
     * The next complete message, or {@code null} if the bytes added so far do not complete one.
     *
     * @return the next message, or {@code null}
     * @throws TlsAlertException {@code unexpected_message} for an unknown message type, {@code decode_error} for a
     *                           length above the bound; the messages before the bad one are returned first
     */
    public HandshakeMessage next() throws TlsAlertException {
        throw new UnsupportedOperationException("Stage 1: take the next complete handshake message"
                + " — see katas/08-tls-handshake/README.md, 'Stage 1 — Records'");
    }

    /**
     * Whether no part of a message is waiting for more bytes. Keys change only at a message boundary: a message that
     * spans a key change is an {@code unexpected_message} (§5.1), and the caller checks this before it changes keys.
     *
     * @return {@code true} when nothing is buffered
     */
    public boolean atMessageBoundary() {
        throw new UnsupportedOperationException("Stage 1: is a message half-buffered?"
                + " — see katas/08-tls-handshake/README.md, 'Stage 1 — Records'");
    }
}
