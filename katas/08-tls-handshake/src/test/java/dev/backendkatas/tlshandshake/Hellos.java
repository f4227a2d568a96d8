package dev.backendkatas.tlshandshake;

import static dev.backendkatas.tlshandshake.TestHelpers.bytes;
import static dev.backendkatas.tlshandshake.TestHelpers.concat;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Hello messages for the tests of stage 2: RFC 8448's ClientHello as a {@link ClientHello}, and ServerHello bytes. */
final class Hellos {

    /** RFC 8448 §3's client random. */
    static final String RANDOM = "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7";
    /** RFC 8448 §3's server random. */
    static final String SERVER_RANDOM = "a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928";

    static final List<Integer> RFC_GROUPS = List.of(TlsCodes.X25519, TlsCodes.SECP256R1, TlsCodes.SECP384R1,
            TlsCodes.SECP521R1, TlsCodes.FFDHE2048, TlsCodes.FFDHE3072, TlsCodes.FFDHE4096, TlsCodes.FFDHE6144,
            TlsCodes.FFDHE8192);
    static final List<Integer> RFC_SIGNATURE_SCHEMES = List.of(0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805,
            0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0402, 0x0502, 0x0602, 0x0202);

    private Hellos() {
    }

    /** RFC 8448 §3's ClientHello: its random, its x25519 share, its nine extensions in its order. */
    static ClientHello rfc8448() {
        return new ClientHello(bytes(RANDOM), new byte[0], List.of(0x1301, 0x1303, 0x1302), List.of(
                Extensions.serverName("server"),
                new Extension(TlsCodes.RENEGOTIATION_INFO, bytes("00")),
                Extensions.supportedGroups(RFC_GROUPS),
                new Extension(TlsCodes.SESSION_TICKET, new byte[0]),
                Extensions.keyShare(List.of(new KeyShareEntry(TlsCodes.X25519, bytes(Rfc8448.CLIENT_PUBLIC)))),
                Extensions.supportedVersions(List.of(TlsCodes.TLS13)),
                Extensions.signatureAlgorithms(RFC_SIGNATURE_SCHEMES),
                new Extension(TlsCodes.PSK_KEY_EXCHANGE_MODES, bytes("0101")),
                new Extension(TlsCodes.RECORD_SIZE_LIMIT, bytes("4001"))));
    }

    /** A ClientHello made of raw extensions only, so that stage 2's decoding tests need no encoder. */
    static ClientHello offered(byte[] sessionId, List<Integer> suites, Extension... extensions) {
        return new ClientHello(bytes(RANDOM), sessionId, suites, List.of(extensions));
    }

    /** The offer of RFC 8448 §3 as raw extensions: groups x25519 … ffdhe8192, an x25519 share, TLS 1.3, server_name. */
    static ClientHello rfcOffer() {
        return offered(new byte[0], List.of(0x1301, 0x1303, 0x1302),
                new Extension(TlsCodes.SERVER_NAME, bytes("0009000006736572766572")),
                new Extension(TlsCodes.SUPPORTED_GROUPS, bytes("0012001d00170018001901000101010201030104")),
                new Extension(TlsCodes.KEY_SHARE, bytes("0024001d0020" + Rfc8448.CLIENT_PUBLIC)),
                new Extension(TlsCodes.SUPPORTED_VERSIONS, bytes("020304")));
    }

    /** One extension on the wire: type, length, data. */
    static byte[] extension(int type, String dataHex) {
        byte[] data = bytes(dataHex);
        return concat(new byte[] {(byte) (type >>> 8), (byte) type, (byte) (data.length >>> 8), (byte) data.length},
                data);
    }

    static final byte[] SUPPORTED_VERSIONS_13 = extension(TlsCodes.SUPPORTED_VERSIONS, "0304");
    static final byte[] KEY_SHARE_X25519 = extension(TlsCodes.KEY_SHARE, "001d0020" + Rfc8448.SERVER_PUBLIC);

    /** A ServerHello body: legacy_version 0x0303, random, session id echo, suite, compression, extension block. */
    static HandshakeMessage serverHello(String randomHex, String sessionIdHex, int suite, int compression,
                                        byte[]... extensions) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes("0303" + randomHex));
        byte[] sessionId = bytes(sessionIdHex);
        body.write(sessionId.length);
        body.writeBytes(sessionId);
        body.write(suite >>> 8);
        body.write(suite);
        body.write(compression);
        byte[] block = concat(extensions);
        body.write(block.length >>> 8);
        body.write(block.length);
        body.writeBytes(block);
        return new HandshakeMessage(HandshakeType.SERVER_HELLO, body.toByteArray());
    }

    /** A ServerHello like RFC 8448's, with other extensions. */
    static HandshakeMessage serverHello(byte[]... extensions) {
        return serverHello(SERVER_RANDOM, "", 0x1301, 0, extensions);
    }
}
