package dev.backendkatas.diffiehellman;

import static dev.backendkatas.diffiehellman.Oracles.hex;
import static dev.backendkatas.diffiehellman.Rfc7748AliceAndBob.ALICE_PRIVATE;
import static dev.backendkatas.diffiehellman.Rfc7748AliceAndBob.ALICE_PUBLIC;
import static dev.backendkatas.diffiehellman.Rfc7748AliceAndBob.BOB_PRIVATE;
import static dev.backendkatas.diffiehellman.Rfc7748AliceAndBob.BOB_PUBLIC;
import static dev.backendkatas.diffiehellman.Rfc7748AliceAndBob.SHARED;
import static dev.backendkatas.diffiehellman.TestHelpers.allRefuseNull;
import static dev.backendkatas.diffiehellman.TestHelpers.big;
import static dev.backendkatas.diffiehellman.TestHelpers.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 5 of kata 07: X25519 (RFC 7748) from scratch; the README section of the same name teaches it. */
@Order(5)
@DisplayName("Stage 5 — X25519 from scratch")
class Stage5X25519Test {

    private static final String K1 = "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4";

    private static final String U1 = "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c";

    private static final String K2 = "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d";

    private static final String U2 = "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493";

    private static final String U1_DECIMAL =
            "34426434033919594451155107781188821651316167215306631574996226621102155684838";

    static Stream<Arguments> lowOrderPoints() {
        return Stream.of(
                Arguments.of("u = 0", "0000000000000000000000000000000000000000000000000000000000000000"),
                Arguments.of("u = 1", "0100000000000000000000000000000000000000000000000000000000000000"),
                Arguments.of("order 8 (a)", "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
                Arguments.of("order 8 (b)", "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
                Arguments.of("u = p-1", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
                Arguments.of("u = p (0, non-canonical)",
                        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
                Arguments.of("u = p+1 (1, non-canonical)",
                        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
                Arguments.of("u = 0 with the top bit set",
                        "0000000000000000000000000000000000000000000000000000000000000080"),
                Arguments.of("u = 1 with the top bit set",
                        "0100000000000000000000000000000000000000000000000000000000000080"));
    }

    @Test
    @Order(1)
    @DisplayName("X25519(k, u) gives RFC 7748 §5.2 vector 1")
    void rfc7748Vector1() {
        assertThat(hex(X25519.scalarMult(Oracles.hex(K1), Oracles.hex(U1)))).as("X25519(k1, u1)")
                .isEqualTo("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
    }

    @Test
    @Order(2)
    @DisplayName("X25519(k, u) gives RFC 7748 §5.2 vector 2, whose u has the top bit set (masked, §5)")
    void rfc7748Vector2() {
        assertThat(hex(X25519.scalarMult(Oracles.hex(K2), Oracles.hex(U2)))).as("X25519(k2, u2)")
                .isEqualTo("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
    }

    @Test
    @Order(3)
    @DisplayName("decodes and clamps scalars as RFC 7748 §5 (decimal values of the §5.2 vectors)")
    void decodesScalars() {
        byte[] k1 = Oracles.hex(K1);
        assertThat(X25519.decodeScalar(k1)).as("decodeScalar25519 of vector 1's k")
                .isEqualTo(new BigInteger("31029842492115040904895560451863089656472772604678260265531221036453811406496"));
        assertThat(X25519.decodeScalar(Oracles.hex(K2))).as("decodeScalar25519 of vector 2's k")
                .isEqualTo(new BigInteger("35156891815674817266734212754503633747128614016119564763269015315466259359304"));
        assertThat(hex(k1)).as("the caller's array is not clamped in place").isEqualTo(K1);

        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xFF);
        assertThat(X25519.decodeScalar(ones)).as("all 0xFF: low 3 bits and bit 255 cleared")
                .isEqualTo(BigInteger.ONE.shiftLeft(255).subtract(big(8)));
        assertThat(X25519.decodeScalar(new byte[32])).as("all zero: bit 254 set")
                .isEqualTo(BigInteger.ONE.shiftLeft(254));
        byte[] seven = new byte[32];
        seven[0] = 7;
        assertThat(X25519.decodeScalar(seven)).as("7 is cleared to 0, then bit 254 set")
                .isEqualTo(BigInteger.ONE.shiftLeft(254));
        byte[] littleEndian = new byte[32];
        littleEndian[1] = 1;
        assertThat(X25519.decodeScalar(littleEndian)).as("byte 1 = 0x01 is 256: little-endian")
                .isEqualTo(BigInteger.ONE.shiftLeft(254).add(big(256)));
    }

    @Test
    @Order(4)
    @DisplayName("decodes u-coordinates little-endian, masking bit 255 and not reducing mod p (RFC 7748 §5)")
    void decodesUCoordinates() {
        assertThat(X25519.decodeUCoordinate(Oracles.hex(U1))).as("vector 1's u").isEqualTo(new BigInteger(U1_DECIMAL));
        byte[] u2 = Oracles.hex(U2);
        assertThat(X25519.decodeUCoordinate(u2)).as("vector 2's u, last byte 0x93 read as 0x13")
                .isEqualTo(new BigInteger("8883857351183929894090759386610649319417338800022198945255395922347792736741"));
        assertThat(hex(u2)).as("the caller's array is not masked in place").isEqualTo(U2);
        byte[] pPlus5 = Oracles.hex("f2ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        assertThat(X25519.decodeUCoordinate(pPlus5)).as("p+5 is returned as it is (non-canonical, reduced later)")
                .isEqualTo(X25519.P.add(big(5)));
    }

    @Test
    @Order(5)
    @DisplayName("encodes u mod p as 32 little-endian bytes")
    void encodesUCoordinates() {
        assertThat(hex(X25519.encodeUCoordinate(big(9)))).as("9")
                .isEqualTo("09" + "00".repeat(31));
        assertThat(hex(X25519.encodeUCoordinate(big(0x0102)))).as("0x0102: low byte first")
                .isEqualTo("0201" + "00".repeat(30));
        assertThat(hex(X25519.encodeUCoordinate(X25519.P))).as("p reduces to 0").isEqualTo("00".repeat(32));
        assertThat(hex(X25519.encodeUCoordinate(X25519.P.add(BigInteger.ONE)))).as("p+1 reduces to 1")
                .isEqualTo("01" + "00".repeat(31));
        assertThat(hex(X25519.encodeUCoordinate(big(-1)))).as("-1 is p-1")
                .isEqualTo("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        assertThat(hex(X25519.encodeUCoordinate(new BigInteger(U1_DECIMAL)))).as("vector 1's u round-trips")
                .isEqualTo(U1);
    }

    @Test
    @Order(6)
    @DisplayName("gives the §5.2 result after 1 iteration of k, u = X25519(k, u), k, starting from k = u = 9")
    void iteratedOnce() {
        byte[] nine = X25519.encodeUCoordinate(big(9));
        assertThat(hex(X25519.scalarMult(nine, nine.clone()))).as("after 1 iteration: X25519(9, 9)")
                .isEqualTo("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
    }

    // 1,000 ladders: about a second for the reference on BigInteger, but over 10 s on a busy 2-core machine. The
    // RFC's own vector is worth a slow test; a generous limit of its own keeps it a check of correctness, not of
    // speed, and still ends a learner's endless loop before the grader gives up on the whole kata (120 s).
    @Test
    @Order(7)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("gives the §5.2 result after 1,000 iterations of k, u = X25519(k, u), k (slow: 1,000 ladders)")
    void iteratedAThousandTimes() {
        byte[] k = X25519.encodeUCoordinate(big(9));
        byte[] u = k.clone();
        for (int i = 1; i <= 1000; i++) {
            byte[] result = X25519.scalarMult(k, u);
            u = k;
            k = result;
        }
        assertThat(hex(k)).as("after 1,000 iterations")
                .isEqualTo("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
    }

    @Test
    @Order(8)
    @DisplayName("reproduces the Alice/Bob exchange of RFC 7748 §6.1")
    void aliceAndBob() throws Exception {
        byte[] alicePrivate = Oracles.hex(ALICE_PRIVATE);
        byte[] bobPrivate = Oracles.hex(BOB_PRIVATE);
        assertThat(hex(X25519.publicKey(alicePrivate))).as("Alice's public key = X25519(a, 9)").isEqualTo(ALICE_PUBLIC);
        assertThat(hex(X25519.publicKey(bobPrivate))).as("Bob's public key = X25519(b, 9)").isEqualTo(BOB_PUBLIC);
        assertThat(hex(X25519.sharedSecret(alicePrivate, Oracles.hex(BOB_PUBLIC)))).as("X25519(a, B)")
                .isEqualTo(SHARED);
        assertThat(hex(X25519.sharedSecret(bobPrivate, Oracles.hex(ALICE_PUBLIC)))).as("X25519(b, A)")
                .isEqualTo(SHARED);
    }

    @Test
    @Order(9)
    @DisplayName("accepts a non-canonical u (9 + p) and treats it as 9 (RFC 7748 §5)")
    void acceptsNonCanonicalU() {
        byte[] ninePlusP = Oracles.hex("f6ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        assertThat(hex(X25519.scalarMult(Oracles.hex(ALICE_PRIVATE), ninePlusP))).as("X25519(a, 9 + p) = X25519(a, 9)")
                .isEqualTo(ALICE_PUBLIC);
    }

    @Test
    @Order(10)
    @DisplayName("agrees with BouncyCastle's X25519 and the JDK's KeyAgreement(\"XDH\") on random keys")
    void interoperates() throws Exception {
        SecureRandom random = TestRandoms.seeded(25519);
        for (int i = 0; i < 5; i++) {
            byte[] mine = Oracles.randomBytes(random, 32);
            byte[] peer = Oracles.randomBytes(random, 32);
            byte[] peerPublic = Oracles.bouncyCastleX25519PublicKey(peer);
            assertThat(hex(X25519.publicKey(peer))).as("public key vs BouncyCastle").isEqualTo(hex(peerPublic));
            byte[] ours = X25519.sharedSecret(mine, peerPublic);
            assertThat(hex(ours)).as("shared secret vs BouncyCastle")
                    .isEqualTo(hex(Oracles.bouncyCastleX25519(mine, peerPublic)));
            assertThat(hex(ours)).as("shared secret vs JDK XDH").isEqualTo(hex(Oracles.jdkX25519(mine, peerPublic)));
        }
    }

    @Test
    @Order(11)
    @DisplayName("generates a key pair from 32 random bytes, and refuses a source that returns zeros")
    void generatesKeyPairs() {
        byte[] expectedPrivate = Oracles.randomBytes(TestRandoms.seeded(77), 32);
        TestRandoms.Scripted script = TestRandoms.scripted(expectedPrivate);
        X25519KeyPair pair = X25519.generateKeyPair(script);
        assertThat(hex(pair.privateKey())).as("the private key is the 32 bytes drawn, unclamped")
                .isEqualTo(hex(expectedPrivate));
        assertThat(hex(pair.publicKey())).as("the public key, vs BouncyCastle")
                .isEqualTo(hex(Oracles.bouncyCastleX25519PublicKey(expectedPrivate)));
        assertThat(script.calls()).as("nextBytes calls").isEqualTo(1);

        byte[] oneBit = new byte[32];
        oneBit[31] = 1;
        assertThat(X25519.generateKeyPair(TestRandoms.scripted(oneBit)).privateKey())
                .as("a private key with a single non-zero byte is fine").isEqualTo(oneBit);
        assertThatExceptionOfType(IllegalStateException.class).as("32 zero bytes: the random source is broken")
                .isThrownBy(() -> X25519.generateKeyPair(TestRandoms.zeros()));
    }

    @ParameterizedTest(name = "{0}")
    @Order(12)
    @MethodSource("lowOrderPoints")
    @DisplayName("refuses a low-order public key whose shared secret is all zero as LOW_ORDER (RFC 8446 §7.4.2)")
    void refusesLowOrderPoints(String name, String u) {
        byte[] k = Oracles.hex(ALICE_PRIVATE);
        assertThat(hex(X25519.scalarMult(k, Oracles.hex(u)))).as("X25519(a, %s) itself is all zero", name)
                .isEqualTo("00".repeat(32));
        assertThat(reasonOf(() -> X25519.sharedSecret(k, Oracles.hex(u)))).as("sharedSecret(a, %s)", name)
                .isEqualTo(InvalidPublicKeyException.Reason.LOW_ORDER);
    }

    @ParameterizedTest(name = "{0} bytes")
    @Order(13)
    @ValueSource(ints = {0, 31, 33, 64})
    @DisplayName("refuses inputs that are not 32 bytes: WRONG_LENGTH for a peer key, IllegalArgumentException otherwise")
    void refusesWrongLengths(int length) {
        byte[] wrong = new byte[length];
        if (length > 0) {
            wrong[0] = 9;
        }
        byte[] good = Oracles.hex(ALICE_PRIVATE);
        assertThat(reasonOf(() -> X25519.sharedSecret(good, wrong))).as("peer public key of %d bytes", length)
                .isEqualTo(InvalidPublicKeyException.Reason.WRONG_LENGTH);
        assertThatExceptionOfType(IllegalArgumentException.class).as("sharedSecret, private key of %d bytes", length)
                .isThrownBy(() -> X25519.sharedSecret(wrong, Oracles.hex(BOB_PUBLIC)));
        assertThatExceptionOfType(IllegalArgumentException.class).as("scalarMult, scalar of %d bytes", length)
                .isThrownBy(() -> X25519.scalarMult(wrong, Oracles.hex(U1)));
        assertThatExceptionOfType(IllegalArgumentException.class).as("scalarMult, u of %d bytes", length)
                .isThrownBy(() -> X25519.scalarMult(good, wrong));
        assertThatExceptionOfType(IllegalArgumentException.class).as("publicKey of %d bytes", length)
                .isThrownBy(() -> X25519.publicKey(wrong));
        assertThatExceptionOfType(IllegalArgumentException.class).as("decodeScalar of %d bytes", length)
                .isThrownBy(() -> X25519.decodeScalar(wrong));
        assertThatExceptionOfType(IllegalArgumentException.class).as("decodeUCoordinate of %d bytes", length)
                .isThrownBy(() -> X25519.decodeUCoordinate(wrong));
    }

    @Test
    @Order(14)
    @DisplayName("rejects null arguments with NullPointerException")
    void rejectsNulls() {
        byte[] key = Oracles.hex(ALICE_PRIVATE);
        allRefuseNull(List.of(
                () -> X25519.decodeScalar(null), () -> X25519.decodeUCoordinate(null),
                () -> X25519.encodeUCoordinate(null), () -> X25519.scalarMult(null, key),
                () -> X25519.scalarMult(key, null), () -> X25519.publicKey(null),
                () -> X25519.generateKeyPair(null), () -> X25519.sharedSecret(null, key),
                () -> X25519.sharedSecret(key, null)));
    }
}
