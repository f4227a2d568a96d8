package dev.backendkatas.tlshandshake;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One complete handshake message (RFC 8446 §4): {@code msg_type} (1 byte), a 3-byte length, and the body. These exact
 * bytes, header included, are what the transcript hash covers (§4.4.1), whichever records carried them.
 *
 * <p>Given.
 *
 * @param type the message type
 * @param body the body, at most 2^24 - 1 bytes
 */
public record HandshakeMessage(HandshakeType type, byte[] body) {

    /** The length of a handshake message header. */
    public static final int HEADER_LENGTH = 4;

    public HandshakeMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        if (body.length > 0xFFFFFF) {
            throw new IllegalArgumentException("a handshake length is a uint24: " + body.length);
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Header and body: {@code msg_type || uint24 length || body}. */
    public byte[] encode() {
        byte[] wire = new byte[HEADER_LENGTH + body.length];
        wire[0] = (byte) type.code();
        wire[1] = (byte) (body.length >>> 16);
        wire[2] = (byte) (body.length >>> 8);
        wire[3] = (byte) body.length;
        System.arraycopy(body, 0, wire, HEADER_LENGTH, body.length);
        return wire;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HandshakeMessage that && type == that.type && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(body, 0, Math.min(body.length, 16));
        return "HandshakeMessage[" + type + ", " + body.length + " bytes: " + hex + (body.length > 16 ? "…" : "")
                + "]";
    }
}
