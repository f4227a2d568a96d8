package dev.backendkatas.tlshandshake;

import static dev.backendkatas.tlshandshake.Hellos.KEY_SHARE_X25519;
import static dev.backendkatas.tlshandshake.Hellos.SERVER_RANDOM;
import static dev.backendkatas.tlshandshake.Hellos.SUPPORTED_VERSIONS_13;
import static dev.backendkatas.tlshandshake.Hellos.extension;
import static dev.backendkatas.tlshandshake.Hellos.offered;
import static dev.backendkatas.tlshandshake.Hellos.rfcOffer;
import static dev.backendkatas.tlshandshake.Hellos.serverHello;
import static dev.backendkatas.tlshandshake.TestHelpers.alertOf;
import static dev.backendkatas.tlshandshake.TestHelpers.allRefuseNull;
import static dev.backendkatas.tlshandshake.TestHelpers.bytes;
import static dev.backendkatas.tlshandshake.TestHelpers.firstDifference;
import static dev.backendkatas.tlshandshake.TestHelpers.hex;
import static dev.backendkatas.tlshandshake.TestHelpers.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 2 of kata 08: the ClientHello and the ServerHello; the README section of the same name teaches it. */
@Order(2)
@DisplayName("Stage 2 — Hello")
class Stage2HelloTest {

    private static final String HRR_RANDOM = hex(TlsCodes.helloRetryRequestRandom());
    private static final String SENTINEL_12 = SERVER_RANDOM.substring(0, 48) + "444f574e47524401";
    private static final String SENTINEL_11 = SERVER_RANDOM.substring(0, 48) + "444f574e47524400";

    private static AlertDescription decodeAlert(HandshakeMessage serverHello, ClientHello offered) {
        return alertOf(() -> Hello.decodeServerHello(serverHello, offered));
    }

    @Test
    @Order(1)
    @DisplayName("encodes RFC 8448's ClientHello byte for byte from its random, key share and extensions (§4.1.2)")
    void encodesTheRfc8448ClientHello() {
        String actual = hex(Hello.encodeClientHello(Hellos.rfc8448()).encode());
        assertThat(actual).as("the ClientHello of RFC 8448 §3 (%s)", firstDifference(Rfc8448.CLIENT_HELLO, actual))
                .isEqualTo(Rfc8448.CLIENT_HELLO);
    }

    @Test
    @Order(2)
    @DisplayName("builds each extension's data as RFC 8448 sends it: vectors with 1- or 2-byte lengths (§4.2)")
    void buildsEachExtension() {
        assertThat(hex(Extensions.serverName("server").data())).as("server_name: list length, type 0, name length, name")
                .isEqualTo("0009000006736572766572");
        assertThat(Extensions.serverName("server").type()).isEqualTo(TlsCodes.SERVER_NAME);
        assertThat(hex(Extensions.supportedGroups(Hellos.RFC_GROUPS).data())).as("supported_groups, 2-byte length")
                .isEqualTo("0012001d00170018001901000101010201030104");
        assertThat(Extensions.supportedGroups(Hellos.RFC_GROUPS).type()).isEqualTo(TlsCodes.SUPPORTED_GROUPS);
        Extension share = Extensions.keyShare(List.of(new KeyShareEntry(TlsCodes.X25519, bytes(Rfc8448.CLIENT_PUBLIC))));
        assertThat(hex(share.data())).as("key_share: list length 0x24, group x25519, key length 0x20, key")
                .isEqualTo("0024001d0020" + Rfc8448.CLIENT_PUBLIC);
        assertThat(share.type()).isEqualTo(TlsCodes.KEY_SHARE);
        assertThat(hex(Extensions.supportedVersions(List.of(TlsCodes.TLS13)).data()))
                .as("supported_versions, a ONE-byte length (versions<2..254>)").isEqualTo("020304");
        assertThat(Extensions.supportedVersions(List.of(TlsCodes.TLS13)).type()).isEqualTo(TlsCodes.SUPPORTED_VERSIONS);
        assertThat(hex(Extensions.signatureAlgorithms(Hellos.RFC_SIGNATURE_SCHEMES).data()))
                .as("signature_algorithms, 2-byte length 0x1e = 15 schemes")
                .isEqualTo("001e040305030603020308040805080604010501060102010402050206020202");
        assertThat(Extensions.signatureAlgorithms(List.of(0x0804)).type()).isEqualTo(TlsCodes.SIGNATURE_ALGORITHMS);
    }

    @Test
    @Order(3)
    @DisplayName("encodes a 32-byte session id, two key shares and the lengths that follow from them")
    void encodesSessionIdAndSeveralShares() {
        ClientHello hello = new ClientHello(TestHelpers.filled(32, 0x11), TestHelpers.filled(32, 0x22),
                List.of(0x1301), List.of(Extensions.supportedVersions(List.of(0x0304, 0x0303))));
        assertThat(hex(Hello.encodeClientHello(hello).encode())).as("ClientHello with session id and one extension")
                .isEqualTo("01000054" + "0303" + "11".repeat(32) + "20" + "22".repeat(32) + "00021301" + "0100"
                        + "0009" + "002b0005040304" + "0303");
        Extension shares = Extensions.keyShare(List.of(new KeyShareEntry(TlsCodes.X25519, bytes("aa")),
                new KeyShareEntry(TlsCodes.SECP256R1, bytes("bbcc"))));
        assertThat(hex(shares.data())).as("two key shares").isEqualTo("000b" + "001d0001aa" + "00170002bbcc");
        assertThat(hex(Extensions.keyShare(List.of()).data())).as("no key share (client_shares<0..2^16-1>)")
                .isEqualTo("0000");
        assertThat(hex(Hello.encodeClientHello(offered(new byte[0], List.of(0x1301))).body()))
                .as("no extensions at all: the block's length is 0000")
                .isEqualTo("0303" + Hellos.RANDOM + "00" + "00021301" + "0100" + "0000");
    }

    @Test
    @Order(4)
    @DisplayName("refuses to build an empty list, a value over 0xffff, an empty or non-ASCII host name")
    void refusesBadExtensionValues() {
        assertThatExceptionOfType(IllegalArgumentException.class).as("serverName(\"\")")
                .isThrownBy(() -> Extensions.serverName(""));
        assertThatExceptionOfType(IllegalArgumentException.class).as("serverName(\"bücher.example\")")
                .isThrownBy(() -> Extensions.serverName("bücher.example"));
        assertThatExceptionOfType(IllegalArgumentException.class).as("supportedGroups(empty)")
                .isThrownBy(() -> Extensions.supportedGroups(List.of()));
        assertThatExceptionOfType(IllegalArgumentException.class).as("signatureAlgorithms(empty)")
                .isThrownBy(() -> Extensions.signatureAlgorithms(List.of()));
        assertThatExceptionOfType(IllegalArgumentException.class).as("supportedVersions(empty)")
                .isThrownBy(() -> Extensions.supportedVersions(List.of()));
        assertThatExceptionOfType(IllegalArgumentException.class).as("supportedGroups(0x10000)")
                .isThrownBy(() -> Extensions.supportedGroups(List.of(0x10000)));
        assertThatExceptionOfType(IllegalArgumentException.class).as("signatureAlgorithms(-1)")
                .isThrownBy(() -> Extensions.signatureAlgorithms(List.of(-1)));
        assertThatExceptionOfType(IllegalArgumentException.class).as("128 versions: 256 bytes > 254")
                .isThrownBy(() -> Extensions.supportedVersions(Collections.nCopies(128, 0x0304)));
        assertThat(Extensions.supportedVersions(Collections.nCopies(127, 0x0304)).data()).as("127 versions: 254 bytes")
                .hasSize(255);
    }

    @Test
    @Order(5)
    @DisplayName("decodes RFC 8448's ServerHello: random, suite 0x1301, the server's x25519 share (§4.1.3)")
    void decodesTheRfc8448ServerHello() throws TlsAlertException {
        ServerHello hello = Hello.decodeServerHello(message(Rfc8448.SERVER_HELLO), rfcOffer());
        assertThat(hex(hello.random())).as("server random").isEqualTo(SERVER_RANDOM);
        assertThat(hello.legacySessionIdEcho()).as("echo of the empty session id").isEmpty();
        assertThat(hello.cipherSuite()).as("cipher suite").isEqualTo(TlsCodes.TLS_AES_128_GCM_SHA256);
        assertThat(hello.helloRetryRequest()).as("a HelloRetryRequest?").isFalse();
        assertThat(hello.selectedGroup()).as("group of the key share").isEqualTo(TlsCodes.X25519);
        assertThat(hello.keyShare()).as("the server's key share")
                .isEqualTo(new KeyShareEntry(TlsCodes.X25519, bytes(Rfc8448.SERVER_PUBLIC)));
        assertThat(hello.extensions()).as("extensions in wire order: key_share, supported_versions").containsExactly(
                new Extension(TlsCodes.KEY_SHARE, bytes("001d0020" + Rfc8448.SERVER_PUBLIC)),
                new Extension(TlsCodes.SUPPORTED_VERSIONS, bytes("0304")));
    }

    @Test
    @Order(6)
    @DisplayName("decodes a ServerHello with the session id echo, a pre_shared_key and extensions in any order")
    void decodesOtherValidServerHellos() throws TlsAlertException {
        String sessionId = "ab".repeat(32);
        ClientHello offer = offered(bytes(sessionId), List.of(0x1302, 0x1301),
                new Extension(TlsCodes.SUPPORTED_GROUPS, bytes("0002001d")),
                new Extension(TlsCodes.KEY_SHARE, bytes("0024001d0020" + Rfc8448.CLIENT_PUBLIC)),
                new Extension(TlsCodes.PRE_SHARED_KEY, bytes("00")),
                new Extension(TlsCodes.SUPPORTED_VERSIONS, bytes("020304")));
        ServerHello hello = Hello.decodeServerHello(serverHello(SERVER_RANDOM, sessionId, 0x1301, 0,
                SUPPORTED_VERSIONS_13, extension(TlsCodes.PRE_SHARED_KEY, "0000"), KEY_SHARE_X25519), offer);
        assertThat(hex(hello.legacySessionIdEcho())).as("the echo of our 32-byte session id").isEqualTo(sessionId);
        assertThat(hello.extensions()).extracting(Extension::type).as("extension types, in wire order")
                .containsExactly(TlsCodes.SUPPORTED_VERSIONS, TlsCodes.PRE_SHARED_KEY, TlsCodes.KEY_SHARE);
        assertThat(hello.keyShare().keyExchange()).isEqualTo(bytes(Rfc8448.SERVER_PUBLIC));
    }

    @Test
    @Order(7)
    @DisplayName("recognises a HelloRetryRequest by its random, SHA-256(\"HelloRetryRequest\") (§4.1.3)")
    void recognisesAHelloRetryRequest() throws TlsAlertException {
        ServerHello retry = Hello.decodeServerHello(serverHello(HRR_RANDOM, "", 0x1301, 0, SUPPORTED_VERSIONS_13,
                extension(TlsCodes.KEY_SHARE, "0017")), rfcOffer());
        assertThat(retry.helloRetryRequest()).as("random cf21ad74…: a HelloRetryRequest").isTrue();
        assertThat(retry.selectedGroup()).as("the group it asks for: secp256r1").isEqualTo(TlsCodes.SECP256R1);
        assertThat(retry.keyShare()).as("a HelloRetryRequest carries no key share").isNull();
        ServerHello withCookie = Hello.decodeServerHello(serverHello(HRR_RANDOM, "", 0x1301, 0,
                extension(TlsCodes.KEY_SHARE, "0018"), SUPPORTED_VERSIONS_13, extension(TlsCodes.COOKIE, "0002c0de")),
                rfcOffer());
        assertThat(withCookie.selectedGroup()).as("with a cookie, which a server may send unasked (§4.2)")
                .isEqualTo(TlsCodes.SECP384R1);
    }

    @Test
    @Order(8)
    @DisplayName("refuses a HelloRetryRequest for a group not offered or already shared with illegal_parameter (§4.2.8)")
    void refusesBadHelloRetryRequests() {
        assertThat(decodeAlert(serverHello(HRR_RANDOM, "", 0x1301, 0, SUPPORTED_VERSIONS_13,
                extension(TlsCodes.KEY_SHARE, "001d")), rfcOffer())).as("HRR for x25519, which we already sent")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(HRR_RANDOM, "", 0x1301, 0, SUPPORTED_VERSIONS_13,
                extension(TlsCodes.KEY_SHARE, "001e")), rfcOffer())).as("HRR for x448, which we did not offer")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(SERVER_RANDOM, "", 0x1301, 0, SUPPORTED_VERSIONS_13,
                KEY_SHARE_X25519, extension(TlsCodes.COOKIE, "0002c0de")), rfcOffer()))
                .as("a cookie in a ServerHello that is not a HelloRetryRequest")
                .isEqualTo(AlertDescription.UNSUPPORTED_EXTENSION);
    }

    @Test
    @Order(9)
    @DisplayName("refuses a cipher suite that was not offered with illegal_parameter (§4.1.3)")
    void refusesUnofferedSuites() {
        ClientHello onlyAes128 = offered(new byte[0], List.of(0x1301),
                new Extension(TlsCodes.KEY_SHARE, bytes("0024001d0020" + Rfc8448.CLIENT_PUBLIC)),
                new Extension(TlsCodes.SUPPORTED_VERSIONS, bytes("020304")));
        assertThat(decodeAlert(serverHello(SERVER_RANDOM, "", 0x1302, 0, KEY_SHARE_X25519, SUPPORTED_VERSIONS_13),
                onlyAes128)).as("0x1302 when only 0x1301 was offered").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(SERVER_RANDOM, "", 0x1304, 0, KEY_SHARE_X25519, SUPPORTED_VERSIONS_13),
                rfcOffer())).as("0x1304 (AES-CCM), not in 1301 1303 1302").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(SERVER_RANDOM, "", 0xC02F, 0, KEY_SHARE_X25519, SUPPORTED_VERSIONS_13),
                rfcOffer())).as("a TLS 1.2 suite").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    @Order(10)
    @DisplayName("refuses a key share for a group we sent no share for, or of the wrong length (§4.2.8)")
    void refusesUnofferedGroups() {
        assertThat(decodeAlert(serverHello(extension(TlsCodes.KEY_SHARE, "00170041" + "04" + "11".repeat(64)),
                SUPPORTED_VERSIONS_13), rfcOffer())).as("a secp256r1 share; we offered the group but sent no share")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(extension(TlsCodes.KEY_SHARE,
                "00170020" + Rfc8448.SERVER_PUBLIC), SUPPORTED_VERSIONS_13), rfcOffer()))
                .as("a 32-byte share labelled secp256r1: in supported_groups, but we hold no secp256r1 private key")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(extension(TlsCodes.KEY_SHARE, "00200020" + Rfc8448.SERVER_PUBLIC),
                SUPPORTED_VERSIONS_13), rfcOffer())).as("a share for group 0x0020, never offered")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(extension(TlsCodes.KEY_SHARE, "001d001f" + Rfc8448.SERVER_PUBLIC.substring(2)),
                SUPPORTED_VERSIONS_13), rfcOffer())).as("an x25519 share of 31 bytes")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    @Order(11)
    @DisplayName("refuses an extension that appears twice with illegal_parameter (§4.2)")
    void refusesDuplicateExtensions() {
        assertThat(decodeAlert(serverHello(KEY_SHARE_X25519, SUPPORTED_VERSIONS_13, SUPPORTED_VERSIONS_13),
                rfcOffer())).as("supported_versions twice").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(KEY_SHARE_X25519, SUPPORTED_VERSIONS_13, KEY_SHARE_X25519), rfcOffer()))
                .as("key_share twice, the same both times").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(KEY_SHARE_X25519, SUPPORTED_VERSIONS_13,
                extension(TlsCodes.KEY_SHARE, "001d0020" + "00".repeat(32))), rfcOffer()))
                .as("a second key_share after the first").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    @Order(12)
    @DisplayName("refuses TLS 1.2 from a server whose random ends in DOWNGRD 01 or 00 with illegal_parameter (§4.1.3)")
    void refusesTheDowngradeSentinel() {
        assertThat(decodeAlert(serverHello(SENTINEL_12, "", 0x1301, 0), rfcOffer()))
                .as("no supported_versions (so TLS 1.2) and a random ending 44 4f 57 4e 47 52 44 01")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(SENTINEL_11, "", 0x1301, 0), rfcOffer()))
                .as("no supported_versions and a random ending … 44 00 (TLS 1.1 or below)")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(SERVER_RANDOM, "", 0x1301, 0), rfcOffer()))
                .as("an honest TLS 1.2 server (no sentinel): this client speaks only TLS 1.3")
                .isEqualTo(AlertDescription.PROTOCOL_VERSION);
        String nearMiss = SERVER_RANDOM.substring(0, 48) + "444f574e47524402";
        assertThat(decodeAlert(serverHello(nearMiss, "", 0x1301, 0), rfcOffer())).as("… 44 02 is no sentinel")
                .isEqualTo(AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    @Order(13)
    @DisplayName("accepts DOWNGRD in the random of a TLS 1.3 ServerHello: the sentinel means something only below 1.3")
    void sentinelInATls13ServerHelloIsJustRandom() throws TlsAlertException {
        assertThat(Hello.decodeServerHello(serverHello(SENTINEL_12, "", 0x1301, 0, KEY_SHARE_X25519,
                SUPPORTED_VERSIONS_13), rfcOffer()).cipherSuite()).as("a TLS 1.3 ServerHello").isEqualTo(0x1301);
    }

    @Test
    @Order(14)
    @DisplayName("refuses a version other than 0x0304, a session id echo that differs, compression, with illegal_parameter")
    void refusesWrongFixedFields() {
        assertThat(decodeAlert(serverHello(KEY_SHARE_X25519, extension(TlsCodes.SUPPORTED_VERSIONS, "0303")),
                rfcOffer())).as("supported_versions selecting 0x0303 (§4.2.1)").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(KEY_SHARE_X25519, extension(TlsCodes.SUPPORTED_VERSIONS, "7f1c")),
                rfcOffer())).as("a draft version").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(SERVER_RANDOM, "00", 0x1301, 0, KEY_SHARE_X25519, SUPPORTED_VERSIONS_13),
                rfcOffer())).as("a 1-byte session id echo, we sent none (§4.1.3)")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        ClientHello withSessionId = offered(TestHelpers.filled(32, 0xab), List.of(0x1301),
                new Extension(TlsCodes.KEY_SHARE, bytes("0024001d0020" + Rfc8448.CLIENT_PUBLIC)),
                new Extension(TlsCodes.SUPPORTED_VERSIONS, bytes("020304")));
        assertThat(decodeAlert(serverHello(SERVER_RANDOM, "ab".repeat(31) + "ac", 0x1301, 0, KEY_SHARE_X25519,
                SUPPORTED_VERSIONS_13), withSessionId)).as("an echo whose last byte differs")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(SERVER_RANDOM, "", 0x1301, 0, KEY_SHARE_X25519, SUPPORTED_VERSIONS_13),
                withSessionId)).as("an empty echo of our 32-byte session id").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(SERVER_RANDOM, "", 0x1301, 1, KEY_SHARE_X25519, SUPPORTED_VERSIONS_13),
                rfcOffer())).as("legacy_compression_method 1").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    @Order(15)
    @DisplayName("refuses extensions not offered (unsupported_extension) or not allowed in a ServerHello (illegal_parameter)")
    void refusesUnexpectedExtensions() {
        assertThat(decodeAlert(serverHello(KEY_SHARE_X25519, SUPPORTED_VERSIONS_13, extension(0x0010, "0003026832")),
                rfcOffer())).as("ALPN, which we did not offer (§4.2)").isEqualTo(AlertDescription.UNSUPPORTED_EXTENSION);
        assertThat(decodeAlert(serverHello(KEY_SHARE_X25519, SUPPORTED_VERSIONS_13, extension(0xfafa, "")),
                rfcOffer())).as("an unknown extension type").isEqualTo(AlertDescription.UNSUPPORTED_EXTENSION);
        assertThat(decodeAlert(serverHello(KEY_SHARE_X25519, SUPPORTED_VERSIONS_13,
                extension(TlsCodes.SERVER_NAME, "")), rfcOffer()))
                .as("server_name: offered, but its answer belongs in EncryptedExtensions")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(decodeAlert(serverHello(SUPPORTED_VERSIONS_13), rfcOffer())).as("no key_share at all")
                .isEqualTo(AlertDescription.MISSING_EXTENSION);
        assertThat(decodeAlert(message(Rfc8448.ENCRYPTED_EXTENSIONS), rfcOffer()))
                .as("an EncryptedExtensions where the ServerHello must come").isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    @Order(16)
    @DisplayName("refuses every truncation of RFC 8448's ServerHello with decode_error: lengths are checked")
    void refusesTruncatedServerHellos() {
        byte[] body = message(Rfc8448.SERVER_HELLO).body();
        for (int length = 0; length < body.length; length++) {
            HandshakeMessage cut = new HandshakeMessage(HandshakeType.SERVER_HELLO, Arrays.copyOf(body, length));
            AlertDescription expected = length == 38 ? AlertDescription.PROTOCOL_VERSION : AlertDescription.DECODE_ERROR;
            assertThat(decodeAlert(cut, rfcOffer()))
                    .as("the ServerHello body cut to %d of %d bytes%s", length, body.length,
                            length == 38 ? " (a TLS 1.2 ServerHello may end before its extensions)" : "")
                    .isEqualTo(expected);
        }
    }

    @Test
    @Order(17)
    @DisplayName("refuses lengths that lie, inside or after the extensions, with decode_error")
    void refusesLyingLengths() {
        String hello = Rfc8448.SERVER_HELLO.substring(8);
        String prefix = hello.substring(0, 76);
        String block = hello.substring(80);
        assertThat(hello.substring(76, 80)).as("the extensions' length field of RFC 8448's ServerHello").isEqualTo("002e");
        assertThat(decodeAlert(body(prefix + "002f" + block), rfcOffer())).as("extensions length 0x2f, 0x2e bytes follow")
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(decodeAlert(body(prefix + "002d" + block), rfcOffer())).as("extensions length 0x2d, 0x2e bytes follow")
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(decodeAlert(body(hello + "00"), rfcOffer())).as("a byte after the extensions")
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(decodeAlert(serverHello(extension(TlsCodes.KEY_SHARE, "001d0021" + Rfc8448.SERVER_PUBLIC),
                SUPPORTED_VERSIONS_13), rfcOffer())).as("key_exchange length 33, 32 bytes inside the extension")
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(decodeAlert(serverHello(extension(TlsCodes.KEY_SHARE, "001d0020" + Rfc8448.SERVER_PUBLIC + "00"),
                SUPPORTED_VERSIONS_13), rfcOffer())).as("a byte after the key share, inside the extension")
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(decodeAlert(serverHello(KEY_SHARE_X25519, extension(TlsCodes.SUPPORTED_VERSIONS, "030400")),
                rfcOffer())).as("supported_versions of 3 bytes").isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(decodeAlert(serverHello(KEY_SHARE_X25519, extension(TlsCodes.SUPPORTED_VERSIONS, "03")),
                rfcOffer())).as("supported_versions of 1 byte").isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(decodeAlert(serverHello(HRR_RANDOM, "", 0x1301, 0, SUPPORTED_VERSIONS_13,
                extension(TlsCodes.KEY_SHARE, "001700")), rfcOffer())).as("a HelloRetryRequest key_share of 3 bytes")
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(decodeAlert(body("0303" + SERVER_RANDOM + "21" + "00".repeat(40)), rfcOffer()))
                .as("a session id echo announcing 33 bytes (legacy_session_id_echo<0..32>)")
                .isIn(AlertDescription.DECODE_ERROR, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    @Order(18)
    @DisplayName("answers any damaged ServerHello with an alert, never another exception (2,000 seeded corruptions)")
    void neverThrowsAnythingButAnAlert() {
        byte[] body = message(Rfc8448.SERVER_HELLO).body();
        Random random = new Random(8448);
        for (int i = 0; i < 2000; i++) {
            byte[] damaged = body.clone();
            for (int k = 0; k <= i % 3; k++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            HandshakeMessage message = new HandshakeMessage(HandshakeType.SERVER_HELLO, damaged);
            Throwable thrown = catchThrowable(() -> Hello.decodeServerHello(message, rfcOffer()));
            assertThat(thrown).as("corruption #%d: %s", i, hex(damaged)).satisfiesAnyOf(
                    t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(TlsAlertException.class));
        }
    }

    @Test
    @Order(19)
    @DisplayName("rejects null arguments with NullPointerException")
    void rejectsNulls() {
        allRefuseNull(List.of(() -> Hello.encodeClientHello(null),
                () -> Hello.decodeServerHello(null, rfcOffer()),
                () -> Hello.decodeServerHello(message(Rfc8448.SERVER_HELLO), null),
                () -> Extensions.serverName(null), () -> Extensions.supportedGroups(null),
                () -> Extensions.keyShare(null), () -> Extensions.signatureAlgorithms(null),
                () -> Extensions.supportedVersions(null)));
    }

    private static HandshakeMessage body(String hex) {
        return new HandshakeMessage(HandshakeType.SERVER_HELLO, bytes(hex));
    }
}
