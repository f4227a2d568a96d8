package dev.backendkatas.diffiehellman;

import static dev.backendkatas.diffiehellman.TestGroups.FFDHE;
import static dev.backendkatas.diffiehellman.TestGroups.MODP;
import static dev.backendkatas.diffiehellman.TestGroups.RFC5114;
import static dev.backendkatas.diffiehellman.TestGroups.TOY;
import static dev.backendkatas.diffiehellman.TestGroups.bigGroups;
import static dev.backendkatas.diffiehellman.TestHelpers.allRefuseNull;
import static dev.backendkatas.diffiehellman.TestHelpers.big;
import static dev.backendkatas.diffiehellman.TestHelpers.reasonOf;
import static dev.backendkatas.diffiehellman.TestHelpers.shortHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 3 of kata 07: validation of the peer's public key; the README section of the same name teaches it. */
@Order(3)
@DisplayName("Stage 3 — Public-key validation")
class Stage3ValidationTest {

    static Stream<Arguments> outOfRange() {
        return bigGroups().flatMap(group -> {
            BigInteger p = group.p();
            return Stream.of(
                    Arguments.of(group, "0", BigInteger.ZERO),
                    Arguments.of(group, "1", BigInteger.ONE),
                    Arguments.of(group, "p-1", p.subtract(BigInteger.ONE)),
                    Arguments.of(group, "p", p),
                    Arguments.of(group, "p+1", p.add(BigInteger.ONE)),
                    Arguments.of(group, "p+2", p.add(BigInteger.TWO)),
                    Arguments.of(group, "-1", big(-1)),
                    Arguments.of(group, "-2", big(-2)),
                    Arguments.of(group, "-p", p.negate()),
                    Arguments.of(group, "2^2048", BigInteger.ONE.shiftLeft(2048)));
        });
    }

    static Stream<Arguments> notInSubgroup() {
        BigInteger p = RFC5114.p();
        BigInteger genuine = Rfc5114AliceAndBob.ALICE_PUBLIC;
        BigInteger order7 = TestGroups.rfc5114ElementOfOrder(7);
        BigInteger order13 = TestGroups.rfc5114ElementOfOrder(13);
        return Stream.of(
                Arguments.of(MODP, "11", big(11)), Arguments.of(MODP, "13", big(13)),
                Arguments.of(MODP, "17", big(17)), Arguments.of(MODP, "22", big(22)),
                Arguments.of(MODP, "23", big(23)), Arguments.of(MODP, "p-2", MODP.p().subtract(BigInteger.TWO)),
                Arguments.of(FFDHE, "7", big(7)), Arguments.of(FFDHE, "11", big(11)),
                Arguments.of(FFDHE, "13", big(13)), Arguments.of(FFDHE, "14", big(14)),
                Arguments.of(FFDHE, "17", big(17)),
                Arguments.of(FFDHE, "p-2", FFDHE.p().subtract(BigInteger.TWO)),
                // Not a safe prime: 2 and 4 are squares mod p, so y^((p-1)/2) = 1, yet they lie outside the
                // subgroup of order q. So do the elements of small order, alone or multiplied into a genuine key.
                // (p - yA, a genuine key times p-1, is refused even with the exponent (p-1)/2, which is odd here
                // because p = 3 mod 4; it is in the list for the rule, not for that shortcut.)
                Arguments.of(RFC5114, "2 (a square mod p)", big(2)),
                Arguments.of(RFC5114, "4 (a square mod p)", big(4)),
                Arguments.of(RFC5114, "h7, an element of order 7", order7),
                Arguments.of(RFC5114, "h13, an element of order 13", order13),
                Arguments.of(RFC5114, "yA · h7 mod p (RFC 5114 A.3's yA)", genuine.multiply(order7).mod(p)),
                Arguments.of(RFC5114, "p - yA", p.subtract(genuine)),
                Arguments.of(RFC5114, "p-2", p.subtract(BigInteger.TWO)));
    }

    @Test
    @Order(1)
    @DisplayName("accepts genuine keys, and 2, 3, 4, 5 in the safe-prime groups (SP 800-56A §5.6.2.3.1)")
    void acceptsGenuineKeys() {
        for (DhGroup group : List.of(MODP, FFDHE)) {
            DhKeyPair pair = FiniteFieldDh.generateKeyPair(group, TestRandoms.seeded(3));
            assertThatCode(() -> FiniteFieldDh.validatePublicKey(group, pair.publicKey()))
                    .as("a public key from generateKeyPair, %s", group).doesNotThrowAnyException();
            for (int y = 2; y <= 5; y++) {
                int value = y;
                assertThatCode(() -> FiniteFieldDh.validatePublicKey(group, big(value)))
                        .as("y = %d in %s (a square mod p, so in the order-q subgroup)", y, group)
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    @Order(2)
    @DisplayName("accepts RFC 5114 A.3's yA and yB, g and a generated key: y^q = 1 for the group's own q (§2.3)")
    void acceptsGenuineKeysWhereQIsNotHalfOfP() {
        DhKeyPair pair = FiniteFieldDh.generateKeyPair(RFC5114, TestRandoms.seeded(3));
        List<BigInteger> members = List.of(Rfc5114AliceAndBob.ALICE_PUBLIC, Rfc5114AliceAndBob.BOB_PUBLIC,
                RFC5114.g(), pair.publicKey());
        for (BigInteger y : members) {
            assertThatCode(() -> FiniteFieldDh.validatePublicKey(RFC5114, y))
                    .as("y = 0x%s in %s", shortHex(y), RFC5114).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "{0}: y = {1}")
    @Order(3)
    @MethodSource("outOfRange")
    @DisplayName("refuses y outside [2, p-2] as OUT_OF_RANGE: 0, 1, p-1, p, p+1, negatives (RFC 7919 §5.1)")
    void refusesOutOfRange(DhGroup group, String name, BigInteger y) {
        assertThat(reasonOf(() -> FiniteFieldDh.validatePublicKey(group, y))).as("validatePublicKey(y = %s)", name)
                .isEqualTo(InvalidPublicKeyException.Reason.OUT_OF_RANGE);
        DhKeyPair mine = FiniteFieldDh.keyPair(group, big(12345));
        assertThat(reasonOf(() -> FiniteFieldDh.sharedSecret(mine, y)))
                .as("sharedSecret must validate the peer key first (y = %s)", name)
                .isEqualTo(InvalidPublicKeyException.Reason.OUT_OF_RANGE);
    }

    @ParameterizedTest(name = "{0}: y = {1}")
    @Order(4)
    @MethodSource("notInSubgroup")
    @DisplayName("refuses y with y^q mod p ≠ 1 as NOT_IN_SUBGROUP (SP 800-56A §5.6.2.3.1 step 2)")
    void refusesNonSubgroupElements(DhGroup group, String name, BigInteger y) {
        assertThat(reasonOf(() -> FiniteFieldDh.validatePublicKey(group, y))).as("validatePublicKey(y = %s)", name)
                .isEqualTo(InvalidPublicKeyException.Reason.NOT_IN_SUBGROUP);
        DhKeyPair mine = FiniteFieldDh.keyPair(group, big(12345));
        assertThat(reasonOf(() -> FiniteFieldDh.sharedSecret(mine, y)))
                .as("sharedSecret must validate the peer key first (y = %s)", name)
                .isEqualTo(InvalidPublicKeyException.Reason.NOT_IN_SUBGROUP);
    }

    @Test
    @Order(5)
    @DisplayName("classifies every y from -3 to 26 in the toy group p = 23 (subgroup = the squares mod 23)")
    void classifiesTheToyGroup() {
        Set<Integer> squares = Set.of(1, 2, 3, 4, 6, 8, 9, 12, 13, 16, 18);
        for (int y = -3; y <= 26; y++) {
            int value = y;
            ThrowingCallable validate = () -> FiniteFieldDh.validatePublicKey(TOY, big(value));
            if (y < 2 || y > 21) {
                assertThat(reasonOf(validate)).as("y = %d is outside [2, 21]", y)
                        .isEqualTo(InvalidPublicKeyException.Reason.OUT_OF_RANGE);
            } else if (squares.contains(y)) {
                assertThatCode(validate).as("y = %d is a square mod 23: in the subgroup", y)
                        .doesNotThrowAnyException();
            } else {
                assertThat(reasonOf(validate)).as("y = %d is not a square mod 23", y)
                        .isEqualTo(InvalidPublicKeyException.Reason.NOT_IN_SUBGROUP);
            }
        }
    }

    @Test
    @Order(6)
    @DisplayName("why: a peer who sends p-1 forces the secret into {1, p-1}, whatever our private key")
    void whyRangeMatters() {
        BigInteger p = MODP.p();
        BigInteger minusOne = p.subtract(BigInteger.ONE);
        Set<BigInteger> secrets = new HashSet<>();
        SecureRandom random = TestRandoms.seeded(11);
        for (int i = 0; i < 8; i++) {
            DhKeyPair mine = FiniteFieldDh.generateKeyPair(MODP, random);
            secrets.add(minusOne.modPow(mine.privateKey(), p)); // the attacker's view: the JDK does the arithmetic
        }
        assertThat(secrets).as("(p-1)^x mod p for eight private keys x: an attacker can guess it")
                .isSubsetOf(BigInteger.ONE, minusOne);
        assertThatExceptionOfType(IllegalArgumentException.class).as("BouncyCastle refuses p-1 too")
                .isThrownBy(() -> Oracles.bouncyCastleDh(MODP, big(12345), minusOne));
        DhKeyPair mine = FiniteFieldDh.keyPair(MODP, big(12345));
        assertThat(reasonOf(() -> FiniteFieldDh.sharedSecret(mine, minusOne))).as("and so must you")
                .isEqualTo(InvalidPublicKeyException.Reason.OUT_OF_RANGE);
    }

    @Test
    @Order(7)
    @DisplayName("why: a key outside the subgroup leaks the parity of our private key")
    void whySubgroupMatters() {
        BigInteger p = MODP.p();
        SecureRandom random = TestRandoms.seeded(12);
        for (int i = 0; i < 6; i++) {
            DhKeyPair mine = FiniteFieldDh.generateKeyPair(MODP, random);
            BigInteger z = big(11).modPow(mine.privateKey(), p); // the attacker's view: the JDK does the arithmetic
            boolean zInSubgroup = z.modPow(MODP.q(), p).equals(BigInteger.ONE);
            assertThat(zInSubgroup).as("whether 11^x lands in the subgroup tells whether x (%s) is even",
                    mine.privateKey().testBit(0) ? "odd" : "even").isEqualTo(!mine.privateKey().testBit(0));
        }
        DhKeyPair mine = FiniteFieldDh.keyPair(MODP, big(12345));
        assertThat(reasonOf(() -> FiniteFieldDh.sharedSecret(mine, big(11)))).as("so 11 is refused")
                .isEqualTo(InvalidPublicKeyException.Reason.NOT_IN_SUBGROUP);
    }

    @Test
    @Order(8)
    @DisplayName("why: in RFC 5114's group, yB times an element of order 7 gives away x mod 7, and (p-1)/2 misses it")
    void whyTheGroupsOwnQMatters() {
        BigInteger p = RFC5114.p();
        BigInteger h = TestGroups.rfc5114ElementOfOrder(7);
        BigInteger xB = Rfc5114AliceAndBob.BOB_PRIVATE;
        // Mallory owns xB but sends yB·h. The victim's secret becomes (yB·h)^x = yB^x · h^(x mod 7), and Mallory,
        // who can compute yB^x = (g^x)^xB, tries the 7 powers of h (in real life, against the victim's next
        // message). With orders 13, 2549, 142031, … and the Chinese remainder theorem she learns more of x: the
        // Lim–Lee attack, which recovers all of x in a group with enough small factors.
        BigInteger forged = Rfc5114AliceAndBob.BOB_PUBLIC.multiply(h).mod(p);
        SecureRandom random = TestRandoms.seeded(13);
        for (int i = 0; i < 4; i++) {
            DhKeyPair victim = FiniteFieldDh.generateKeyPair(RFC5114, random);
            BigInteger x = victim.privateKey();
            BigInteger victimSecret = forged.modPow(x, p); // the attacker's view: the JDK does the arithmetic
            BigInteger known = victim.publicKey().modPow(xB, p);
            int found = -1;
            for (int k = 0; k < 7; k++) {
                if (known.multiply(h.modPow(big(k), p)).mod(p).equals(victimSecret)) {
                    found = k;
                }
            }
            assertThat(found).as("Mallory's finding vs x mod 7 (x = 0x%s)", shortHex(x))
                    .isEqualTo(x.mod(big(7)).intValue());
        }
        assertThat(forged.modPow(p.shiftRight(1), p)).as("(yB·h)^((p-1)/2) mod p: the wrong exponent passes it")
                .isEqualTo(BigInteger.ONE);
        DhKeyPair mine = FiniteFieldDh.keyPair(RFC5114, Rfc5114AliceAndBob.ALICE_PRIVATE);
        assertThat(reasonOf(() -> FiniteFieldDh.sharedSecret(mine, forged)))
                .as("sharedSecret with yB·h: (yB·h)^q mod p ≠ 1 for the group's q, so refuse it")
                .isEqualTo(InvalidPublicKeyException.Reason.NOT_IN_SUBGROUP);
    }

    @Test
    @Order(9)
    @DisplayName("decodes a 256-byte unsigned big-endian key and validates it")
    void decodesPublicKey() throws Exception {
        DhKeyPair pair = FiniteFieldDh.generateKeyPair(MODP, TestRandoms.seeded(4));
        assertThat(FiniteFieldDh.decodePublicKey(MODP, FiniteFieldDh.encodePublicKey(MODP, pair.publicKey())))
                .as("decode(encode(y))").isEqualTo(pair.publicKey());
        BigInteger topBit = BigInteger.ONE.shiftLeft(2047);
        assertThat(FiniteFieldDh.decodePublicKey(MODP, Oracles.padded(topBit, 256)))
                .as("2^2047 starts with byte 0x80: unsigned, not negative").isEqualTo(topBit);
        assertThat(FiniteFieldDh.decodePublicKey(MODP, Oracles.padded(big(4), 256)))
                .as("4 after 255 zero bytes").isEqualTo(big(4));
        assertThat(FiniteFieldDh.decodePublicKey(TOY, new byte[] {18})).as("toy group, one byte").isEqualTo(big(18));
    }

    @ParameterizedTest(name = "{0} bytes")
    @Order(10)
    @ValueSource(ints = {0, 1, 32, 255, 257, 512})
    @DisplayName("refuses an encoded key of the wrong length as WRONG_LENGTH (RFC 8446 §4.2.8.1)")
    void refusesWrongLength(int length) {
        byte[] encoded = new byte[length];
        if (length > 0) {
            encoded[length - 1] = 4;
        }
        assertThat(reasonOf(() -> FiniteFieldDh.decodePublicKey(MODP, encoded)))
                .as("%d bytes holding the valid y = 4", length)
                .isEqualTo(InvalidPublicKeyException.Reason.WRONG_LENGTH);
    }

    @Test
    @Order(11)
    @DisplayName("refuses decoded keys 0, p-1, 2^2048-1 and 11 with the reason of validatePublicKey")
    void decodeValidates() {
        assertThat(reasonOf(() -> FiniteFieldDh.decodePublicKey(MODP, new byte[256]))).as("256 zero bytes")
                .isEqualTo(InvalidPublicKeyException.Reason.OUT_OF_RANGE);
        assertThat(reasonOf(() -> FiniteFieldDh.decodePublicKey(MODP,
                Oracles.padded(MODP.p().subtract(BigInteger.ONE), 256)))).as("p-1")
                .isEqualTo(InvalidPublicKeyException.Reason.OUT_OF_RANGE);
        byte[] allOnes = new byte[256];
        Arrays.fill(allOnes, (byte) 0xFF);
        assertThat(reasonOf(() -> FiniteFieldDh.decodePublicKey(MODP, allOnes))).as("2^2048-1, above p")
                .isEqualTo(InvalidPublicKeyException.Reason.OUT_OF_RANGE);
        assertThat(reasonOf(() -> FiniteFieldDh.decodePublicKey(MODP, Oracles.padded(big(11), 256)))).as("11")
                .isEqualTo(InvalidPublicKeyException.Reason.NOT_IN_SUBGROUP);
    }

    @Test
    @Order(12)
    @DisplayName("rejects null arguments with NullPointerException")
    void rejectsNulls() {
        allRefuseNull(List.of(
                () -> FiniteFieldDh.validatePublicKey(null, big(4)),
                () -> FiniteFieldDh.validatePublicKey(TOY, null),
                () -> FiniteFieldDh.decodePublicKey(null, new byte[1]),
                () -> FiniteFieldDh.decodePublicKey(TOY, null)));
    }
}
