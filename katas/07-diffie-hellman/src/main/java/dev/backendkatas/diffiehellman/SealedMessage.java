package dev.backendkatas.diffiehellman;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One message sealed by a {@link SecureChannel}: the nonce it was sealed with and the AES-GCM ciphertext, which ends
 * with the 16-byte authentication tag. Both travel in the clear; what protects them is the tag.
 *
 * <p>Given. Any bytes are accepted here, even a wrong-length nonce, because a receiver has to cope with whatever
 * arrives: {@link SecureChannel#open} is the place that refuses. The arrays are copied in and out.
 *
 * @param nonce      the 12-byte nonce (RFC 5116 §3.2) the sender used
 * @param ciphertext the ciphertext followed by the tag
 */
public record SealedMessage(byte[] nonce, byte[] ciphertext) {

    /**
     * @throws NullPointerException if either array is null
     */
    public SealedMessage {
        nonce = Objects.requireNonNull(nonce, "nonce").clone();
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    }

    /** @return a copy of the nonce */
    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /** @return a copy of the ciphertext (tag included) */
    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedMessage that
                && Arrays.equals(nonce, that.nonce) && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(nonce) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedMessage[nonce=" + HexFormat.of().formatHex(nonce) + ", ciphertext=" + ciphertext.length
                + " bytes]";
    }
}
