package dev.backendkatas.tlshandshake;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Stage 3 — the running transcript hash (RFC 8446 §4.4.1): SHA-256 over every handshake message so far, each with its
 * 4-byte header, in the order sent and received. Record headers, padding and encryption are not part of it.
 */
public final class TranscriptHash {

    private final MessageDigest digest = sha256();

    /** Adds one handshake message, header included. */
    public void add(HandshakeMessage message) {
        Objects.requireNonNull(message, "message");
        digest.update(message.encode());
    }

    /** The hash of the messages added so far; adding more afterwards goes on from there. */
    public byte[] current() {
        try {
            // digest() would reset the running hash: hash a copy instead.
            return ((MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be cloned", e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
