package dev.backendkatas.chunkedupload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The checksum a PATCH announces for its body in {@code Upload-Checksum} (tus 1.0.0, Checksum extension), once
 * parsed: which algorithm, and the digest the body must have.
 *
 * <p>Given to you: it is not the lesson. Parsing the header into this record is.
 *
 * @param algorithm the tus name, a key of {@link Tus#CHECKSUM_ALGORITHMS}
 * @param digest    the expected digest, decoded from Base64
 */
public record ChunkChecksum(String algorithm, byte[] digest) {

    public ChunkChecksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(digest, "digest");
        if (!Tus.CHECKSUM_ALGORITHMS.containsKey(algorithm)) {
            throw new IllegalArgumentException("unsupported checksum algorithm: " + algorithm);
        }
        digest = digest.clone();
    }

    /** A fresh {@link MessageDigest} for {@link #algorithm()}, to feed the body through. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(Tus.CHECKSUM_ALGORITHMS.get(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java SE runtime has " + algorithm, e);
        }
    }

    /** The expected digest (a copy). */
    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** Whether {@code actual} is the expected digest, compared in constant time. */
    public boolean matches(byte[] actual) {
        return MessageDigest.isEqual(digest, actual);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChunkChecksum that && algorithm.equals(that.algorithm)
                && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return algorithm + " " + java.util.Base64.getEncoder().encodeToString(digest);
    }
}
