package dev.backendkatas.tlshandshake;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A decoded and checked ServerHello (RFC 8446 §4.1.3), or a HelloRetryRequest, which has the same wire format and a
 * special random.
 *
 * <p>Given.
 *
 * @param random             the server's 32-byte random
 * @param legacySessionIdEcho the echo of the client's legacy_session_id
 * @param cipherSuite        the suite the server picked
 * @param extensions         the extensions, in wire order
 * @param selectedGroup      the named group of the server's key share, or, in a HelloRetryRequest, the group the
 *                           server asks the client to use
 * @param keyShare           the server's key share; {@code null} in a HelloRetryRequest
 * @param helloRetryRequest  whether this is a HelloRetryRequest
 */
public record ServerHello(byte[] random, byte[] legacySessionIdEcho, int cipherSuite, List<Extension> extensions,
                          int selectedGroup, KeyShareEntry keyShare, boolean helloRetryRequest) {

    public ServerHello {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(legacySessionIdEcho, "legacySessionIdEcho");
        extensions = List.copyOf(extensions);
        if (helloRetryRequest != (keyShare == null)) {
            throw new IllegalArgumentException("a ServerHello has a key share, a HelloRetryRequest has none");
        }
        random = random.clone();
        legacySessionIdEcho = legacySessionIdEcho.clone();
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    @Override
    public byte[] legacySessionIdEcho() {
        return legacySessionIdEcho.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerHello that && Arrays.equals(random, that.random)
                && Arrays.equals(legacySessionIdEcho, that.legacySessionIdEcho) && cipherSuite == that.cipherSuite
                && extensions.equals(that.extensions) && selectedGroup == that.selectedGroup
                && Objects.equals(keyShare, that.keyShare) && helloRetryRequest == that.helloRetryRequest;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(random), cipherSuite, extensions, selectedGroup, keyShare);
    }

    @Override
    public String toString() {
        return (helloRetryRequest ? "HelloRetryRequest" : "ServerHello") + "[random=" + HexFormat.of().formatHex(random)
                + String.format(", suite=0x%04x, group=0x%04x, ", cipherSuite, selectedGroup) + extensions + "]";
    }
}
