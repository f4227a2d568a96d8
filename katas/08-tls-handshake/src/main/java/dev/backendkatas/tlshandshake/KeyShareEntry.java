package dev.backendkatas.tlshandshake;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One {@code KeyShareEntry} (RFC 8446 §4.2.8): a named group and the sender's public value in it (for x25519, the
 * 32-byte u-coordinate of RFC 7748).
 *
 * <p>Given.
 *
 * @param group       the named group, a uint16
 * @param keyExchange the public value, 1 to 2^16 - 1 bytes
 */
public record KeyShareEntry(int group, byte[] keyExchange) {

    public KeyShareEntry {
        Objects.requireNonNull(keyExchange, "keyExchange");
        if (group < 0 || group > 0xFFFF) {
            throw new IllegalArgumentException("a named group is a uint16: " + group);
        }
        if (keyExchange.length < 1 || keyExchange.length > 0xFFFF) {
            throw new IllegalArgumentException("key_exchange is 1 to 2^16 - 1 bytes: " + keyExchange.length);
        }
        keyExchange = keyExchange.clone();
    }

    @Override
    public byte[] keyExchange() {
        return keyExchange.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyShareEntry that && group == that.group
                && Arrays.equals(keyExchange, that.keyExchange);
    }

    @Override
    public int hashCode() {
        return 31 * group + Arrays.hashCode(keyExchange);
    }

    @Override
    public String toString() {
        return String.format("KeyShareEntry[0x%04x: %s]", group, HexFormat.of().formatHex(keyExchange));
    }
}
