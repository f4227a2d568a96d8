package dev.backendkatas.tlshandshake;

import java.util.List;

/**
 * Stage 2 — builds the ClientHello extensions this kata knows (RFC 8446 §4.2). Each returns the extension's type and
 * its {@code extension_data}. Every variable-length vector on the wire starts with its length, in as many bytes as its
 * maximum needs (§3.4): {@code <2..254>} takes one byte, {@code <2..2^16-1>} two.
 */
public final class Extensions {

    private Extensions() {
    }

    /**
     * server_name (RFC 6066 §3): {@code ServerName server_name_list<1..2^16-1>}, here one entry:
     * {@code name_type = host_name (0); HostName host_name<1..2^16-1>}.
     *
     * @param hostName the DNS name of the server, ASCII
     * @return the extension
     * @throws IllegalArgumentException for an empty or non-ASCII host name
     */
    public static Extension serverName(String hostName) {
        throw new UnsupportedOperationException("Stage 2: server_name"
                + " — see katas/08-tls-handshake/README.md, 'Stage 2 — Hello'");
    }

    /**
     * supported_groups (§4.2.7): {@code NamedGroup named_group_list<2..2^16-1>}, a uint16 each.
     *
     * @param groups the groups, most preferred first; at least one
     * @return the extension
     * @throws IllegalArgumentException for an empty list or a value that is not a uint16
     */
    public static Extension supportedGroups(List<Integer> groups) {
        throw new UnsupportedOperationException("Stage 2: supported_groups"
                + " — see katas/08-tls-handshake/README.md, 'Stage 2 — Hello'");
    }

    /**
     * signature_algorithms (§4.2.3): {@code SignatureScheme supported_signature_algorithms<2..2^16-2>}.
     *
     * @param schemes the schemes, most preferred first; at least one
     * @return the extension
     * @throws IllegalArgumentException for an empty list or a value that is not a uint16
     */
    public static Extension signatureAlgorithms(List<Integer> schemes) {
        throw new UnsupportedOperationException("Stage 2: signature_algorithms"
                + " — see katas/08-tls-handshake/README.md, 'Stage 2 — Hello'");
    }

    /**
     * supported_versions, the ClientHello form (§4.2.1): {@code ProtocolVersion versions<2..254>}, a one-byte length.
     *
     * @param versions the versions, most preferred first; at least one
     * @return the extension
     * @throws IllegalArgumentException for an empty list or a value that is not a uint16
     */
    public static Extension supportedVersions(List<Integer> versions) {
        throw new UnsupportedOperationException("Stage 2: supported_versions"
                + " — see katas/08-tls-handshake/README.md, 'Stage 2 — Hello'");
    }

    /**
     * key_share, the ClientHello form (§4.2.8): {@code KeyShareEntry client_shares<0..2^16-1>}, each entry
     * {@code NamedGroup group; opaque key_exchange<1..2^16-1>}.
     *
     * @param shares the key shares, in the order of preference
     * @return the extension
     */
    public static Extension keyShare(List<KeyShareEntry> shares) {
        throw new UnsupportedOperationException("Stage 2: key_share"
                + " — see katas/08-tls-handshake/README.md, 'Stage 2 — Hello'");
    }
}
