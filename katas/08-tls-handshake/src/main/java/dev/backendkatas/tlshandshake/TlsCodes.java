package dev.backendkatas.tlshandshake;

import java.util.HexFormat;

/**
 * The wire codes this kata speaks: versions, cipher suites, named groups, signature schemes and extension types
 * (RFC 8446 §4.1.2, §4.2, §B.3). They stay plain {@code int}s because a peer may send any value, known or not.
 *
 * <p>Given.
 */
public final class TlsCodes {

    /** TLS 1.3 in supported_versions (§4.2.1). */
    public static final int TLS13 = 0x0304;
    /** TLS 1.2: legacy_version of every hello, and the version a TLS 1.2 ServerHello says it picked. */
    public static final int TLS12 = 0x0303;

    /** The cipher suite this kata implements (§B.4). */
    public static final int TLS_AES_128_GCM_SHA256 = 0x1301;
    public static final int TLS_AES_256_GCM_SHA384 = 0x1302;
    public static final int TLS_CHACHA20_POLY1305_SHA256 = 0x1303;

    /** Named groups (§4.2.7). */
    public static final int SECP256R1 = 0x0017;
    public static final int SECP384R1 = 0x0018;
    public static final int SECP521R1 = 0x0019;
    public static final int X25519 = 0x001D;
    public static final int X448 = 0x001E;
    public static final int FFDHE2048 = 0x0100;
    public static final int FFDHE3072 = 0x0101;
    public static final int FFDHE4096 = 0x0102;
    public static final int FFDHE6144 = 0x0103;
    public static final int FFDHE8192 = 0x0104;

    /** Signature schemes (§4.2.3). */
    public static final int ECDSA_SECP256R1_SHA256 = 0x0403;
    public static final int ECDSA_SECP384R1_SHA384 = 0x0503;
    public static final int ECDSA_SECP521R1_SHA512 = 0x0603;
    public static final int RSA_PSS_RSAE_SHA256 = 0x0804;
    public static final int RSA_PSS_RSAE_SHA384 = 0x0805;
    public static final int RSA_PSS_RSAE_SHA512 = 0x0806;
    public static final int RSA_PKCS1_SHA256 = 0x0401;

    /** Extension types (§4.2). */
    public static final int SERVER_NAME = 0x0000;
    public static final int SUPPORTED_GROUPS = 0x000A;
    public static final int SIGNATURE_ALGORITHMS = 0x000D;
    public static final int RECORD_SIZE_LIMIT = 0x001C;
    public static final int SESSION_TICKET = 0x0023;
    public static final int PRE_SHARED_KEY = 0x0029;
    public static final int SUPPORTED_VERSIONS = 0x002B;
    public static final int COOKIE = 0x002C;
    public static final int PSK_KEY_EXCHANGE_MODES = 0x002D;
    public static final int KEY_SHARE = 0x0033;
    public static final int RENEGOTIATION_INFO = 0xFF01;

    /**
     * The random of a HelloRetryRequest: SHA-256("HelloRetryRequest"), a ServerHello with this random is an HRR
     * (§4.1.3).
     */
    public static byte[] helloRetryRequestRandom() {
        return HexFormat.of().parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    }

    /** The last 8 bytes of a TLS 1.3 server's random when it negotiates TLS 1.2: "DOWNGRD" 01 (§4.1.3). */
    public static byte[] downgradeTls12() {
        return HexFormat.of().parseHex("444f574e47524401");
    }

    /** The last 8 bytes of a TLS 1.3 server's random when it negotiates TLS 1.1 or below: "DOWNGRD" 00 (§4.1.3). */
    public static byte[] downgradeTls11() {
        return HexFormat.of().parseHex("444f574e47524400");
    }

    private TlsCodes() {
    }
}
