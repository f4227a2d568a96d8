package dev.backendkatas.diffiehellman;

import static dev.backendkatas.diffiehellman.Oracles.hex;
import static dev.backendkatas.diffiehellman.TestGroups.FFDHE;
import static dev.backendkatas.diffiehellman.TestHelpers.allRefuseNull;
import static dev.backendkatas.diffiehellman.TestHelpers.text;
import static dev.backendkatas.diffiehellman.TestHelpers.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 4 of kata 07: HKDF-SHA256 and the AES-256-GCM channel; the README section of the same name teaches it. */
@Order(4)
@DisplayName("Stage 4 — Key derivation")
class Stage4KeyDerivationTest {

    private static final byte[] AD = "record header".getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> rfc5869() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        return Stream.of(
                Arguments.of("A.2 (long inputs, L = 82)", range(0x00, 0x50), range(0x60, 0xB0),
                        range(0xB0, 0x100), 82,
                        "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
                        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                        + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                        + "cc30c58179ec3e87c14c01d5c1f3434f1d87"),
                Arguments.of("A.3 (empty salt and info)", ikm, new byte[0], new byte[0], 42,
                        "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
                        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
    }

    private static byte[] range(int from, int to) {
        byte[] bytes = new byte[to - from];
        for (int i = from; i < to; i++) {
            bytes[i - from] = (byte) i;
        }
        return bytes;
    }

    private SecureChannel[] channels(byte[] sharedSecret) {
        return new SecureChannel[] {SecureChannel.create(Role.INITIATOR, sharedSecret),
            SecureChannel.create(Role.RESPONDER, sharedSecret)};
    }

    @Test
    @Order(1)
    @DisplayName("HKDF-SHA256 gives RFC 5869 A.1 (test case 1): PRK and 42-byte OKM")
    void rfc5869TestCase1() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        byte[] salt = Oracles.hex("000102030405060708090a0b0c");
        byte[] info = Oracles.hex("f0f1f2f3f4f5f6f7f8f9");
        String prk = "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5";
        String okm = "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865";

        assertThat(hex(Hkdf.extract(salt, ikm))).as("PRK = HMAC-SHA256(salt, IKM) (RFC 5869 §2.2)").isEqualTo(prk);
        assertThat(hex(Hkdf.expand(Oracles.hex(prk), info, 42))).as("OKM = expand(PRK, info, 42) (§2.3)")
                .isEqualTo(okm);
        assertThat(hex(Hkdf.derive(salt, ikm, info, 42))).as("derive = extract, then expand").isEqualTo(okm);
    }

    @ParameterizedTest(name = "{0}")
    @Order(2)
    @MethodSource("rfc5869")
    @DisplayName("HKDF-SHA256 gives RFC 5869 A.2 and A.3 (test cases 2 and 3)")
    void rfc5869OtherCases(String name, byte[] ikm, byte[] salt, byte[] info, int length, String prk, String okm) {
        assertThat(hex(Hkdf.extract(salt, ikm))).as("PRK of %s", name).isEqualTo(prk);
        assertThat(hex(Hkdf.expand(Oracles.hex(prk), info, length))).as("OKM of %s", name).isEqualTo(okm);
        assertThat(hex(Hkdf.derive(salt, ikm, info, length))).as("derive, %s", name).isEqualTo(okm);
    }

    @ParameterizedTest(name = "L = {0}")
    @Order(3)
    @ValueSource(ints = {1, 31, 32, 33, 63, 64, 65, 100, 8159, 8160})
    @DisplayName("agrees with BouncyCastle's HKDFBytesGenerator for any length up to 255 · 32 = 8160")
    void agreesWithBouncyCastle(int length) {
        SecureRandom random = TestRandoms.seeded(length);
        byte[] salt = Oracles.randomBytes(random, 1 + length % 70);
        byte[] ikm = Oracles.randomBytes(random, 256);
        byte[] info = Oracles.randomBytes(random, length % 50);
        byte[] expected = Oracles.bouncyCastleHkdf(salt, ikm, info, length);
        assertThat(hex(Hkdf.derive(salt, ikm, info, length))).as("derive, L = %d", length).isEqualTo(hex(expected));
        assertThat(hex(Hkdf.expand(Hkdf.extract(salt, ikm), info, length))).as("expand(extract), L = %d", length)
                .isEqualTo(hex(expected));
    }

    @Test
    @Order(4)
    @DisplayName("an empty salt means 32 zero bytes (RFC 5869 §2.2)")
    void emptySaltIsHashLenZeros() {
        byte[] ikm = Oracles.hex("a1a2a3");
        assertThat(hex(Hkdf.extract(new byte[0], ikm))).as("extract(empty salt) vs extract(32 zero bytes)")
                .isEqualTo(hex(Hkdf.extract(new byte[32], ikm)));
        assertThat(hex(Hkdf.extract(new byte[0], new byte[0]))).as("even with an empty IKM, vs BouncyCastle")
                .isEqualTo(hex(Oracles.bouncyCastleExtract(new byte[0], new byte[0])));
    }

    @Test
    @Order(5)
    @DisplayName("a shorter output is a prefix of a longer one")
    void shorterIsPrefix() {
        byte[] prk = Oracles.randomBytes(TestRandoms.seeded(5), 32);
        byte[] info = utf8("context");
        byte[] longer = Hkdf.expand(prk, info, 100);
        for (int length : new int[] {1, 32, 33, 64, 99}) {
            assertThat(Hkdf.expand(prk, info, length)).as("L = %d vs the first bytes of L = 100", length)
                    .isEqualTo(Arrays.copyOf(longer, length));
        }
    }

    @Test
    @Order(6)
    @DisplayName("derives a 32-byte key per label: HKDF(salt = empty, IKM = secret, info = label)")
    void derivesKeyPerLabel() {
        byte[] secret = Oracles.randomBytes(TestRandoms.seeded(6), 256);
        byte[] a = SecureChannel.deriveKey(secret, "label A");
        byte[] b = SecureChannel.deriveKey(secret, "label B");
        assertThat(hex(a)).as("key for \"label A\" vs BouncyCastle HKDF")
                .isEqualTo(hex(Oracles.bouncyCastleHkdf(new byte[0], secret, utf8("label A"), 32)));
        assertThat(hex(b)).as("a different label gives an unrelated key").isNotEqualTo(hex(a));
        assertThat(hex(SecureChannel.deriveKey(secret, "clé"))).as("the label is UTF-8")
                .isEqualTo(hex(Oracles.bouncyCastleHkdf(new byte[0], secret, utf8("clé"), 32)));
        assertThatExceptionOfType(IllegalArgumentException.class).as("deriveKey with an empty shared secret")
                .isThrownBy(() -> SecureChannel.deriveKey(new byte[0], "x"));
        assertThatExceptionOfType(IllegalArgumentException.class).as("create with an empty shared secret")
                .isThrownBy(() -> SecureChannel.create(Role.INITIATOR, new byte[0]));
    }

    @Test
    @Order(7)
    @DisplayName("Alice encrypts and Bob decrypts with keys derived from their DH secret, and back")
    void aliceEncryptsBobDecrypts() throws Exception {
        DhKeyPair alice = FiniteFieldDh.generateKeyPair(FFDHE, TestRandoms.seeded(21));
        DhKeyPair bob = FiniteFieldDh.generateKeyPair(FFDHE, TestRandoms.seeded(22));
        SecureChannel aliceChannel = SecureChannel.create(Role.INITIATOR,
                FiniteFieldDh.sharedSecret(alice, bob.publicKey()));
        SecureChannel bobChannel = SecureChannel.create(Role.RESPONDER,
                FiniteFieldDh.sharedSecret(bob, alice.publicKey()));

        for (String message : List.of("hello Bob", "", "a second message, longer than one 16-byte AES block")) {
            SealedMessage sealed = aliceChannel.seal(utf8(message), AD);
            assertThat(sealed.ciphertext()).as("ciphertext = plaintext + 16-byte tag")
                    .hasSize(utf8(message).length + 16);
            assertThat(text(bobChannel.open(sealed, AD))).as("Bob reads").isEqualTo(message);
        }
        SealedMessage reply = bobChannel.seal(utf8("hi Alice"), new byte[0]);
        assertThat(text(aliceChannel.open(reply, new byte[0]))).as("Alice reads the reply").isEqualTo("hi Alice");
    }

    @Test
    @Order(8)
    @DisplayName("seals with AES-256-GCM, one HKDF key per direction and a counter nonce")
    void sealsWithTheSpecifiedKeysAndNonces() throws Exception {
        byte[] secret = Oracles.randomBytes(TestRandoms.seeded(8), 32);
        SecureChannel[] pair = channels(secret);
        byte[] i2r = Oracles.bouncyCastleHkdf(new byte[0], secret, utf8(SecureChannel.INITIATOR_TO_RESPONDER), 32);
        byte[] r2i = Oracles.bouncyCastleHkdf(new byte[0], secret, utf8(SecureChannel.RESPONDER_TO_INITIATOR), 32);

        for (int n = 0; n < 3; n++) {
            SealedMessage sealed = pair[0].seal(utf8("message " + n), AD);
            assertThat(hex(sealed.nonce())).as("nonce of the initiator's message %d: 4 zero bytes + 64-bit counter", n)
                    .isEqualTo("00000000000000000000000" + n);
            assertThat(Oracles.jdkAesGcmOpen(i2r, sealed.nonce(), sealed.ciphertext(), AD))
                    .as("the JDK opens it with HKDF(secret, INITIATOR_TO_RESPONDER)").isEqualTo(utf8("message " + n));
        }
        SealedMessage fromResponder = pair[1].seal(utf8("reply"), AD);
        assertThat(hex(fromResponder.nonce())).as("the responder counts from 0 too")
                .isEqualTo("000000000000000000000000");
        assertThat(Oracles.jdkAesGcmOpen(r2i, fromResponder.nonce(), fromResponder.ciphertext(), AD))
                .as("the JDK opens it with HKDF(secret, RESPONDER_TO_INITIATOR)").isEqualTo(utf8("reply"));
    }

    @Test
    @Order(9)
    @DisplayName("never repeats a nonce for one key: 1,000 messages, 1,000 different nonces")
    void neverRepeatsNonces() throws Exception {
        SecureChannel[] pair = channels(Oracles.randomBytes(TestRandoms.seeded(9), 32));
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            SealedMessage sealed = pair[0].seal(utf8("same text"), AD);
            nonces.add(hex(sealed.nonce()));
            assertThat(pair[1].open(sealed, AD)).as("message %d", i).isEqualTo(utf8("same text"));
        }
        assertThat(nonces).as("distinct nonces over 1,000 seals").hasSize(1000);
        assertThat(nonces).as("counters 255, 256 and 999, big-endian")
                .contains("0000000000000000000000ff", "000000000000000000000100", "0000000000000000000003e7");
    }

    @ParameterizedTest(name = "L = {0}")
    @Order(10)
    @ValueSource(ints = {0, -1, 8161, Integer.MAX_VALUE, Integer.MIN_VALUE})
    @DisplayName("refuses an output length outside [1, 8160] with IllegalArgumentException (RFC 5869 §2.3)")
    void refusesBadLength(int length) {
        byte[] prk = new byte[32];
        assertThatExceptionOfType(IllegalArgumentException.class).as("expand, L = %d", length)
                .isThrownBy(() -> Hkdf.expand(prk, new byte[0], length));
        assertThatExceptionOfType(IllegalArgumentException.class).as("derive, L = %d", length)
                .isThrownBy(() -> Hkdf.derive(new byte[0], prk, new byte[0], length));
    }

    @Test
    @Order(11)
    @DisplayName("refuses a PRK shorter than HashLen = 32 bytes with IllegalArgumentException (RFC 5869 §2.3)")
    void refusesShortPrk() {
        assertThatExceptionOfType(IllegalArgumentException.class).as("31-byte PRK")
                .isThrownBy(() -> Hkdf.expand(new byte[31], new byte[0], 32));
        assertThatExceptionOfType(IllegalArgumentException.class).as("empty PRK")
                .isThrownBy(() -> Hkdf.expand(new byte[0], new byte[0], 32));
        assertThat(Hkdf.expand(new byte[32], new byte[0], 32)).as("32 bytes is enough").hasSize(32);
    }

    @Test
    @Order(12)
    @DisplayName("refuses a changed ciphertext, tag, nonce or associated data with DecryptionFailedException")
    void refusesTampering() throws Exception {
        SecureChannel[] pair = channels(Oracles.randomBytes(TestRandoms.seeded(10), 32));
        SealedMessage sealed = pair[0].seal(utf8("transfer 10 EUR to Bob"), AD);
        byte[] nonce = sealed.nonce();
        byte[] ciphertext = sealed.ciphertext();

        List<SealedMessage> forgeries = new ArrayList<>();
        forgeries.add(new SealedMessage(nonce, Oracles.flipBit(ciphertext, 0)));
        forgeries.add(new SealedMessage(nonce, Oracles.flipBit(ciphertext, 9)));
        forgeries.add(new SealedMessage(nonce, Oracles.flipBit(ciphertext, ciphertext.length - 1)));
        forgeries.add(new SealedMessage(nonce, Arrays.copyOf(ciphertext, ciphertext.length - 1)));
        forgeries.add(new SealedMessage(nonce, Arrays.copyOf(ciphertext, ciphertext.length + 1)));
        forgeries.add(new SealedMessage(nonce, Arrays.copyOf(ciphertext, 16)));
        forgeries.add(new SealedMessage(nonce, Arrays.copyOf(ciphertext, 15)));
        forgeries.add(new SealedMessage(nonce, new byte[0]));
        forgeries.add(new SealedMessage(Oracles.flipBit(nonce, 11), ciphertext));
        forgeries.add(new SealedMessage(Oracles.flipBit(nonce, 0), ciphertext));
        forgeries.add(new SealedMessage(Arrays.copyOf(nonce, 11), ciphertext));
        forgeries.add(new SealedMessage(Arrays.copyOf(nonce, 13), ciphertext));
        for (SealedMessage forgery : forgeries) {
            assertThatExceptionOfType(DecryptionFailedException.class).as("opening %s", forgery)
                    .isThrownBy(() -> pair[1].open(forgery, AD));
        }
        assertThatExceptionOfType(DecryptionFailedException.class).as("changed associated data")
                .isThrownBy(() -> pair[1].open(sealed, utf8("record headeR")));
        assertThatExceptionOfType(DecryptionFailedException.class).as("missing associated data")
                .isThrownBy(() -> pair[1].open(sealed, new byte[0]));

        assertThat(pair[1].open(sealed, AD)).as("the genuine message still opens after the forgeries were refused")
                .isEqualTo(utf8("transfer 10 EUR to Bob"));
    }

    @Test
    @Order(13)
    @DisplayName("refuses a replayed or reordered message, and accepts the right order after")
    void refusesReplayAndReordering() throws Exception {
        SecureChannel[] pair = channels(Oracles.randomBytes(TestRandoms.seeded(11), 32));
        SealedMessage first = pair[0].seal(utf8("first"), AD);
        SealedMessage second = pair[0].seal(utf8("second"), AD);

        assertThatExceptionOfType(DecryptionFailedException.class).as("message 1 before message 0")
                .isThrownBy(() -> pair[1].open(second, AD));
        assertThat(pair[1].open(first, AD)).isEqualTo(utf8("first"));
        assertThatExceptionOfType(DecryptionFailedException.class).as("message 0 again (a replay)")
                .isThrownBy(() -> pair[1].open(first, AD));
        assertThat(pair[1].open(second, AD)).isEqualTo(utf8("second"));
    }

    @Test
    @Order(14)
    @DisplayName("uses one key per direction: a side cannot open its own messages, another secret opens nothing")
    void oneKeyPerDirection() throws Exception {
        byte[] secret = Oracles.randomBytes(TestRandoms.seeded(12), 32);
        SecureChannel alice = SecureChannel.create(Role.INITIATOR, secret);
        SecureChannel bob = SecureChannel.create(Role.RESPONDER, secret);
        SecureChannel aliceAgain = SecureChannel.create(Role.INITIATOR, secret);
        SealedMessage fromAlice = alice.seal(utf8("same words"), AD);
        SealedMessage fromBob = bob.seal(utf8("same words"), AD);

        assertThat(hex(fromAlice.nonce())).as("both first messages use nonce 0").isEqualTo(hex(fromBob.nonce()));
        assertThat(hex(fromAlice.ciphertext())).as("same nonce, same words, two directions: two keys")
                .isNotEqualTo(hex(fromBob.ciphertext()));
        assertThatExceptionOfType(DecryptionFailedException.class).as("an initiator opening an initiator's message")
                .isThrownBy(() -> aliceAgain.open(fromAlice, AD));
        SecureChannel stranger = SecureChannel.create(Role.RESPONDER,
                Oracles.randomBytes(TestRandoms.seeded(13), 32));
        assertThatExceptionOfType(DecryptionFailedException.class).as("a responder with another shared secret")
                .isThrownBy(() -> stranger.open(fromAlice, AD));
        assertThat(aliceAgain.open(fromBob, AD)).as("any initiator with the secret opens the responder's message")
                .isEqualTo(utf8("same words"));
    }

    @Test
    @Order(15)
    @DisplayName("rejects null arguments with NullPointerException")
    void rejectsNulls() {
        SecureChannel channel = SecureChannel.create(Role.INITIATOR, new byte[32]);
        SealedMessage message = new SealedMessage(new byte[12], new byte[16]);
        allRefuseNull(List.of(
                () -> Hkdf.extract(null, new byte[1]), () -> Hkdf.extract(new byte[1], null),
                () -> Hkdf.expand(null, new byte[1], 32), () -> Hkdf.expand(new byte[32], null, 32),
                () -> Hkdf.derive(null, new byte[1], new byte[1], 32),
                () -> Hkdf.derive(new byte[1], null, new byte[1], 32),
                () -> Hkdf.derive(new byte[1], new byte[1], null, 32),
                () -> SecureChannel.deriveKey(null, "x"), () -> SecureChannel.deriveKey(new byte[1], null),
                () -> SecureChannel.create(null, new byte[32]), () -> SecureChannel.create(Role.RESPONDER, null),
                () -> channel.seal(null, new byte[0]), () -> channel.seal(new byte[0], null),
                () -> channel.open(null, new byte[0]), () -> channel.open(message, null)));
    }
}
