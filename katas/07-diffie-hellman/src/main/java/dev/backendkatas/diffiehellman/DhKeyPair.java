package dev.backendkatas.diffiehellman;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A finite-field Diffie-Hellman key pair: the private exponent {@code x} and the public key
 * {@code y = g^x mod p} of one {@link DhGroup}.
 *
 * <p>Given: this record only carries values; {@link FiniteFieldDh} makes them. {@link #toString()} never shows the
 * private key, so a key pair that ends up in a log line leaks nothing.
 *
 * @param group      the group both values belong to
 * @param privateKey the private exponent {@code x}; keep it secret
 * @param publicKey  {@code g^x mod p}; send it to the peer
 */
public record DhKeyPair(DhGroup group, BigInteger privateKey, BigInteger publicKey) {

    /**
     * @throws NullPointerException if any component is null
     */
    public DhKeyPair {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    @Override
    public String toString() {
        return "DhKeyPair[group=" + group + ", publicKey=" + publicKey.toString(16) + ", privateKey=(hidden)]";
    }
}
