package dev.backendkatas.tlshandshake;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Stage 1 — turns the fragments of handshake records back into handshake messages (RFC 8446 §5.1): one record may
 * hold several messages, and one message may span several records.
 */
public final class HandshakeReassembler {

    /** The default bound on one message's body: 2^16 bytes, enough for a certificate chain of a few certificates. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1 << 16;

    private final int maxMessageLength;
    private byte[] buffer = new byte[0];

    /** A reassembler that accepts bodies of up to {@link #DEFAULT_MAX_MESSAGE_LENGTH} bytes. */
    public HandshakeReassembler() {
        this(DEFAULT_MAX_MESSAGE_LENGTH);
    }

    /** @param maxMessageLength the longest body this reassembler accepts, at least 0 */
    public HandshakeReassembler(int maxMessageLength) {
        if (maxMessageLength < 0) {
            throw new IllegalArgumentException("maxMessageLength " + maxMessageLength);
        }
        this.maxMessageLength = maxMessageLength;
    }

    /**
     * Adds the fragment of one handshake record.
     *
     * @throws TlsAlertException {@code unexpected_message} for an empty fragment (§5.1: handshake records are never
     *                           empty) or, when no complete message is waiting before it, a header of an unknown
     *                           message type; {@code decode_error} for such a header announcing more than the bound
     */
    public void add(byte[] fragment) throws TlsAlertException {
        Objects.requireNonNull(fragment, "fragment");
        if (fragment.length == 0) {
            throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                    "a zero-length handshake fragment (RFC 8446 §5.1)");
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream(buffer.length + fragment.length);
        joined.writeBytes(buffer);
        joined.writeBytes(fragment);
        buffer = joined.toByteArray();
        check();
    }

    /**
     * The next complete message, or {@code null} if the bytes added so far do not complete one.
     *
     * @throws TlsAlertException {@code unexpected_message} for an unknown message type, {@code decode_error} for a
     *                           length above the bound; the messages before the bad one are returned first
     */
    public HandshakeMessage next() throws TlsAlertException {
        check();
        if (buffer.length < HandshakeMessage.HEADER_LENGTH) {
            return null;
        }
        int length = announcedLength();
        if (buffer.length - HandshakeMessage.HEADER_LENGTH < length) {
            return null;
        }
        HandshakeType type = HandshakeType.fromCode(buffer[0] & 0xFF).orElseThrow();
        int end = HandshakeMessage.HEADER_LENGTH + length;
        HandshakeMessage message = new HandshakeMessage(type,
                Arrays.copyOfRange(buffer, HandshakeMessage.HEADER_LENGTH, end));
        buffer = Arrays.copyOfRange(buffer, end, buffer.length);
        return message;
    }

    /**
     * Whether no part of a message is waiting for more bytes. Keys change only at a message boundary: a message that
     * spans a key change is an {@code unexpected_message} (§5.1).
     */
    public boolean atMessageBoundary() {
        return buffer.length == 0;
    }

    /** Checks the header at the front once its bytes are in: a hostile type or length fails before more is buffered. */
    private void check() throws TlsAlertException {
        if (buffer.length == 0) {
            return;
        }
        Optional<HandshakeType> type = HandshakeType.fromCode(buffer[0] & 0xFF);
        if (type.isEmpty()) {
            throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                    "unknown handshake message type " + (buffer[0] & 0xFF) + " (RFC 8446 §4)");
        }
        if (buffer.length >= HandshakeMessage.HEADER_LENGTH && announcedLength() > maxMessageLength) {
            throw new TlsAlertException(AlertDescription.DECODE_ERROR, "a " + type.get() + " of " + announcedLength()
                    + " bytes, more than this client accepts (" + maxMessageLength + ")");
        }
    }

    private int announcedLength() {
        return (buffer[1] & 0xFF) << 16 | (buffer[2] & 0xFF) << 8 | (buffer[3] & 0xFF);
    }
}
