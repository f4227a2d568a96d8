package dev.backendkatas.tlshandshake;

import static dev.backendkatas.tlshandshake.TestHelpers.allRefuseNull;
import static dev.backendkatas.tlshandshake.TestHelpers.bytes;
import static dev.backendkatas.tlshandshake.TestHelpers.hex;
import static dev.backendkatas.tlshandshake.TestHelpers.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.List;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 3 of kata 08: the transcript hash and the key schedule; the README section of the same name teaches it. */
@Order(3)
@DisplayName("Stage 3 — Key schedule")
class Stage3KeyScheduleTest {

    private static final byte[] NONE = new byte[0];

    private static TranscriptHash transcript(String... messages) {
        TranscriptHash transcript = new TranscriptHash();
        for (String m : messages) {
            transcript.add(message(m));
        }
        return transcript;
    }

    /** The schedule of RFC 8448 §3, walked with the RFC's ECDHE secret and transcript hashes. */
    private static KeySchedule rfcSchedule() {
        KeySchedule schedule = new KeySchedule();
        schedule.deriveHandshakeSecrets(bytes(Rfc8448.ECDHE), bytes(Rfc8448.HELLO_HASH));
        schedule.deriveApplicationSecrets(bytes(Rfc8448.SERVER_FINISHED_HASH));
        return schedule;
    }

    private static byte[] hmacSha256(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    @Test
    @Order(1)
    @DisplayName("hashes the transcript: ClientHello..ServerHello of RFC 8448 gives 860c06ed… (§4.4.1)")
    void transcriptHashOfTheHellos() {
        assertThat(hex(new TranscriptHash().current())).as("the hash of no messages: SHA-256 of the empty string")
                .isEqualTo(Rfc8448.EMPTY_HASH);
        assertThat(hex(transcript(Rfc8448.CLIENT_HELLO, Rfc8448.SERVER_HELLO).current()))
                .as("SHA-256(ClientHello || ServerHello), each with its 4-byte handshake header")
                .isEqualTo(Rfc8448.HELLO_HASH);
    }

    @Test
    @Order(2)
    @DisplayName("keeps running after current(): ..server Finished gives 9608102a…, ..client Finished 209145a9…")
    void transcriptHashKeepsRunning() {
        TranscriptHash transcript = transcript(Rfc8448.CLIENT_HELLO, Rfc8448.SERVER_HELLO);
        assertThat(hex(transcript.current())).isEqualTo(Rfc8448.HELLO_HASH);
        assertThat(hex(transcript.current())).as("current() twice gives the same hash").isEqualTo(Rfc8448.HELLO_HASH);
        for (String m : List.of(Rfc8448.ENCRYPTED_EXTENSIONS, Rfc8448.CERTIFICATE, Rfc8448.CERTIFICATE_VERIFY,
                Rfc8448.SERVER_FINISHED)) {
            transcript.add(message(m));
        }
        assertThat(hex(transcript.current())).as("ClientHello..server Finished, the plaintext messages of the "
                + "encrypted flight included").isEqualTo(Rfc8448.SERVER_FINISHED_HASH);
        transcript.add(message(Rfc8448.CLIENT_FINISHED));
        assertThat(hex(transcript.current())).as("ClientHello..client Finished").isEqualTo(Rfc8448.CLIENT_FINISHED_HASH);
    }

    @Test
    @Order(3)
    @DisplayName("does HKDF-Extract and HKDF-Expand with HMAC-SHA256 as RFC 5869 A.1 says")
    void hkdfTestCase1() {
        byte[] ikm = TestHelpers.filled(22, 0x0b);
        byte[] prk = KeySchedule.hkdfExtract(bytes("000102030405060708090a0b0c"), ikm);
        assertThat(hex(prk)).as("PRK of RFC 5869 A.1")
                .isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assertThat(hex(KeySchedule.hkdfExpand(prk, bytes("f0f1f2f3f4f5f6f7f8f9"), 42))).as("OKM of RFC 5869 A.1, L = 42")
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
        assertThat(hex(KeySchedule.hkdfExtract(NONE, ikm))).as("an empty salt is 32 zero bytes (RFC 5869 §2.2)")
                .isEqualTo(hex(KeySchedule.hkdfExtract(new byte[32], ikm)));
    }

    @ParameterizedTest(name = "L = {0}")
    @Order(4)
    @ValueSource(ints = {1, 16, 31, 32, 33, 64, 65, 100, 8160})
    @DisplayName("expands to any length from 1 to 255 · 32 as BouncyCastle's HKDF does")
    void hkdfExpandAgreesWithBouncyCastle(int length) {
        byte[] prk = bytes(Rfc8448.HANDSHAKE_SECRET);
        byte[] info = "some info".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = new byte[length];
        HKDFBytesGenerator oracle = new HKDFBytesGenerator(new SHA256Digest());
        oracle.init(HKDFParameters.skipExtractParameters(prk, info));
        oracle.generateBytes(expected, 0, length);
        assertThat(hex(KeySchedule.hkdfExpand(prk, info, length))).as("HKDF-Expand, L = %d", length)
                .isEqualTo(hex(expected));
    }

    @Test
    @Order(5)
    @DisplayName("serialises HkdfLabel: uint16 length, \"tls13 \" + label, context (§7.1), as RFC 8448's infos")
    void serialisesHkdfLabels() {
        assertThat(hex(KeySchedule.hkdfLabel("derived", bytes(Rfc8448.EMPTY_HASH), 32)))
                .as("HkdfLabel(\"derived\", SHA-256(\"\"), 32)").isEqualTo(Rfc8448.DERIVED_INFO);
        assertThat(hex(KeySchedule.hkdfLabel("c hs traffic", bytes(Rfc8448.HELLO_HASH), 32)))
                .as("HkdfLabel(\"c hs traffic\", hello hash, 32)").isEqualTo(Rfc8448.C_HS_TRAFFIC_INFO);
        assertThat(hex(KeySchedule.hkdfLabel("key", NONE, 16))).as("HkdfLabel(\"key\", \"\", 16)")
                .isEqualTo(Rfc8448.KEY_INFO);
        assertThat(hex(KeySchedule.hkdfLabel("iv", NONE, 12))).as("HkdfLabel(\"iv\", \"\", 12)").isEqualTo(Rfc8448.IV_INFO);
        assertThat(hex(KeySchedule.hkdfLabel("finished", NONE, 32))).as("HkdfLabel(\"finished\", \"\", 32)")
                .isEqualTo(Rfc8448.FINISHED_INFO);
    }

    @Test
    @Order(6)
    @DisplayName("computes Expand-Label and Derive-Secret: the \"derived\" salt of RFC 8448 is 6f2615a1…")
    void expandLabelAndDeriveSecret() {
        byte[] early = bytes(Rfc8448.EARLY_SECRET);
        assertThat(hex(KeySchedule.deriveSecret(early, "derived", bytes(Rfc8448.EMPTY_HASH))))
                .as("Derive-Secret(early secret, \"derived\", \"\")").isEqualTo(Rfc8448.DERIVED_FOR_HANDSHAKE);
        assertThat(hex(KeySchedule.expandLabel(early, "derived", bytes(Rfc8448.EMPTY_HASH), 32)))
                .as("the same as HKDF-Expand-Label(…, 32)").isEqualTo(Rfc8448.DERIVED_FOR_HANDSHAKE);
        assertThat(hex(KeySchedule.expandLabel(bytes(Rfc8448.S_HS_TRAFFIC), "key", NONE, 16)))
                .as("HKDF-Expand-Label(s hs traffic, \"key\", \"\", 16)").isEqualTo(Rfc8448.S_HS_KEY);
        assertThat(hex(KeySchedule.expandLabel(bytes(Rfc8448.S_HS_TRAFFIC), "key", NONE, 16)))
                .as("Expand-Label is HKDF-Expand over HkdfLabel").isEqualTo(hex(KeySchedule.hkdfExpand(
                        bytes(Rfc8448.S_HS_TRAFFIC), bytes(Rfc8448.KEY_INFO), 16)));
    }

    @Test
    @Order(7)
    @DisplayName("starts from the early secret 33ad0a1c… = HKDF-Extract(0, 0) when there is no PSK (§7.1)")
    void earlySecret() {
        assertThat(hex(new KeySchedule().earlySecret())).as("early secret").isEqualTo(Rfc8448.EARLY_SECRET);
    }

    @Test
    @Order(8)
    @DisplayName("derives the handshake secret and both handshake traffic secrets of RFC 8448 §3")
    void handshakeSecrets() {
        KeySchedule schedule = new KeySchedule();
        schedule.deriveHandshakeSecrets(bytes(Rfc8448.ECDHE), bytes(Rfc8448.HELLO_HASH));
        assertThat(hex(schedule.handshakeSecret())).as("handshake secret = Extract(derived, ECDHE)")
                .isEqualTo(Rfc8448.HANDSHAKE_SECRET);
        assertThat(hex(schedule.clientHandshakeTrafficSecret())).as("client_handshake_traffic_secret")
                .isEqualTo(Rfc8448.C_HS_TRAFFIC);
        assertThat(hex(schedule.serverHandshakeTrafficSecret())).as("server_handshake_traffic_secret")
                .isEqualTo(Rfc8448.S_HS_TRAFFIC);
    }

    @Test
    @Order(9)
    @DisplayName("derives the master secret, both application traffic secrets and the exporter secret of RFC 8448 §3")
    void applicationSecrets() {
        KeySchedule schedule = rfcSchedule();
        assertThat(hex(schedule.masterSecret())).as("master secret = Extract(derived, 0)").isEqualTo(Rfc8448.MASTER_SECRET);
        assertThat(hex(schedule.clientApplicationTrafficSecret())).as("client_application_traffic_secret_0")
                .isEqualTo(Rfc8448.C_AP_TRAFFIC);
        assertThat(hex(schedule.serverApplicationTrafficSecret())).as("server_application_traffic_secret_0")
                .isEqualTo(Rfc8448.S_AP_TRAFFIC);
        assertThat(hex(schedule.exporterMasterSecret())).as("exporter_master_secret").isEqualTo(Rfc8448.EXPORTER_MASTER);
        assertThat(hex(schedule.clientHandshakeTrafficSecret())).as("the handshake secrets are still there")
                .isEqualTo(Rfc8448.C_HS_TRAFFIC);
    }

    @Test
    @Order(10)
    @DisplayName("derives every traffic key and IV of RFC 8448 §3: \"key\" 16 bytes, \"iv\" 12 bytes (§7.3)")
    void trafficKeysAndIvs() {
        assertThat(KeySchedule.trafficKeys(bytes(Rfc8448.S_HS_TRAFFIC))).as("server handshake key and IV")
                .isEqualTo(new TrafficKeys(bytes(Rfc8448.S_HS_KEY), bytes(Rfc8448.S_HS_IV)));
        assertThat(KeySchedule.trafficKeys(bytes(Rfc8448.C_HS_TRAFFIC))).as("client handshake key and IV")
                .isEqualTo(new TrafficKeys(bytes(Rfc8448.C_HS_KEY), bytes(Rfc8448.C_HS_IV)));
        assertThat(KeySchedule.trafficKeys(bytes(Rfc8448.S_AP_TRAFFIC))).as("server application key and IV")
                .isEqualTo(new TrafficKeys(bytes(Rfc8448.S_AP_KEY), bytes(Rfc8448.S_AP_IV)));
        assertThat(KeySchedule.trafficKeys(bytes(Rfc8448.C_AP_TRAFFIC))).as("client application key and IV")
                .isEqualTo(new TrafficKeys(bytes(Rfc8448.C_AP_KEY), bytes(Rfc8448.C_AP_IV)));
    }

    @Test
    @Order(11)
    @DisplayName("derives both finished keys of RFC 8448; HMAC over the transcript then gives each verify_data (§4.4.4)")
    void finishedKeys() throws Exception {
        byte[] serverKey = KeySchedule.finishedKey(bytes(Rfc8448.S_HS_TRAFFIC));
        byte[] clientKey = KeySchedule.finishedKey(bytes(Rfc8448.C_HS_TRAFFIC));
        assertThat(hex(serverKey)).as("server finished_key").isEqualTo(Rfc8448.S_FINISHED_KEY);
        assertThat(hex(clientKey)).as("client finished_key").isEqualTo(Rfc8448.C_FINISHED_KEY);
        byte[] upToCertificateVerify = transcript(Rfc8448.CLIENT_HELLO, Rfc8448.SERVER_HELLO,
                Rfc8448.ENCRYPTED_EXTENSIONS, Rfc8448.CERTIFICATE, Rfc8448.CERTIFICATE_VERIFY).current();
        assertThat(hex(hmacSha256(serverKey, upToCertificateVerify)))
                .as("server verify_data = HMAC(finished_key, Transcript-Hash(CH..CertificateVerify))")
                .isEqualTo(Rfc8448.S_VERIFY_DATA);
        assertThat(hex(hmacSha256(clientKey, bytes(Rfc8448.SERVER_FINISHED_HASH))))
                .as("client verify_data = HMAC(finished_key, Transcript-Hash(CH..server Finished))")
                .isEqualTo(Rfc8448.C_VERIFY_DATA);
    }

    @Test
    @Order(12)
    @DisplayName("walks the whole schedule from X25519 (the JDK's, as in kata 07) and the transcript of the messages")
    void wholeScheduleFromTheMessages() throws Exception {
        byte[] ecdhe = jdkX25519(bytes(Rfc8448.CLIENT_PRIVATE), bytes(Rfc8448.SERVER_PUBLIC));
        assertThat(hex(ecdhe)).as("X25519(client private, server public)").isEqualTo(Rfc8448.ECDHE);
        TranscriptHash transcript = transcript(Rfc8448.CLIENT_HELLO, Rfc8448.SERVER_HELLO);
        KeySchedule schedule = new KeySchedule();
        schedule.deriveHandshakeSecrets(ecdhe, transcript.current());
        for (String m : List.of(Rfc8448.ENCRYPTED_EXTENSIONS, Rfc8448.CERTIFICATE, Rfc8448.CERTIFICATE_VERIFY,
                Rfc8448.SERVER_FINISHED)) {
            transcript.add(message(m));
        }
        schedule.deriveApplicationSecrets(transcript.current());
        assertThat(KeySchedule.trafficKeys(schedule.clientApplicationTrafficSecret()))
                .as("the client's application key, at the end of the walk")
                .isEqualTo(new TrafficKeys(bytes(Rfc8448.C_AP_KEY), bytes(Rfc8448.C_AP_IV)));
    }

    @Test
    @Order(13)
    @DisplayName("refuses secrets before they exist, and deriving a stage twice, with IllegalStateException")
    void refusesOutOfOrderUse() {
        KeySchedule fresh = new KeySchedule();
        assertThatExceptionOfType(IllegalStateException.class).as("handshakeSecret() before deriveHandshakeSecrets")
                .isThrownBy(fresh::handshakeSecret);
        assertThatExceptionOfType(IllegalStateException.class).as("clientHandshakeTrafficSecret() too early")
                .isThrownBy(fresh::clientHandshakeTrafficSecret);
        assertThatExceptionOfType(IllegalStateException.class).as("serverHandshakeTrafficSecret() too early")
                .isThrownBy(fresh::serverHandshakeTrafficSecret);
        assertThatExceptionOfType(IllegalStateException.class).as("application secrets before the handshake secrets")
                .isThrownBy(() -> fresh.deriveApplicationSecrets(bytes(Rfc8448.SERVER_FINISHED_HASH)));
        KeySchedule handshake = new KeySchedule();
        handshake.deriveHandshakeSecrets(bytes(Rfc8448.ECDHE), bytes(Rfc8448.HELLO_HASH));
        for (Runnable early : List.<Runnable>of(handshake::masterSecret, handshake::clientApplicationTrafficSecret,
                handshake::serverApplicationTrafficSecret, handshake::exporterMasterSecret)) {
            assertThatExceptionOfType(IllegalStateException.class).as("an application secret too early")
                    .isThrownBy(early::run);
        }
        assertThatExceptionOfType(IllegalStateException.class).as("deriveHandshakeSecrets twice")
                .isThrownBy(() -> handshake.deriveHandshakeSecrets(bytes(Rfc8448.ECDHE), bytes(Rfc8448.HELLO_HASH)));
        KeySchedule done = rfcSchedule();
        assertThatExceptionOfType(IllegalStateException.class).as("deriveApplicationSecrets twice")
                .isThrownBy(() -> done.deriveApplicationSecrets(bytes(Rfc8448.SERVER_FINISHED_HASH)));
    }

    @Test
    @Order(14)
    @DisplayName("refuses what HKDF and HkdfLabel cannot encode with IllegalArgumentException (RFC 5869 §2.3, §7.1)")
    void refusesBadSizes() {
        byte[] prk = bytes(Rfc8448.EARLY_SECRET);
        assertThatExceptionOfType(IllegalArgumentException.class).as("L = 0").isThrownBy(() -> KeySchedule.hkdfExpand(prk, NONE, 0));
        assertThatExceptionOfType(IllegalArgumentException.class).as("L = 8161")
                .isThrownBy(() -> KeySchedule.hkdfExpand(prk, NONE, 8161));
        assertThatExceptionOfType(IllegalArgumentException.class).as("a PRK of 31 bytes")
                .isThrownBy(() -> KeySchedule.hkdfExpand(Arrays.copyOf(prk, 31), NONE, 32));
        assertThatExceptionOfType(IllegalArgumentException.class).as("a context of 256 bytes (context<0..255>)")
                .isThrownBy(() -> KeySchedule.hkdfLabel("key", new byte[256], 16));
        assertThat(KeySchedule.hkdfLabel("key", new byte[255], 16)).as("a context of 255 bytes").hasSize(2 + 1 + 9 + 1 + 255);
        assertThatExceptionOfType(IllegalArgumentException.class).as("a label of 250 bytes: \"tls13 \" + 250 > 255")
                .isThrownBy(() -> KeySchedule.hkdfLabel("x".repeat(250), NONE, 16));
        assertThat(KeySchedule.hkdfLabel("x".repeat(249), NONE, 16)).as("a label of 249 bytes").hasSize(2 + 1 + 255 + 1);
        assertThatExceptionOfType(IllegalArgumentException.class).as("length 65536 is no uint16")
                .isThrownBy(() -> KeySchedule.hkdfLabel("key", NONE, 65536));
        assertThatExceptionOfType(IllegalArgumentException.class).as("length -1 is no uint16")
                .isThrownBy(() -> KeySchedule.hkdfLabel("key", NONE, -1));
        assertThat(hex(KeySchedule.hkdfLabel("key", NONE, 65535))).as("length 65535").startsWith("ffff09");
        assertThat(hex(KeySchedule.hkdfLabel("key", NONE, 0))).as("length 0").startsWith("000009");
        assertThatExceptionOfType(IllegalArgumentException.class).as("Derive-Secret over a 31-byte hash")
                .isThrownBy(() -> KeySchedule.deriveSecret(prk, "derived", new byte[31]));
    }

    @Test
    @Order(15)
    @DisplayName("rejects null arguments with NullPointerException")
    void rejectsNulls() {
        KeySchedule schedule = new KeySchedule();
        allRefuseNull(List.of(() -> KeySchedule.hkdfExtract(null, NONE), () -> KeySchedule.hkdfExtract(NONE, null),
                () -> KeySchedule.hkdfExpand(null, NONE, 1), () -> KeySchedule.hkdfExpand(new byte[32], null, 1),
                () -> KeySchedule.hkdfLabel(null, NONE, 1), () -> KeySchedule.hkdfLabel("key", null, 1),
                () -> KeySchedule.deriveSecret(new byte[32], "x", null),
                () -> KeySchedule.trafficKeys(null), () -> KeySchedule.finishedKey(null),
                () -> schedule.deriveHandshakeSecrets(null, new byte[32]),
                () -> schedule.deriveHandshakeSecrets(new byte[32], null),
                () -> schedule.deriveApplicationSecrets(null), () -> new TranscriptHash().add(null)));
    }

    /** The JDK's X25519 (RFC 7748), as an oracle: scalar and u-coordinate are little-endian byte strings. */
    private static byte[] jdkX25519(byte[] scalar, byte[] u) throws Exception {
        KeyFactory factory = KeyFactory.getInstance("XDH");
        PrivateKey privateKey = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
        byte[] bigEndian = u.clone();
        for (int i = 0; i < bigEndian.length / 2; i++) {
            byte t = bigEndian[i];
            bigEndian[i] = bigEndian[bigEndian.length - 1 - i];
            bigEndian[bigEndian.length - 1 - i] = t;
        }
        PublicKey publicKey = factory.generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(privateKey);
        agreement.doPhase(publicKey, true);
        return agreement.generateSecret();
    }
}
