package dev.backendkatas.tlshandshake;

/**
 * Stage 3 — the running transcript hash (RFC 8446 §4.4.1): SHA-256 over every handshake message so far, each with its
 * 4-byte header, in the order sent and received. Record headers, padding and encryption are not part of it.
 */
public final class TranscriptHash {

    /**
     * Adds one handshake message, header included.
     *
     * @param message the message sent or received
     */
    public void add(HandshakeMessage message) {
        throw new UnsupportedOperationException("Stage 3: add a message to the transcript"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }

    /**
     * The hash of the messages added so far. Taking it does not end the transcript: adding more goes on from there.
     *
     * @return 32 bytes
     */
    public byte[] current() {
        throw new UnsupportedOperationException("Stage 3: the transcript hash so far"
                + " — see katas/08-tls-handshake/README.md, 'Stage 3 — Key schedule'");
    }
}
