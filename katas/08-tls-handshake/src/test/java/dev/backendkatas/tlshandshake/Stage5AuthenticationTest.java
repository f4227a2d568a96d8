package dev.backendkatas.tlshandshake;

import static dev.backendkatas.tlshandshake.TestCertificates.CLOCK;
import static dev.backendkatas.tlshandshake.TestCertificates.NOW;
import static dev.backendkatas.tlshandshake.TestCertificates.certificateMessage;
import static dev.backendkatas.tlshandshake.TestCertificates.leaf;
import static dev.backendkatas.tlshandshake.TestCertificates.root;
import static dev.backendkatas.tlshandshake.TestHelpers.alertOf;
import static dev.backendkatas.tlshandshake.TestHelpers.allRefuseNull;
import static dev.backendkatas.tlshandshake.TestHelpers.bytes;
import static dev.backendkatas.tlshandshake.TestHelpers.concat;
import static dev.backendkatas.tlshandshake.TestHelpers.hex;
import static dev.backendkatas.tlshandshake.TestHelpers.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.backendkatas.tlshandshake.TestCertificates.Issued;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 5 of kata 08: authentication; the README section 'Stage 5 — Authentication' teaches it. */
@Order(5)
@DisplayName("Stage 5 — Authentication")
class Stage5AuthenticationTest {

    /** RFC 8448's certificate is valid from 2016-07-30 to 2026-07-30: its handshake happened in between. */
    private static final Clock RFC_TIME = Clock.fixed(Instant.parse("2016-08-01T00:00:00Z"), ZoneOffset.UTC);

    private static final ClientHello OFFER = Hellos.rfc8448();

    private static X509Certificate rfcCertificate() {
        String hex = Rfc8448.CERTIFICATE;
        // 0b | uint24 | context 00 | list uint24 | entry uint24 | DER …
        int derLength = Integer.parseInt(hex.substring(16, 22), 16);
        byte[] der = bytes(hex.substring(22, 22 + 2 * derLength));
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Oracle: SHA-256 of the concatenated messages, without the learner's TranscriptHash. */
    private static byte[] hashOf(String... messagesHex) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String hex : messagesHex) {
                sha256.update(bytes(hex));
            }
            return sha256.digest();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hashUpToCertificate() {
        return hashOf(Rfc8448.CLIENT_HELLO, Rfc8448.SERVER_HELLO, Rfc8448.ENCRYPTED_EXTENSIONS, Rfc8448.CERTIFICATE);
    }

    private static byte[] hashUpToCertificateVerify() {
        return hashOf(Rfc8448.CLIENT_HELLO, Rfc8448.SERVER_HELLO, Rfc8448.ENCRYPTED_EXTENSIONS, Rfc8448.CERTIFICATE,
                Rfc8448.CERTIFICATE_VERIFY);
    }

    /** Oracle: the content of RFC 8446 §4.4.3, written out here independently of the learner's. */
    private static byte[] signedContent(byte[] hash) {
        byte[] spaces = new byte[64];
        Arrays.fill(spaces, (byte) 0x20);
        return concat(spaces, "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0}, hash);
    }

    private static HandshakeMessage certificateVerify(int scheme, byte[] signature) {
        return new HandshakeMessage(HandshakeType.CERTIFICATE_VERIFY, concat(
                new byte[] {(byte) (scheme >>> 8), (byte) scheme, (byte) (signature.length >>> 8),
                    (byte) signature.length}, signature));
    }

    private static byte[] ecdsaSign(PrivateKey key, byte[] content) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(content);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static TrustPolicy rfcTrust(String host, Clock clock) {
        return new TrustPolicy(List.of(rfcCertificate()), host, clock);
    }

    private static HandshakeMessage withBody(HandshakeType type, String bodyHex) {
        return new HandshakeMessage(type, bytes(bodyHex));
    }

    @Test
    @Order(1)
    @DisplayName("decodes RFC 8448's EncryptedExtensions: supported_groups, record_size_limit, server_name (RFC 8446 §4.3.1)")
    void decodesRfc8448EncryptedExtensions() throws Exception {
        List<Extension> extensions = Authentication.decodeEncryptedExtensions(message(Rfc8448.ENCRYPTED_EXTENSIONS),
                OFFER);

        assertThat(extensions).as("the three extensions of RFC 8448's EncryptedExtensions, in wire order")
                .extracting(Extension::type)
                .containsExactly(TlsCodes.SUPPORTED_GROUPS, TlsCodes.RECORD_SIZE_LIMIT, TlsCodes.SERVER_NAME);
        assertThat(hex(extensions.get(1).data())).as("record_size_limit's data").isEqualTo("4001");
        assertThat(extensions.get(2).data()).as("server_name's data: empty, an acknowledgement").isEmpty();
        assertThat(Authentication.decodeEncryptedExtensions(withBody(HandshakeType.ENCRYPTED_EXTENSIONS, "0000"),
                OFFER)).as("an empty extension block").isEmpty();
    }

    @Test
    @Order(2)
    @DisplayName("refuses EncryptedExtensions that lie, repeat, were never offered or belong elsewhere (RFC 8446 §4.2)")
    void refusesBadEncryptedExtensions() {
        assertThat(alertOf(() -> Authentication.decodeEncryptedExtensions(
                withBody(HandshakeType.ENCRYPTED_EXTENSIONS, "0004fafa0000"), OFFER)))
                .as("extension 0xfafa was never offered: unsupported_extension (§4.2)")
                .isEqualTo(AlertDescription.UNSUPPORTED_EXTENSION);
        assertThat(alertOf(() -> Authentication.decodeEncryptedExtensions(
                withBody(HandshakeType.ENCRYPTED_EXTENSIONS, "000c001c00024001001c00024001"), OFFER)))
                .as("record_size_limit twice: illegal_parameter").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        for (String ext : List.of("003300020000", "002b00020304", "000d000400020804", "002d00020101")) {
            String body = String.format("%04x", ext.length() / 2) + ext;
            assertThat(alertOf(() -> Authentication.decodeEncryptedExtensions(
                    withBody(HandshakeType.ENCRYPTED_EXTENSIONS, body), OFFER)))
                    .as("offered, but not an EncryptedExtensions extension: %s → illegal_parameter (§4.2)", ext)
                    .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        }
        for (String body : List.of("", "00", "0001", "0005001c00024001", "0006001c00034001", "0006001c0002400100",
                "0003001c00")) {
            assertThat(alertOf(() -> Authentication.decodeEncryptedExtensions(
                    withBody(HandshakeType.ENCRYPTED_EXTENSIONS, body), OFFER)))
                    .as("a length that lies or bytes left over in '%s': decode_error", body)
                    .isEqualTo(AlertDescription.DECODE_ERROR);
        }
        assertThat(alertOf(() -> Authentication.decodeEncryptedExtensions(message(Rfc8448.SERVER_FINISHED), OFFER)))
                .as("a Finished where EncryptedExtensions must come").isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    @Order(3)
    @DisplayName("decodes RFC 8448's Certificate: one DER X.509 certificate, CN=rsa, an RSA key (RFC 8446 §4.4.2)")
    void decodesRfc8448Certificate() throws Exception {
        List<X509Certificate> chain = Authentication.decodeCertificate(message(Rfc8448.CERTIFICATE));

        assertThat(chain).as("RFC 8448's Certificate holds exactly one certificate").hasSize(1);
        assertThat(chain.get(0)).as("the certificate, as the JDK reads its DER").isEqualTo(rfcCertificate());
        assertThat(chain.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=rsa");
        assertThat(chain.get(0).getPublicKey()).isInstanceOf(RSAPublicKey.class);
    }

    @Test
    @Order(4)
    @DisplayName("decodes a chain of two, end-entity first, and skips each entry's extensions (RFC 8446 §4.4.2)")
    void decodesAChainInOrder() throws Exception {
        Issued ca = root("Kata CA");
        Issued server = leaf(ca, "localhost");
        List<X509Certificate> chain = Authentication.decodeCertificate(
                certificateMessage(server.certificate(), ca.certificate()));

        assertThat(chain).as("end-entity first, then its issuer").containsExactly(server.certificate(),
                ca.certificate());

        byte[] der = server.certificate().getEncoded();
        byte[] entryWithExtension = concat(TestCertificates.uint24(der.length), der, bytes("0004fafa0000"));
        HandshakeMessage withExtension = new HandshakeMessage(HandshakeType.CERTIFICATE,
                concat(new byte[] {0}, TestCertificates.uint24(entryWithExtension.length), entryWithExtension));
        assertThat(Authentication.decodeCertificate(withExtension)).as("an entry with a 4-byte extension block")
                .containsExactly(server.certificate());
    }

    @Test
    @Order(5)
    @DisplayName("refuses an empty list, a request context, garbage and every lying length (RFC 8446 §4.4.2)")
    void refusesBadCertificateMessages() throws Exception {
        assertThat(alertOf(() -> Authentication.decodeCertificate(withBody(HandshakeType.CERTIFICATE, "00000000"))))
                .as("no certificate at all: decode_error (§4.4.2.4)").isEqualTo(AlertDescription.DECODE_ERROR);
        String rfcBody = Rfc8448.CERTIFICATE.substring(8);
        assertThat(alertOf(() -> Authentication.decodeCertificate(withBody(HandshakeType.CERTIFICATE,
                "01ff" + rfcBody.substring(2))))).as("a server's certificate_request_context is empty")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(alertOf(() -> Authentication.decodeCertificate(withBody(HandshakeType.CERTIFICATE,
                "00000008000003010203" + "0000")))).as("three bytes that are no certificate: bad_certificate")
                .isEqualTo(AlertDescription.BAD_CERTIFICATE);
        assertThat(alertOf(() -> Authentication.decodeCertificate(withBody(HandshakeType.CERTIFICATE,
                "000000050000000000")))).as("an empty cert_data (it is <1..2^24-1>)")
                .isEqualTo(AlertDescription.DECODE_ERROR);
        byte[] body = bytes(rfcBody);
        for (int cut = 0; cut < body.length; cut += cut < 12 ? 1 : 97) {
            int n = cut;
            assertThat(alertOf(() -> Authentication.decodeCertificate(new HandshakeMessage(HandshakeType.CERTIFICATE,
                    Arrays.copyOf(body, n))))).as("RFC 8448's Certificate cut after %d bytes", n)
                    .isEqualTo(AlertDescription.DECODE_ERROR);
        }
        assertThat(alertOf(() -> Authentication.decodeCertificate(new HandshakeMessage(HandshakeType.CERTIFICATE,
                concat(body, new byte[] {0}))))).as("one byte left over").isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf(() -> Authentication.decodeCertificate(message(Rfc8448.ENCRYPTED_EXTENSIONS))))
                .as("EncryptedExtensions where Certificate must come").isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    @Order(6)
    @DisplayName("the signed content is 64 spaces, 'TLS 1.3, server CertificateVerify', a 0 byte, the hash (RFC 8446 §4.4.3)")
    void serverSignedContent() {
        byte[] hash = hashUpToCertificate();
        byte[] content = Authentication.serverSignedContent(hash);

        assertThat(hex(content)).as("64 × 20 ‖ context string ‖ 00 ‖ Transcript-Hash(CH..Certificate): 130 bytes")
                .isEqualTo(hex(signedContent(hash)));
        assertThat(content).hasSize(64 + 33 + 1 + 32);
    }

    @Test
    @Order(7)
    @DisplayName("verifies RFC 8448's rsa_pss_rsae_sha256 CertificateVerify over CH..Certificate (RFC 8446 §4.4.3)")
    void verifiesRfc8448CertificateVerify() {
        assertThatCode(() -> Authentication.verifyCertificateVerify(message(Rfc8448.CERTIFICATE_VERIFY),
                rfcCertificate().getPublicKey(), hashUpToCertificate(), OFFER))
                .as("RFC 8448's signature, RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt")
                .doesNotThrowAnyException();
        byte[] helloHash = hashOf(Rfc8448.CLIENT_HELLO, Rfc8448.SERVER_HELLO);
        assertThat(alertOf(() -> Authentication.verifyCertificateVerify(message(Rfc8448.CERTIFICATE_VERIFY),
                rfcCertificate().getPublicKey(), helloHash, OFFER)))
                .as("over another transcript (CH..SH): the signature must not verify")
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
    }

    @Test
    @Order(8)
    @DisplayName("verifies an ecdsa_secp256r1_sha256 CertificateVerify made by the JDK (RFC 8446 §4.4.3)")
    void verifiesEcdsa() throws Exception {
        Issued ca = root("Kata CA");
        Issued server = leaf(ca, "localhost");
        byte[] hash = hashOf("0102");
        HandshakeMessage verify = certificateVerify(TlsCodes.ECDSA_SECP256R1_SHA256,
                ecdsaSign(server.privateKey(), signedContent(hash)));

        assertThatCode(() -> Authentication.verifyCertificateVerify(verify, server.certificate().getPublicKey(), hash,
                OFFER)).as("the JDK's SHA256withECDSA signature over the §4.4.3 content").doesNotThrowAnyException();
        assertThat(alertOf(() -> Authentication.verifyCertificateVerify(verify, ca.certificate().getPublicKey(), hash,
                OFFER))).as("checked with another P-256 key").isEqualTo(AlertDescription.DECRYPT_ERROR);
        HandshakeMessage clientContext = certificateVerify(TlsCodes.ECDSA_SECP256R1_SHA256,
                ecdsaSign(server.privateKey(), concat(Arrays.copyOf(signedContent(hash), 64),
                        "TLS 1.3, client CertificateVerify".getBytes(StandardCharsets.US_ASCII), new byte[] {0},
                        hash)));
        assertThat(alertOf(() -> Authentication.verifyCertificateVerify(clientContext,
                server.certificate().getPublicKey(), hash, OFFER)))
                .as("a signature made with the *client* context string must not pass as the server's")
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
    }

    @Test
    @Order(9)
    @DisplayName("refuses a changed signature, an unoffered scheme, a scheme that does not fit the key (RFC 8446 §4.4.3)")
    void refusesBadSignatures() throws Exception {
        byte[] hash = hashUpToCertificate();
        byte[] rfcBody = message(Rfc8448.CERTIFICATE_VERIFY).body();
        for (int i : new int[] {4, 50, rfcBody.length - 1}) {
            byte[] flipped = rfcBody.clone();
            flipped[i] ^= 0x01;
            assertThat(alertOf(() -> Authentication.verifyCertificateVerify(
                    new HandshakeMessage(HandshakeType.CERTIFICATE_VERIFY, flipped), rfcCertificate().getPublicKey(),
                    hash, OFFER))).as("RFC 8448's signature with byte %d flipped: decrypt_error", i)
                    .isEqualTo(AlertDescription.DECRYPT_ERROR);
        }
        Issued server = leaf(root("Kata CA"), "localhost");
        assertThat(alertOf(() -> Authentication.verifyCertificateVerify(
                certificateVerify(TlsCodes.ECDSA_SECP256R1_SHA256, bytes("3006020101020101ff")),
                server.certificate().getPublicKey(), hash, OFFER)))
                .as("a malformed ECDSA signature is a signature that does not verify")
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
        ClientHello ecdsaOnly = Hellos.offered(new byte[0], List.of(0x1301),
                Extensions.signatureAlgorithms(List.of(TlsCodes.ECDSA_SECP256R1_SHA256)));
        assertThat(alertOf(() -> Authentication.verifyCertificateVerify(message(Rfc8448.CERTIFICATE_VERIFY),
                rfcCertificate().getPublicKey(), hash, ecdsaOnly)))
                .as("rsa_pss_rsae_sha256 when only ecdsa_secp256r1_sha256 was offered")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(alertOf(() -> Authentication.verifyCertificateVerify(
                certificateVerify(TlsCodes.ECDSA_SECP256R1_SHA256, message(Rfc8448.CERTIFICATE_VERIFY).body()),
                rfcCertificate().getPublicKey(), hash, OFFER)))
                .as("ecdsa_secp256r1_sha256 with an RSA certificate").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(alertOf(() -> Authentication.verifyCertificateVerify(
                certificateVerify(TlsCodes.RSA_PSS_RSAE_SHA256, new byte[64]), server.certificate().getPublicKey(),
                hash, OFFER))).as("rsa_pss_rsae_sha256 with a P-256 certificate")
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        for (String body : List.of("", "08", "0804", "080400", "08040080", "0804000101ff")) {
            assertThat(alertOf(() -> Authentication.verifyCertificateVerify(
                    withBody(HandshakeType.CERTIFICATE_VERIFY, body), rfcCertificate().getPublicKey(), hash, OFFER)))
                    .as("CertificateVerify body '%s': a length that lies or bytes left over", body)
                    .isEqualTo(AlertDescription.DECODE_ERROR);
        }
        assertThat(alertOf(() -> Authentication.verifyCertificateVerify(message(Rfc8448.CERTIFICATE),
                rfcCertificate().getPublicKey(), hash, OFFER))).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    @Order(10)
    @DisplayName("validates RFC 8448's self-signed certificate with itself as trust anchor, at the RFC's time")
    void validatesRfc8448Certificate() {
        assertThatCode(() -> Authentication.validateChain(List.of(rfcCertificate()), rfcTrust("rsa", RFC_TIME)))
                .as("CN=rsa, no subjectAltName: the CN names the host (RFC 6125 §6.4.4)").doesNotThrowAnyException();
        assertThatCode(() -> Authentication.validateChain(List.of(rfcCertificate()), rfcTrust("RSA", RFC_TIME)))
                .as("DNS names compare without case").doesNotThrowAnyException();
    }

    @Test
    @Order(11)
    @DisplayName("validates a chain to a root CA, with or without the root, and a leftmost-label wildcard (RFC 6125 §6.4)")
    void validatesAChainToARoot() {
        Issued ca = root("Kata CA");
        Issued server = leaf(ca, "localhost", "*.example.com");
        List<X509Certificate> anchors = List.of(ca.certificate());
        for (String host : List.of("localhost", "LocalHost", "www.example.com", "API.Example.COM")) {
            assertThatCode(() -> Authentication.validateChain(List.of(server.certificate()),
                    new TrustPolicy(anchors, host, CLOCK))).as("host %s", host).doesNotThrowAnyException();
        }
        assertThatCode(() -> Authentication.validateChain(List.of(server.certificate(), ca.certificate()),
                new TrustPolicy(anchors, "localhost", CLOCK))).as("the server may send its root as well")
                .doesNotThrowAnyException();
    }

    @Test
    @Order(12)
    @DisplayName("refuses a certificate that does not name the host: certificate_unknown (RFC 6125 §6.4)")
    void refusesTheWrongHost() {
        assertThat(alertOf(() -> Authentication.validateChain(List.of(rfcCertificate()),
                rfcTrust("server", RFC_TIME)))).as("RFC 8448's certificate names 'rsa', not 'server'")
                .isEqualTo(AlertDescription.CERTIFICATE_UNKNOWN);
        Issued ca = root("Kata CA");
        Issued server = leaf(ca, "localhost", "*.example.com");
        for (String host : List.of("evil.com", "notlocalhost", "localhost.evil.com", "example.com", "a.b.example.com",
                "wwwexample.com", "localhos")) {
            assertThat(alertOf(() -> Authentication.validateChain(List.of(server.certificate()),
                    new TrustPolicy(List.of(ca.certificate()), host, CLOCK))))
                    .as("a certificate for localhost and *.example.com, host %s", host)
                    .isEqualTo(AlertDescription.CERTIFICATE_UNKNOWN);
        }
    }

    @Test
    @Order(13)
    @DisplayName("refuses an expired or not yet valid certificate: certificate_expired (RFC 5280 §6.1.3)")
    void refusesExpiredCertificates() {
        Clock after = Clock.fixed(Instant.parse("2026-07-30T01:24:00Z"), ZoneOffset.UTC);
        assertThat(alertOf(() -> Authentication.validateChain(List.of(rfcCertificate()), rfcTrust("rsa", after))))
                .as("RFC 8448's certificate a minute after its notAfter, although it is its own anchor")
                .isEqualTo(AlertDescription.CERTIFICATE_EXPIRED);
        Issued ca = root("Kata CA");
        Issued expired = leaf(ca, NOW.minus(10, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.SECONDS), "localhost");
        Issued early = leaf(ca, NOW.plus(1, ChronoUnit.SECONDS), NOW.plus(10, ChronoUnit.DAYS), "localhost");
        TrustPolicy trust = new TrustPolicy(List.of(ca.certificate()), "localhost", CLOCK);
        assertThat(alertOf(() -> Authentication.validateChain(List.of(expired.certificate()), trust)))
                .as("expired one second before the policy's clock").isEqualTo(AlertDescription.CERTIFICATE_EXPIRED);
        assertThat(alertOf(() -> Authentication.validateChain(List.of(early.certificate()), trust)))
                .as("valid from one second after the policy's clock").isEqualTo(AlertDescription.CERTIFICATE_EXPIRED);
    }

    @Test
    @Order(14)
    @DisplayName("refuses a chain to no trust anchor (unknown_ca) and a forged signature in the chain (bad_certificate)")
    void refusesUntrustedChains() {
        Issued ca = root("Kata CA");
        Issued otherCa = root("Other CA");
        Issued server = leaf(otherCa, "localhost");
        TrustPolicy trust = new TrustPolicy(List.of(ca.certificate()), "localhost", CLOCK);
        assertThat(alertOf(() -> Authentication.validateChain(List.of(server.certificate()), trust)))
                .as("issued by a CA the client does not trust").isEqualTo(AlertDescription.UNKNOWN_CA);
        assertThat(alertOf(() -> Authentication.validateChain(List.of(server.certificate(), otherCa.certificate()),
                trust))).as("the untrusted root sent along does not make it trusted")
                .isEqualTo(AlertDescription.UNKNOWN_CA);
        assertThat(alertOf(() -> Authentication.validateChain(List.of(rfcCertificate()),
                new TrustPolicy(List.of(ca.certificate()), "rsa", RFC_TIME))))
                .as("a self-signed certificate that is not an anchor").isEqualTo(AlertDescription.UNKNOWN_CA);

        Issued impostor = root("Kata CA"); // the trusted CA's name, another key
        Issued forged = leaf(impostor, "localhost");
        assertThat(alertOf(() -> Authentication.validateChain(List.of(forged.certificate()), trust)))
                .as("issuer name of the trusted CA, signature by another key")
                .isIn(AlertDescription.BAD_CERTIFICATE, AlertDescription.UNKNOWN_CA);
    }

    @Test
    @Order(15)
    @DisplayName("computes RFC 8448's server and client Finished (RFC 8446 §4.4.4)")
    void finishedVerifyData() {
        assertThat(hex(Authentication.verifyData(bytes(Rfc8448.S_HS_TRAFFIC), hashUpToCertificateVerify())))
                .as("server verify_data = HMAC(finished_key, Transcript-Hash(CH..CertificateVerify))")
                .isEqualTo(Rfc8448.S_VERIFY_DATA);
        assertThatCode(() -> Authentication.checkServerFinished(message(Rfc8448.SERVER_FINISHED),
                bytes(Rfc8448.S_HS_TRAFFIC), hashUpToCertificateVerify())).doesNotThrowAnyException();
        assertThat(hex(Authentication.clientFinished(bytes(Rfc8448.C_HS_TRAFFIC),
                bytes(Rfc8448.SERVER_FINISHED_HASH)).encode()))
                .as("client Finished over Transcript-Hash(CH..server Finished), byte for byte")
                .isEqualTo(Rfc8448.CLIENT_FINISHED);
    }

    @Test
    @Order(16)
    @DisplayName("refuses a server Finished that does not match the transcript: decrypt_error (RFC 8446 §4.4.4)")
    void refusesAWrongServerFinished() {
        byte[] hash = hashUpToCertificateVerify();
        byte[] body = message(Rfc8448.SERVER_FINISHED).body();
        for (int i = 0; i < body.length; i += 5) {
            byte[] flipped = body.clone();
            flipped[i] ^= (byte) 0x80;
            assertThat(alertOf(() -> Authentication.checkServerFinished(
                    new HandshakeMessage(HandshakeType.FINISHED, flipped), bytes(Rfc8448.S_HS_TRAFFIC), hash)))
                    .as("verify_data with byte %d changed", i).isEqualTo(AlertDescription.DECRYPT_ERROR);
        }
        byte[] tampered = hash.clone();
        tampered[0] ^= 1;
        assertThat(alertOf(() -> Authentication.checkServerFinished(message(Rfc8448.SERVER_FINISHED),
                bytes(Rfc8448.S_HS_TRAFFIC), tampered))).as("the client's transcript differs by one bit")
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
        assertThat(alertOf(() -> Authentication.checkServerFinished(message(Rfc8448.SERVER_FINISHED),
                bytes(Rfc8448.C_HS_TRAFFIC), hash))).as("checked under the client's secret instead of the server's")
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
        assertThat(alertOf(() -> Authentication.checkServerFinished(
                new HandshakeMessage(HandshakeType.FINISHED, Arrays.copyOf(body, 31)), bytes(Rfc8448.S_HS_TRAFFIC),
                hash))).as("31 bytes of verify_data").isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf(() -> Authentication.checkServerFinished(message(Rfc8448.CERTIFICATE_VERIFY),
                bytes(Rfc8448.S_HS_TRAFFIC), hash))).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    private static TranscriptHash helloTranscript(String clientHelloHex) {
        TranscriptHash transcript = new TranscriptHash();
        transcript.add(message(clientHelloHex));
        transcript.add(message(Rfc8448.SERVER_HELLO));
        return transcript;
    }

    private static KeySchedule rfcSchedule() {
        KeySchedule schedule = new KeySchedule();
        schedule.deriveHandshakeSecrets(bytes(Rfc8448.ECDHE), bytes(Rfc8448.HELLO_HASH));
        return schedule;
    }

    private static List<HandshakeMessage> rfcFlight() {
        return List.of(message(Rfc8448.ENCRYPTED_EXTENSIONS), message(Rfc8448.CERTIFICATE),
                message(Rfc8448.CERTIFICATE_VERIFY), message(Rfc8448.SERVER_FINISHED));
    }

    @Test
    @Order(17)
    @DisplayName("authenticates RFC 8448's whole server flight and builds its client Finished byte for byte")
    void authenticatesRfc8448Flight() throws Exception {
        TranscriptHash transcript = helloTranscript(Rfc8448.CLIENT_HELLO);
        AuthenticatedServer server = Authentication.authenticateServer(rfcFlight(), OFFER, transcript, rfcSchedule(),
                rfcTrust("rsa", RFC_TIME));

        assertThat(hex(server.clientFinished().encode())).as("the client Finished of RFC 8448")
                .isEqualTo(Rfc8448.CLIENT_FINISHED);
        assertThat(hex(transcript.current())).as("the transcript ends at the server Finished")
                .isEqualTo(Rfc8448.SERVER_FINISHED_HASH);
        assertThat(server.certificates()).containsExactly(rfcCertificate());
        assertThat(server.encryptedExtensions()).hasSize(3);
    }

    @Test
    @Order(18)
    @DisplayName("a tampered handshake fails: a changed ClientHello, a changed server Finished, a CertificateVerify by "
            + "another key behind a valid Finished (decrypt_error)")
    void refusesATamperedHandshake() throws Exception {
        byte[] hello = bytes(Rfc8448.CLIENT_HELLO);
        hello[10] ^= 1; // one bit of the client random, changed on the way to the server
        assertThat(alertOf(() -> Authentication.authenticateServer(rfcFlight(), OFFER, helloTranscript(hex(hello)),
                rfcSchedule(), rfcTrust("rsa", RFC_TIME))))
                .as("the server signed another transcript than the client's: CertificateVerify fails")
                .isEqualTo(AlertDescription.DECRYPT_ERROR);

        List<HandshakeMessage> flight = new ArrayList<>(rfcFlight());
        byte[] verifyData = flight.get(3).body();
        verifyData[31] ^= 1;
        flight.set(3, new HandshakeMessage(HandshakeType.FINISHED, verifyData));
        assertThat(alertOf(() -> Authentication.authenticateServer(flight, OFFER, helloTranscript(
                Rfc8448.CLIENT_HELLO), rfcSchedule(), rfcTrust("rsa", RFC_TIME))))
                .as("a server Finished with its last bit flipped").isEqualTo(AlertDescription.DECRYPT_ERROR);

        // A man in the middle who ran the key exchange itself knows the handshake secrets, so it can make a valid
        // Finished for any transcript: only CertificateVerify ties the handshake to the certificate's private key.
        Issued ca = root("Kata CA");
        Issued server = leaf(ca, "localhost");
        TrustPolicy trust = new TrustPolicy(List.of(ca.certificate()), "localhost", CLOCK);
        assertThatCode(() -> Authentication.authenticateServer(flightSignedBy(server), OFFER,
                helloTranscript(Rfc8448.CLIENT_HELLO), rfcSchedule(), trust))
                .as("control: the server's own key, a Finished the test computes").doesNotThrowAnyException();
        Issued attacker = leaf(root("Attacker"), "localhost");
        assertThat(alertOf(() -> Authentication.authenticateServer(
                flightSignedBy(new Issued(server.certificate(), attacker.keys())), OFFER,
                helloTranscript(Rfc8448.CLIENT_HELLO), rfcSchedule(), trust)))
                .as("the trusted certificate, a CertificateVerify by the attacker's key, a valid Finished")
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
    }

    /**
     * RFC 8448's EncryptedExtensions, then {@code signer}'s certificate, a CertificateVerify by {@code signer}'s key
     * and a server Finished under RFC 8448's server finished_key, both computed here with the JDK.
     */
    private static List<HandshakeMessage> flightSignedBy(Issued signer) throws GeneralSecurityException {
        HandshakeMessage certificate = certificateMessage(signer.certificate());
        byte[] certificateHash = hashOf(Rfc8448.CLIENT_HELLO, Rfc8448.SERVER_HELLO, Rfc8448.ENCRYPTED_EXTENSIONS,
                hex(certificate.encode()));
        HandshakeMessage verify = certificateVerify(TlsCodes.ECDSA_SECP256R1_SHA256,
                ecdsaSign(signer.privateKey(), signedContent(certificateHash)));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(bytes(Rfc8448.S_FINISHED_KEY), "HmacSHA256"));
        byte[] verifyData = mac.doFinal(hashOf(Rfc8448.CLIENT_HELLO, Rfc8448.SERVER_HELLO,
                Rfc8448.ENCRYPTED_EXTENSIONS, hex(certificate.encode()), hex(verify.encode())));
        return List.of(message(Rfc8448.ENCRYPTED_EXTENSIONS), certificate, verify,
                new HandshakeMessage(HandshakeType.FINISHED, verifyData));
    }

    @Test
    @Order(19)
    @DisplayName("the whole flight checks the chain and the host, and refuses messages out of order")
    void flightChecksEverything() {
        assertThat(alertOf(() -> Authentication.authenticateServer(rfcFlight(), OFFER,
                helloTranscript(Rfc8448.CLIENT_HELLO), rfcSchedule(), rfcTrust("server", RFC_TIME))))
                .as("RFC 8448's flight for host 'server': the certificate names 'rsa'")
                .isEqualTo(AlertDescription.CERTIFICATE_UNKNOWN);
        assertThat(alertOf(() -> Authentication.authenticateServer(rfcFlight(), OFFER,
                helloTranscript(Rfc8448.CLIENT_HELLO), rfcSchedule(), rfcTrust("rsa",
                        Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC)))))
                .as("RFC 8448's flight in 2027: the certificate has expired")
                .isEqualTo(AlertDescription.CERTIFICATE_EXPIRED);
        Issued ca = root("Kata CA");
        assertThat(alertOf(() -> Authentication.authenticateServer(rfcFlight(), OFFER,
                helloTranscript(Rfc8448.CLIENT_HELLO), rfcSchedule(),
                new TrustPolicy(List.of(ca.certificate()), "rsa", RFC_TIME))))
                .as("RFC 8448's flight for a client that trusts another CA only")
                .isEqualTo(AlertDescription.UNKNOWN_CA);

        List<HandshakeMessage> flight = rfcFlight();
        List<List<HandshakeMessage>> wrong = List.of(flight.subList(0, 3), List.of(flight.get(1), flight.get(0),
                flight.get(2), flight.get(3)), List.of(flight.get(0), flight.get(1), flight.get(3), flight.get(2)),
                List.of(flight.get(0), flight.get(1), flight.get(2), flight.get(3), flight.get(3)), List.of());
        for (List<HandshakeMessage> messages : wrong) {
            assertThat(alertOf(() -> Authentication.authenticateServer(messages, OFFER,
                    helloTranscript(Rfc8448.CLIENT_HELLO), rfcSchedule(), rfcTrust("rsa", RFC_TIME))))
                    .as("the flight %s", messages.stream().map(HandshakeMessage::type).toList())
                    .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    @Order(20)
    @DisplayName("refuses nulls")
    void refusesNulls() {
        HandshakeMessage ee = message(Rfc8448.ENCRYPTED_EXTENSIONS);
        byte[] hash = new byte[32];
        TrustPolicy trust = rfcTrust("rsa", RFC_TIME);
        allRefuseNull(List.of(
                () -> Authentication.decodeEncryptedExtensions(null, OFFER),
                () -> Authentication.decodeEncryptedExtensions(ee, null),
                () -> Authentication.decodeCertificate(null),
                () -> Authentication.serverSignedContent(null),
                () -> Authentication.verifyCertificateVerify(null, rfcCertificate().getPublicKey(), hash, OFFER),
                () -> Authentication.verifyCertificateVerify(message(Rfc8448.CERTIFICATE_VERIFY), null, hash, OFFER),
                () -> Authentication.verifyCertificateVerify(message(Rfc8448.CERTIFICATE_VERIFY),
                        rfcCertificate().getPublicKey(), null, OFFER),
                () -> Authentication.validateChain(null, trust),
                () -> Authentication.validateChain(List.of(rfcCertificate()), null),
                () -> Authentication.verifyData(null, hash),
                () -> Authentication.verifyData(hash, null),
                () -> Authentication.checkServerFinished(null, hash, hash),
                () -> Authentication.authenticateServer(null, OFFER, new TranscriptHash(), rfcSchedule(), trust),
                () -> Authentication.authenticateServer(rfcFlight(), OFFER, null, rfcSchedule(), trust)));
    }
}
