package dev.backendkatas.diffiehellman;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What one {@link Peer} sends the other: its ephemeral X25519 public key, and a signature over it when the peer has
 * an identity (stage 6). Like TLS 1.3's {@code key_share} extension plus its CertificateVerify (RFC 8446 §4.2.8,
 * §4.4.3), in one message.
 *
 * <p>Given. Any bytes are accepted here, because a man in the middle can send anything: {@link Peer#complete} is the
 * place that refuses. The arrays are copied in and out.
 *
 * @param publicKey the sender's 32-byte X25519 public key
 * @param signature the Ed25519 signature described in {@link Peer}, or an empty array from an anonymous peer
 */
public record KeyShare(byte[] publicKey, byte[] signature) {

    /**
     * @throws NullPointerException if either array is null
     */
    public KeyShare {
        publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
        signature = Objects.requireNonNull(signature, "signature").clone();
    }

    /** @return a copy of the public key bytes */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** @return a copy of the signature bytes (empty when the sender is anonymous) */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyShare that
                && Arrays.equals(publicKey, that.publicKey) && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(publicKey) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "KeyShare[publicKey=" + HexFormat.of().formatHex(publicKey) + ", signature=" + signature.length
                + " bytes]";
    }
}
