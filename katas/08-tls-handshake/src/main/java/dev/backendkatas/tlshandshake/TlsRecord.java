package dev.backendkatas.tlshandshake;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One record as it travels on the wire (RFC 8446 §5.1): a 5-byte header (content type, legacy_record_version, length)
 * and the fragment. For a protected record the type is {@code APPLICATION_DATA} and the fragment is the AEAD
 * ciphertext with its tag (§5.2).
 *
 * <p>Given.
 *
 * @param type          the content type (the outer one, for a protected record)
 * @param legacyVersion legacy_record_version: 0x0303, or 0x0301 on an initial ClientHello; ignored by a receiver
 * @param fragment      the fragment; at most 2^16 - 1 bytes here (the stricter limits are the record layer's job)
 */
public record TlsRecord(ContentType type, int legacyVersion, byte[] fragment) {

    /** The length of a record header. */
    public static final int HEADER_LENGTH = 5;

    /** The largest fragment of a plaintext record, and the largest content of a protected one: 2^14 (§5.1). */
    public static final int MAX_PLAINTEXT_LENGTH = 1 << 14;

    /** The largest fragment of a protected record: 2^14 + 256 (§5.2). */
    public static final int MAX_CIPHERTEXT_LENGTH = (1 << 14) + 256;

    /** legacy_record_version of every record but an initial ClientHello (§5.1). */
    public static final int TLS12 = 0x0303;

    public TlsRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fragment, "fragment");
        if (legacyVersion < 0 || legacyVersion > 0xFFFF) {
            throw new IllegalArgumentException("legacy_record_version is a uint16: " + legacyVersion);
        }
        if (fragment.length > 0xFFFF) {
            throw new IllegalArgumentException("a record length is a uint16: " + fragment.length);
        }
        fragment = fragment.clone();
    }

    @Override
    public byte[] fragment() {
        return fragment.clone();
    }

    /** The 5-byte header: type, legacy_record_version and length, big-endian. It is the AAD of a protected record. */
    public byte[] header() {
        return new byte[] {(byte) type.code(), (byte) (legacyVersion >>> 8), (byte) legacyVersion,
            (byte) (fragment.length >>> 8), (byte) fragment.length};
    }

    /** Header and fragment, as sent. */
    public byte[] encode() {
        byte[] wire = Arrays.copyOf(header(), HEADER_LENGTH + fragment.length);
        System.arraycopy(fragment, 0, wire, HEADER_LENGTH, fragment.length);
        return wire;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsRecord that && type == that.type && legacyVersion == that.legacyVersion
                && Arrays.equals(fragment, that.fragment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, legacyVersion, Arrays.hashCode(fragment));
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(fragment, 0, Math.min(fragment.length, 16));
        return "TlsRecord[" + type + ", 0x" + Integer.toHexString(legacyVersion) + ", " + fragment.length + " bytes: "
                + hex + (fragment.length > 16 ? "…" : "") + "]";
    }
}
