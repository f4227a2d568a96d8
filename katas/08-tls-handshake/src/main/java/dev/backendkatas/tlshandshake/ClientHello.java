package dev.backendkatas.tlshandshake;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a client offers in its ClientHello (RFC 8446 §4.1.2). legacy_version (0x0303) and legacy_compression_methods
 * (the single method 0) are fixed and not part of this record. The extensions are kept in the order they are sent:
 * {@link Extensions} builds the ones this kata knows, and any other can be given as raw bytes.
 *
 * <p>Given.
 *
 * @param random          32 bytes from a secure random source
 * @param legacySessionId 0 to 32 bytes (32 random bytes in "middlebox compatibility mode", §D.4)
 * @param cipherSuites    the offered suites, most preferred first; at least one
 * @param extensions      the extensions, in the order they are sent
 */
public record ClientHello(byte[] random, byte[] legacySessionId, List<Integer> cipherSuites,
                          List<Extension> extensions) {

    public ClientHello {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(legacySessionId, "legacySessionId");
        cipherSuites = List.copyOf(cipherSuites);
        extensions = List.copyOf(extensions);
        if (random.length != 32) {
            throw new IllegalArgumentException("the random is 32 bytes, not " + random.length);
        }
        if (legacySessionId.length > 32) {
            throw new IllegalArgumentException("legacy_session_id is 0 to 32 bytes, not " + legacySessionId.length);
        }
        if (cipherSuites.isEmpty()) {
            throw new IllegalArgumentException("offer at least one cipher suite");
        }
        random = random.clone();
        legacySessionId = legacySessionId.clone();
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    @Override
    public byte[] legacySessionId() {
        return legacySessionId.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientHello that && Arrays.equals(random, that.random)
                && Arrays.equals(legacySessionId, that.legacySessionId) && cipherSuites.equals(that.cipherSuites)
                && extensions.equals(that.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(random), Arrays.hashCode(legacySessionId), cipherSuites, extensions);
    }

    @Override
    public String toString() {
        return "ClientHello[random=" + HexFormat.of().formatHex(random) + ", suites=" + cipherSuites + ", "
                + extensions.size() + " extensions]";
    }
}
