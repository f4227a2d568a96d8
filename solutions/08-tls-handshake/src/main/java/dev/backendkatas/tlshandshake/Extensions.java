package dev.backendkatas.tlshandshake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Stage 2 — builds the ClientHello extensions this kata knows (RFC 8446 §4.2). Every variable-length vector on the
 * wire starts with its length in as many bytes as its maximum needs (§3.4): {@code <2..254>} takes one byte,
 * {@code <2..2^16-1>} two.
 */
public final class Extensions {

    private Extensions() {
    }

    /**
     * server_name (RFC 6066 §3): a ServerNameList holding one host_name (type 0).
     *
     * @throws IllegalArgumentException for an empty or non-ASCII host name
     */
    public static Extension serverName(String hostName) {
        Objects.requireNonNull(hostName, "hostName");
        if (hostName.isEmpty() || !StandardCharsets.US_ASCII.newEncoder().canEncode(hostName)) {
            throw new IllegalArgumentException("a host name is 1 or more ASCII characters: '" + hostName + "'");
        }
        byte[] name = hostName.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        entry.write(0); // name_type host_name
        writeVector16(entry, name);
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        writeVector16(list, entry.toByteArray());
        return new Extension(TlsCodes.SERVER_NAME, list.toByteArray());
    }

    /** supported_groups (§4.2.7): {@code NamedGroup named_group_list<2..2^16-1>}. */
    public static Extension supportedGroups(List<Integer> groups) {
        return new Extension(TlsCodes.SUPPORTED_GROUPS, uint16List(groups, 2));
    }

    /** signature_algorithms (§4.2.3): {@code SignatureScheme supported_signature_algorithms<2..2^16-2>}. */
    public static Extension signatureAlgorithms(List<Integer> schemes) {
        return new Extension(TlsCodes.SIGNATURE_ALGORITHMS, uint16List(schemes, 2));
    }

    /** supported_versions, client form (§4.2.1): {@code ProtocolVersion versions<2..254>}, a one-byte length. */
    public static Extension supportedVersions(List<Integer> versions) {
        return new Extension(TlsCodes.SUPPORTED_VERSIONS, uint16List(versions, 1));
    }

    /**
     * key_share, client form (§4.2.8): {@code KeyShareEntry client_shares<0..2^16-1>}, each entry
     * {@code NamedGroup group; opaque key_exchange<1..2^16-1>}.
     */
    public static Extension keyShare(List<KeyShareEntry> shares) {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        for (KeyShareEntry share : shares) {
            writeUint16(entries, share.group());
            writeVector16(entries, share.keyExchange());
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        writeVector16(data, entries.toByteArray());
        return new Extension(TlsCodes.KEY_SHARE, data.toByteArray());
    }

    private static byte[] uint16List(List<Integer> values, int lengthBytes) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("this list holds at least one value");
        }
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        for (int value : values) {
            writeUint16(items, value);
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        if (lengthBytes == 1) {
            if (items.size() > 254) {
                throw new IllegalArgumentException("at most 127 versions");
            }
            data.write(items.size());
            data.writeBytes(items.toByteArray());
        } else {
            writeVector16(data, items.toByteArray());
        }
        return data.toByteArray();
    }

    static void writeUint16(ByteArrayOutputStream out, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("not a uint16: " + value);
        }
        out.write(value >>> 8);
        out.write(value);
    }

    static void writeVector16(ByteArrayOutputStream out, byte[] bytes) {
        writeUint16(out, bytes.length);
        out.writeBytes(bytes);
    }
}
