package dev.backendkatas.tlshandshake;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One extension of a hello message (RFC 8446 §4.2): its type and its {@code extension_data}, without the 4-byte
 * type-and-length header.
 *
 * <p>Given.
 *
 * @param type the extension type, a uint16 ({@link TlsCodes} names the ones this kata knows)
 * @param data the extension_data, at most 2^16 - 1 bytes
 */
public record Extension(int type, byte[] data) {

    public Extension {
        Objects.requireNonNull(data, "data");
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("an extension type is a uint16: " + type);
        }
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("extension_data is at most 2^16 - 1 bytes: " + data.length);
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Extension that && type == that.type && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("Extension[0x%04x: %s]", type, HexFormat.of().formatHex(data));
    }
}
