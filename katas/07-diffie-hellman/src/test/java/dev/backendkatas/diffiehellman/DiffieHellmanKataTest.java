package dev.backendkatas.diffiehellman;

import static dev.backendkatas.diffiehellman.Oracles.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The graded tests of kata 07. Each nested class is a stage; the README has a section of the same name.
 * Random sources are seeded or scripted ({@link TestRandoms}), so every run checks the same keys. BouncyCastle and
 * the JDK appear here only as independent oracles ({@link Oracles}).
 */
@DisplayName("Kata 07 — Diffie-Hellman key exchange")
class DiffieHellmanKataTest {

    private static final DhGroup MODP = DhGroup.MODP_2048;
    private static final DhGroup FFDHE = DhGroup.FFDHE_2048;
    /** The textbook-sized safe-prime group of the README: p = 23 = 2·11 + 1, g = 2 of order 11. */
    private static final DhGroup TOY = new DhGroup(BigInteger.valueOf(23), BigInteger.TWO, BigInteger.valueOf(11),
            "toy-23");

    private static final String ALICE_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private static final String ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private static final String BOB_PRIVATE = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    private static final String BOB_PUBLIC = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    private static final String SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Stream<DhGroup> bigGroups() {
        return Stream.of(MODP, FFDHE);
    }

    /** The reason of the InvalidPublicKeyException the call throws; fails the test if it throws anything else. */
    private static InvalidPublicKeyException.Reason reasonOf(ThrowingCallable call) {
        InvalidPublicKeyException e = catchThrowableOfType(InvalidPublicKeyException.class, call);
        assertThat(e).as("expected an InvalidPublicKeyException, got none").isNotNull();
        return e.reason();
    }

    /** Every call must throw NullPointerException: null is refused up front, not deep inside. */
    private static void allRefuseNull(List<ThrowingCallable> calls) {
        for (int i = 0; i < calls.size(); i++) {
            assertThatExceptionOfType(NullPointerException.class).as("call #%d (0-based) with a null argument", i)
                    .isThrownBy(calls.get(i));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(1)
    @DisplayName("Stage 1 — Modular exponentiation by hand")
    class Stage1ModularExponentiation {

        @Test
        @Order(1)
        @DisplayName("computes small powers: 2^10 mod 1000 = 24, 5^3 mod 13 = 8, 2^6 mod 23 = 18")
        void smallPowers() {
            assertThat(ModularExponentiation.modPow(big(2), big(10), big(1000))).as("2^10 mod 1000").isEqualTo(big(24));
            assertThat(ModularExponentiation.modPow(big(5), big(3), big(13))).as("5^3 = 125 = 9·13 + 8")
                    .isEqualTo(big(8));
            assertThat(ModularExponentiation.modPow(big(2), big(6), big(23))).as("2^6 = 64 = 2·23 + 18")
                    .isEqualTo(big(18));
            assertThat(ModularExponentiation.modPow(big(3), big(200), big(1_000_003))).as("3^200 mod 1000003")
                    .isEqualTo(big(3).modPow(big(200), big(1_000_003)));
        }

        @ParameterizedTest(name = "{0}-bit numbers")
        @ValueSource(ints = {8, 31, 64, 65, 127, 255, 512, 1024, 2048})
        @DisplayName("agrees with BigInteger.modPow on random inputs up to 2048 bits (square-and-multiply)")
        void agreesWithModPowOnRandomInputs(int bits) {
            Random random = new Random(bits);
            for (int i = 0; i < 6; i++) {
                BigInteger base = new BigInteger(bits, random);
                BigInteger exponent = new BigInteger(bits, random);
                BigInteger modulus = new BigInteger(bits, random).setBit(0).add(BigInteger.ONE);
                assertThat(ModularExponentiation.modPow(base, exponent, modulus))
                        .as("%s^%s mod %s (hex)", base.toString(16), exponent.toString(16), modulus.toString(16))
                        .isEqualTo(base.modPow(exponent, modulus));
            }
        }

        @Test
        @DisplayName("handles exponents 0, 1, 2 and p-1 (Fermat: a^(p-1) = 1 mod a prime p)")
        void edgeExponents() {
            BigInteger p = MODP.p();
            for (BigInteger base : List.of(big(2), big(3), p.subtract(big(2)), new BigInteger("123456789abcdef", 16))) {
                assertThat(ModularExponentiation.modPow(base, BigInteger.ZERO, p)).as("%s^0", base)
                        .isEqualTo(BigInteger.ONE);
                assertThat(ModularExponentiation.modPow(base, BigInteger.ONE, p)).as("%s^1", base).isEqualTo(base);
                assertThat(ModularExponentiation.modPow(base, BigInteger.TWO, p)).as("%s^2", base)
                        .isEqualTo(base.multiply(base).mod(p));
                assertThat(ModularExponentiation.modPow(base, p.subtract(BigInteger.ONE), p))
                        .as("%s^(p-1) mod p for the group-14 prime", base).isEqualTo(BigInteger.ONE);
            }
        }

        @ParameterizedTest(name = "base {0}")
        @ValueSource(strings = {"0", "1", "-1", "-5", "22", "23", "24", "46", "-23", "-24", "1000"})
        @DisplayName("reduces any base first: 0, 1, negative, equal to or above the modulus (result in [0, m))")
        void reducesAnyBase(String base) {
            BigInteger b = new BigInteger(base);
            for (long exponent : new long[] {0, 1, 2, 3, 10, 11, 22}) {
                assertThat(ModularExponentiation.modPow(b, big(exponent), big(23)))
                        .as("%s^%d mod 23", base, exponent).isEqualTo(b.modPow(big(exponent), big(23)));
            }
            BigInteger p = MODP.p();
            BigInteger large = b.add(p.multiply(big(3)));
            assertThat(ModularExponentiation.modPow(large, big(65537), p)).as("(%s + 3p)^65537 mod p", base)
                    .isEqualTo(large.modPow(big(65537), p));
        }

        @Test
        @DisplayName("0^0 = 1, and everything mod 1 is 0, x^0 included")
        void zeroToTheZeroAndModulusOne() {
            assertThat(ModularExponentiation.modPow(BigInteger.ZERO, BigInteger.ZERO, big(7))).as("0^0 mod 7")
                    .isEqualTo(BigInteger.ONE);
            assertThat(ModularExponentiation.modPow(BigInteger.ZERO, big(5), big(7))).as("0^5 mod 7")
                    .isEqualTo(BigInteger.ZERO);
            assertThat(ModularExponentiation.modPow(big(5), BigInteger.ZERO, BigInteger.ONE))
                    .as("5^0 mod 1: the result must be in [0, 1), so not 1").isEqualTo(BigInteger.ZERO);
            assertThat(ModularExponentiation.modPow(big(5), big(3), BigInteger.ONE)).as("5^3 mod 1")
                    .isEqualTo(BigInteger.ZERO);
        }

        @ParameterizedTest(name = "modulus {0}")
        @ValueSource(strings = {"2", "3", "4", "1000", "18446744073709551616", "340282366920938463463374607431768211457"})
        @DisplayName("works for any positive modulus: even, composite, a power of two")
        void anyModulus(String modulus) {
            BigInteger m = new BigInteger(modulus);
            Random random = new Random(m.longValue());
            for (int i = 0; i < 20; i++) {
                BigInteger base = new BigInteger(200, random);
                BigInteger exponent = new BigInteger(200, random);
                assertThat(ModularExponentiation.modPow(base, exponent, m)).as("%s^%s mod %s", base, exponent, m)
                        .isEqualTo(base.modPow(exponent, m));
            }
        }

        @ParameterizedTest(name = "modulus {0}")
        @ValueSource(longs = {0, -1, -23})
        @DisplayName("rejects a modulus of zero or below with ArithmeticException, as BigInteger.modPow does")
        void rejectsNonPositiveModulus(long modulus) {
            assertThatExceptionOfType(ArithmeticException.class).as("modPow(2, 3, %d)", modulus)
                    .isThrownBy(() -> ModularExponentiation.modPow(big(2), big(3), big(modulus)));
        }

        @Test
        @DisplayName("rejects a negative exponent with IllegalArgumentException (no inverses here)")
        void rejectsNegativeExponent() {
            assertThatExceptionOfType(IllegalArgumentException.class).as("modPow(2, -1, 23)")
                    .isThrownBy(() -> ModularExponentiation.modPow(big(2), big(-1), big(23)));
        }

        @Test
        @DisplayName("rejects null arguments with NullPointerException")
        void rejectsNulls() {
            allRefuseNull(List.of(
                    () -> ModularExponentiation.modPow(null, big(1), big(5)),
                    () -> ModularExponentiation.modPow(big(1), null, big(5)),
                    () -> ModularExponentiation.modPow(big(1), big(1), null)));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(2)
    @DisplayName("Stage 2 — Finite-field Diffie-Hellman")
    class Stage2FiniteFieldDh {

        @Test
        @Order(1)
        @DisplayName("Alice and Bob compute the same 256-byte secret over RFC 3526 group 14")
        void aliceAndBobAgree() throws Exception {
            DhKeyPair alice = FiniteFieldDh.generateKeyPair(MODP, TestRandoms.seeded(1));
            DhKeyPair bob = FiniteFieldDh.generateKeyPair(MODP, TestRandoms.seeded(2));

            byte[] aliceSecret = FiniteFieldDh.sharedSecret(alice, bob.publicKey());
            byte[] bobSecret = FiniteFieldDh.sharedSecret(bob, alice.publicKey());

            assertThat(alice.publicKey()).as("Alice's and Bob's public keys").isNotEqualTo(bob.publicKey());
            assertThat(hex(aliceSecret)).as("(g^b)^a mod p computed by Alice vs (g^a)^b mod p computed by Bob")
                    .isEqualTo(hex(bobSecret));
            assertThat(aliceSecret).as("length of the shared secret = byte length of p (RFC 8446 §7.4.1)")
                    .hasSize(256);
            assertThat(new BigInteger(1, aliceSecret)).as("the secret is g^(ab) mod p")
                    .isEqualTo(bob.publicKey().modPow(alice.privateKey(), MODP.p()));
        }

        @Test
        @DisplayName("works the README's small example: p = 23, g = 2, a = 6, b = 9 → A = 18, B = 6, secret = 12")
        void toyExample() throws Exception {
            DhKeyPair alice = FiniteFieldDh.keyPair(TOY, big(6));
            DhKeyPair bob = FiniteFieldDh.keyPair(TOY, big(9));

            assertThat(alice.publicKey()).as("A = 2^6 mod 23").isEqualTo(big(18));
            assertThat(bob.publicKey()).as("B = 2^9 mod 23").isEqualTo(big(6));
            assertThat(alice.privateKey()).as("the private key is kept as given").isEqualTo(big(6));
            assertThat(alice.group()).isEqualTo(TOY);
            assertThat(FiniteFieldDh.sharedSecret(alice, bob.publicKey())).as("B^a = 6^6 mod 23, one byte")
                    .containsExactly(12);
            assertThat(FiniteFieldDh.sharedSecret(bob, alice.publicKey())).as("A^b = 18^9 mod 23, one byte")
                    .containsExactly(12);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.backendkatas.diffiehellman.DiffieHellmanKataTest#bigGroups")
        @DisplayName("the public key is g^x mod p, and the private key is in [2, q-1] and full size (RFC 7919 §5.2)")
        void publicKeyIsGToTheX(DhGroup group) {
            SecureRandom random = TestRandoms.seeded(group.name().length());
            int maxBits = 0;
            Set<BigInteger> seen = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                DhKeyPair pair = FiniteFieldDh.generateKeyPair(group, random);
                BigInteger x = pair.privateKey();
                assertThat(x).as("private key in [2, q-1]")
                        .isBetween(BigInteger.TWO, group.q().subtract(BigInteger.ONE));
                assertThat(pair.publicKey()).as("public key = g^x mod p").isEqualTo(group.g().modPow(x, group.p()));
                assertThat(pair.group()).isEqualTo(group);
                seen.add(x);
                maxBits = Math.max(maxBits, x.bitLength());
            }
            assertThat(seen).as("six draws, six different private keys").hasSize(6);
            assertThat(maxBits).as("largest private key's bit length (draws span all %d bits of q)",
                    group.q().bitLength()).isGreaterThanOrEqualTo(group.q().bitLength() - 4);
        }

        @Test
        @DisplayName("draws each candidate as new BigInteger(bitLength(q), random) and skips 0, 1 and values ≥ q")
        void rejectionSamplingOnTheToyGroup() {
            TestRandoms.Scripted script = TestRandoms.scripted(
                    new byte[] {0x0F}, new byte[] {0x0B}, new byte[] {0x01}, new byte[] {0x00}, new byte[] {0x0A});
            DhKeyPair pair = FiniteFieldDh.generateKeyPair(TOY, script);
            assertThat(pair.privateKey()).as("candidates 15, 11 (= q), 1, 0 are refused; 10 (= q-1) is taken")
                    .isEqualTo(big(10));
            assertThat(pair.publicKey()).as("2^10 mod 23").isEqualTo(big(12));
            assertThat(script.calls()).as("one nextBytes call per candidate").isEqualTo(5);

            assertThat(FiniteFieldDh.generateKeyPair(TOY, TestRandoms.scripted(new byte[] {0x02})).privateKey())
                    .as("2 is the smallest private key").isEqualTo(big(2));
            assertThat(FiniteFieldDh.generateKeyPair(TOY, TestRandoms.scripted(new byte[] {(byte) 0xF7})).privateKey())
                    .as("0xF7 cut to the 4 bits of q = 11 is 7").isEqualTo(big(7));
        }

        @Test
        @DisplayName("over 2048 bits: refuses candidates 2^2047-1 and q, accepts q-1")
        void rejectionSamplingOnGroup14() {
            byte[] allOnes = new byte[256];
            Arrays.fill(allOnes, (byte) 0xFF);
            BigInteger q = MODP.q();
            TestRandoms.Scripted script = TestRandoms.scripted(allOnes, Oracles.padded(q, 256),
                    Oracles.padded(q.subtract(BigInteger.ONE), 256));
            DhKeyPair pair = FiniteFieldDh.generateKeyPair(MODP, script);
            assertThat(pair.privateKey()).as("third candidate, q-1").isEqualTo(q.subtract(BigInteger.ONE));
            assertThat(script.calls()).as("candidates drawn").isEqualTo(3);
        }

        @Test
        @DisplayName("fails with IllegalStateException on a random source that returns only zeros, after MAX_DRAWS tries")
        void brokenRandomSource() {
            assertThatExceptionOfType(IllegalStateException.class)
                    .as("a source stuck at zero must not yield the private key 0 or 1")
                    .isThrownBy(() -> FiniteFieldDh.generateKeyPair(MODP, TestRandoms.zeros()));

            TestRandoms.Scripted zeros = TestRandoms.scripted();
            assertThatExceptionOfType(IllegalStateException.class).as("toy group, zeros")
                    .isThrownBy(() -> FiniteFieldDh.generateKeyPair(TOY, zeros));
            assertThat(zeros.calls()).as("candidates drawn before giving up").isEqualTo(FiniteFieldDh.MAX_DRAWS);

            byte[][] lastChance = new byte[FiniteFieldDh.MAX_DRAWS][];
            for (int i = 0; i < lastChance.length - 1; i++) {
                lastChance[i] = new byte[] {0};
            }
            lastChance[lastChance.length - 1] = new byte[] {5};
            assertThat(FiniteFieldDh.generateKeyPair(TOY, TestRandoms.scripted(lastChance)).privateKey())
                    .as("a good candidate on the last allowed draw is still taken").isEqualTo(big(5));
        }

        @Test
        @DisplayName("keyPair(group, x) accepts exactly the private keys in [2, q-1]")
        void keyPairRange() {
            for (long x = -1; x <= 12; x++) {
                long value = x;
                if (x >= 2 && x <= 10) {
                    assertThat(FiniteFieldDh.keyPair(TOY, big(x)).publicKey()).as("2^%d mod 23", x)
                            .isEqualTo(BigInteger.TWO.modPow(big(x), TOY.p()));
                } else {
                    assertThatExceptionOfType(IllegalArgumentException.class).as("private key %d in the toy group", x)
                            .isThrownBy(() -> FiniteFieldDh.keyPair(TOY, big(value)));
                }
            }
            assertThatExceptionOfType(IllegalArgumentException.class).as("x = q in group 14")
                    .isThrownBy(() -> FiniteFieldDh.keyPair(MODP, MODP.q()));
        }

        @Test
        @DisplayName("encodes a public key big-endian, left-padded to 256 bytes (RFC 8446 §4.2.8.1)")
        void encodesPublicKey() {
            DhKeyPair pair = FiniteFieldDh.keyPair(MODP, big(1000));
            byte[] encoded = FiniteFieldDh.encodePublicKey(MODP, pair.publicKey());
            byte[] expected = new byte[256];
            expected[130] = 0x01;
            assertThat(hex(encoded)).as("2^1000: 130 zero bytes of padding, 0x01, then 125 zero bytes")
                    .isEqualTo(hex(expected));

            BigInteger topBitSet = MODP.p().subtract(BigInteger.ONE);
            assertThat(FiniteFieldDh.encodePublicKey(MODP, topBitSet)).as("p-1: no extra sign byte")
                    .hasSize(256).startsWith((byte) 0xFF);
            assertThat(FiniteFieldDh.encodePublicKey(TOY, big(18))).containsExactly(18);
            assertThat(FiniteFieldDh.encodePublicKey(MODP, BigInteger.ZERO)).isEqualTo(new byte[256]);
            assertThatExceptionOfType(IllegalArgumentException.class).as("p is not a group element")
                    .isThrownBy(() -> FiniteFieldDh.encodePublicKey(MODP, MODP.p()));
            assertThatExceptionOfType(IllegalArgumentException.class).as("a negative value")
                    .isThrownBy(() -> FiniteFieldDh.encodePublicKey(MODP, big(-1)));
        }

        @Test
        @DisplayName("keeps the leading zero bytes of a short shared secret (RFC 8446 §7.4.1)")
        void keepsLeadingZeros() throws Exception {
            DhKeyPair alice = FiniteFieldDh.keyPair(MODP, big(1000));
            byte[] secret = FiniteFieldDh.sharedSecret(alice, BigInteger.TWO);
            assertThat(secret).as("2^1000 padded to the length of p").hasSize(256);
            assertThat(Arrays.copyOf(secret, 130)).as("the 130 leading bytes").isEqualTo(new byte[130]);
            assertThat(hex(secret)).as("vs BouncyCastle, padded")
                    .isEqualTo(hex(Oracles.bouncyCastleDh(MODP, big(1000), BigInteger.TWO)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.backendkatas.diffiehellman.DiffieHellmanKataTest#bigGroups")
        @DisplayName("gives the same secret as BouncyCastle's DHBasicAgreement and the JDK's KeyAgreement(\"DH\")")
        void interoperates(DhGroup group) throws Exception {
            SecureRandom random = TestRandoms.seeded(7 + group.name().length());
            for (int i = 0; i < 2; i++) {
                DhKeyPair mine = FiniteFieldDh.generateKeyPair(group, random);
                DhKeyPair peer = FiniteFieldDh.generateKeyPair(group, random);
                byte[] ours = FiniteFieldDh.sharedSecret(mine, peer.publicKey());
                assertThat(hex(ours)).as("ours vs BouncyCastle, %s", group)
                        .isEqualTo(hex(Oracles.bouncyCastleDh(group, mine.privateKey(), peer.publicKey())));
                assertThat(hex(ours)).as("ours vs JDK KeyAgreement(\"DH\"), %s", group)
                        .isEqualTo(hex(Oracles.jdkDh(group, mine.privateKey(), peer.publicKey())));
            }
        }

        @Test
        @DisplayName("rejects null arguments with NullPointerException")
        void rejectsNulls() {
            DhKeyPair pair = new DhKeyPair(TOY, big(3), big(8));
            allRefuseNull(List.of(
                    () -> FiniteFieldDh.generateKeyPair(null, TestRandoms.seeded(1)),
                    () -> FiniteFieldDh.generateKeyPair(TOY, null),
                    () -> FiniteFieldDh.keyPair(null, big(3)),
                    () -> FiniteFieldDh.keyPair(TOY, null),
                    () -> FiniteFieldDh.encodePublicKey(null, big(3)),
                    () -> FiniteFieldDh.encodePublicKey(TOY, null),
                    () -> FiniteFieldDh.sharedSecret(null, big(3)),
                    () -> FiniteFieldDh.sharedSecret(pair, null)));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(3)
    @DisplayName("Stage 3 — Public-key validation")
    class Stage3Validation {

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
            return Stream.of(
                    Arguments.of(MODP, "11", big(11)), Arguments.of(MODP, "13", big(13)),
                    Arguments.of(MODP, "17", big(17)), Arguments.of(MODP, "22", big(22)),
                    Arguments.of(MODP, "23", big(23)), Arguments.of(MODP, "p-2", MODP.p().subtract(BigInteger.TWO)),
                    Arguments.of(FFDHE, "7", big(7)), Arguments.of(FFDHE, "11", big(11)),
                    Arguments.of(FFDHE, "13", big(13)), Arguments.of(FFDHE, "14", big(14)),
                    Arguments.of(FFDHE, "17", big(17)),
                    Arguments.of(FFDHE, "p-2", FFDHE.p().subtract(BigInteger.TWO)));
        }

        @Test
        @Order(1)
        @DisplayName("accepts genuine public keys and small subgroup members 2, 3, 4, 5 (SP 800-56A §5.6.2.3.1)")
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

        @ParameterizedTest(name = "{0}: y = {1}")
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
        @DisplayName("why: a peer who sends p-1 forces the secret into {1, p-1}, whatever our private key")
        void whyRangeMatters() {
            BigInteger p = MODP.p();
            BigInteger minusOne = p.subtract(BigInteger.ONE);
            Set<BigInteger> secrets = new HashSet<>();
            SecureRandom random = TestRandoms.seeded(11);
            for (int i = 0; i < 8; i++) {
                DhKeyPair mine = FiniteFieldDh.generateKeyPair(MODP, random);
                secrets.add(ModularExponentiation.modPow(minusOne, mine.privateKey(), p));
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
        @DisplayName("why: a key outside the subgroup leaks the parity of our private key")
        void whySubgroupMatters() {
            BigInteger p = MODP.p();
            SecureRandom random = TestRandoms.seeded(12);
            for (int i = 0; i < 6; i++) {
                DhKeyPair mine = FiniteFieldDh.generateKeyPair(MODP, random);
                BigInteger z = ModularExponentiation.modPow(big(11), mine.privateKey(), p);
                boolean zInSubgroup = ModularExponentiation.modPow(z, MODP.q(), p).equals(BigInteger.ONE);
                assertThat(zInSubgroup).as("whether 11^x lands in the subgroup tells whether x (%s) is even",
                        mine.privateKey().testBit(0) ? "odd" : "even").isEqualTo(!mine.privateKey().testBit(0));
            }
            DhKeyPair mine = FiniteFieldDh.keyPair(MODP, big(12345));
            assertThat(reasonOf(() -> FiniteFieldDh.sharedSecret(mine, big(11)))).as("so 11 is refused")
                    .isEqualTo(InvalidPublicKeyException.Reason.NOT_IN_SUBGROUP);
        }

        @Test
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
        @DisplayName("rejects null arguments with NullPointerException")
        void rejectsNulls() {
            allRefuseNull(List.of(
                    () -> FiniteFieldDh.validatePublicKey(null, big(4)),
                    () -> FiniteFieldDh.validatePublicKey(TOY, null),
                    () -> FiniteFieldDh.decodePublicKey(null, new byte[1]),
                    () -> FiniteFieldDh.decodePublicKey(TOY, null)));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(4)
    @DisplayName("Stage 4 — Key derivation")
    class Stage4KeyDerivation {

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
        @MethodSource("rfc5869")
        @DisplayName("HKDF-SHA256 gives RFC 5869 A.2 and A.3 (test cases 2 and 3)")
        void rfc5869OtherCases(String name, byte[] ikm, byte[] salt, byte[] info, int length, String prk, String okm) {
            assertThat(hex(Hkdf.extract(salt, ikm))).as("PRK of %s", name).isEqualTo(prk);
            assertThat(hex(Hkdf.expand(Oracles.hex(prk), info, length))).as("OKM of %s", name).isEqualTo(okm);
            assertThat(hex(Hkdf.derive(salt, ikm, info, length))).as("derive, %s", name).isEqualTo(okm);
        }

        @ParameterizedTest(name = "L = {0}")
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
        @DisplayName("an empty salt means 32 zero bytes (RFC 5869 §2.2)")
        void emptySaltIsHashLenZeros() {
            byte[] ikm = Oracles.hex("a1a2a3");
            assertThat(hex(Hkdf.extract(new byte[0], ikm))).as("extract(empty salt) vs extract(32 zero bytes)")
                    .isEqualTo(hex(Hkdf.extract(new byte[32], ikm)));
            assertThat(hex(Hkdf.extract(new byte[0], new byte[0]))).as("even with an empty IKM, vs BouncyCastle")
                    .isEqualTo(hex(Oracles.bouncyCastleExtract(new byte[0], new byte[0])));
        }

        @ParameterizedTest(name = "L = {0}")
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
        @DisplayName("refuses a PRK shorter than HashLen = 32 bytes with IllegalArgumentException (RFC 5869 §2.3)")
        void refusesShortPrk() {
            assertThatExceptionOfType(IllegalArgumentException.class).as("31-byte PRK")
                    .isThrownBy(() -> Hkdf.expand(new byte[31], new byte[0], 32));
            assertThatExceptionOfType(IllegalArgumentException.class).as("empty PRK")
                    .isThrownBy(() -> Hkdf.expand(new byte[0], new byte[0], 32));
            assertThat(Hkdf.expand(new byte[32], new byte[0], 32)).as("32 bytes is enough").hasSize(32);
        }

        @Test
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

        @Test
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

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(5)
    @DisplayName("Stage 5 — X25519 from scratch")
    class Stage5X25519 {

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
        @DisplayName("X25519(k, u) gives RFC 7748 §5.2 vector 2, whose u has the top bit set (masked, §5)")
        void rfc7748Vector2() {
            assertThat(hex(X25519.scalarMult(Oracles.hex(K2), Oracles.hex(U2)))).as("X25519(k2, u2)")
                    .isEqualTo("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
        }

        @Test
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
        @DisplayName("gives the §5.2 results after 1 and 1,000 iterations of k, u = X25519(k, u), k (slow: ~1 s)")
        void iterated() {
            byte[] k = X25519.encodeUCoordinate(big(9));
            byte[] u = k.clone();
            for (int i = 1; i <= 1000; i++) {
                byte[] result = X25519.scalarMult(k, u);
                u = k;
                k = result;
                if (i == 1) {
                    assertThat(hex(k)).as("after 1 iteration")
                            .isEqualTo("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
                }
            }
            assertThat(hex(k)).as("after 1,000 iterations")
                    .isEqualTo("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
        }

        @Test
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
        @DisplayName("accepts a non-canonical u (9 + p) and treats it as 9 (RFC 7748 §5)")
        void acceptsNonCanonicalU() {
            byte[] ninePlusP = Oracles.hex("f6ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
            assertThat(hex(X25519.scalarMult(Oracles.hex(ALICE_PRIVATE), ninePlusP))).as("X25519(a, 9 + p) = X25519(a, 9)")
                    .isEqualTo(ALICE_PUBLIC);
        }

        @Test
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

        @ParameterizedTest(name = "{0}")
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

        @Test
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

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(6)
    @DisplayName("Stage 6 — The man in the middle")
    class Stage6ManInTheMiddle {

        private final byte[] ad = new byte[0];

        private byte[] signedBytes(byte[] publicKey) {
            byte[] context = utf8(Peer.SIGNATURE_CONTEXT);
            byte[] out = Arrays.copyOf(context, context.length + 1 + publicKey.length);
            System.arraycopy(publicKey, 0, out, context.length + 1, publicKey.length);
            return out;
        }

        private byte[] sign(KeyPair identity, byte[] publicKey) throws Exception {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(identity.getPrivate());
            signer.update(signedBytes(publicKey));
            return signer.sign();
        }

        /** A fresh authenticated Alice, with Bob's identity as the one she trusts. */
        private Peer alice(KeyPair aliceId, KeyPair bobId) {
            return Peer.authenticated(Role.INITIATOR, TestRandoms.seeded(1), aliceId, bobId.getPublic());
        }

        @Test
        @Order(1)
        @DisplayName("two anonymous peers exchange key shares and talk both ways")
        void anonymousPeersTalk() throws Exception {
            Peer alice = Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(1));
            Peer bob = Peer.anonymous(Role.RESPONDER, TestRandoms.seeded(2));

            assertThat(alice.keyShare().publicKey()).as("an X25519 public key").hasSize(32);
            assertThat(alice.keyShare().signature()).as("an anonymous peer signs nothing").isEmpty();
            SecureChannel aliceChannel = alice.complete(bob.keyShare());
            SecureChannel bobChannel = bob.complete(alice.keyShare());

            assertThat(text(bobChannel.open(aliceChannel.seal(utf8("hi Bob"), ad), ad))).isEqualTo("hi Bob");
            assertThat(text(aliceChannel.open(bobChannel.seal(utf8("hi Alice"), ad), ad))).isEqualTo("hi Alice");
        }

        @Test
        @DisplayName("with anonymous peers, Mallory in the middle reads and rewrites every message undetected")
        void mitmWinsAgainstAnonymousPeers() throws Exception {
            Peer alice = Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(1));
            Peer bob = Peer.anonymous(Role.RESPONDER, TestRandoms.seeded(2));
            // Mallory answers Alice as if she were Bob, and calls Bob as if she were Alice.
            Peer malloryForAlice = Peer.anonymous(Role.RESPONDER, TestRandoms.seeded(666));
            Peer malloryForBob = Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(667));

            SecureChannel aliceChannel = alice.complete(malloryForAlice.keyShare());   // Alice thinks: Bob's share
            SecureChannel bobChannel = bob.complete(malloryForBob.keyShare());         // Bob thinks: Alice's share
            SecureChannel malloryAlice = malloryForAlice.complete(alice.keyShare());
            SecureChannel malloryBob = malloryForBob.complete(bob.keyShare());

            SealedMessage fromAlice = aliceChannel.seal(utf8("pay 10 EUR to Bob, IBAN DE01"), ad);
            String intercepted = text(malloryAlice.open(fromAlice, ad));
            assertThat(intercepted).as("Mallory reads Alice's message").isEqualTo("pay 10 EUR to Bob, IBAN DE01");
            SealedMessage forged = malloryBob.seal(utf8(intercepted.replace("10", "9000").replace("DE01", "XX66")), ad);
            assertThat(text(bobChannel.open(forged, ad))).as("Bob opens Mallory's rewrite without any error")
                    .isEqualTo("pay 9000 EUR to Bob, IBAN XX66");

            SealedMessage fromBob = bobChannel.seal(utf8("done"), ad);
            assertThat(text(aliceChannel.open(malloryAlice.seal(malloryBob.open(fromBob, ad), ad), ad)))
                    .as("and relays the answer back").isEqualTo("done");
        }

        @Test
        @DisplayName("authenticated peers (Ed25519 identities) complete an honest exchange and talk")
        void authenticatedPeersTalk() throws Exception {
            KeyPair aliceId = Oracles.ed25519Identity(100);
            KeyPair bobId = Oracles.ed25519Identity(200);
            Peer alice = alice(aliceId, bobId);
            Peer bob = Peer.authenticated(Role.RESPONDER, TestRandoms.seeded(2), bobId, aliceId.getPublic());

            SecureChannel aliceChannel = alice.complete(bob.keyShare());
            SecureChannel bobChannel = bob.complete(alice.keyShare());
            assertThat(text(bobChannel.open(aliceChannel.seal(utf8("hi Bob"), ad), ad))).isEqualTo("hi Bob");
            assertThat(text(aliceChannel.open(bobChannel.seal(utf8("hi Alice"), ad), ad))).isEqualTo("hi Alice");
        }

        @Test
        @DisplayName("signs context ‖ 0x00 ‖ X25519 public key with Ed25519, checked with the JDK's Signature")
        void signsTheDocumentedBytes() throws Exception {
            KeyPair aliceId = Oracles.ed25519Identity(100);
            KeyPair bobId = Oracles.ed25519Identity(200);
            Peer alice = alice(aliceId, bobId);
            KeyShare share = alice.keyShare();

            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(aliceId.getPublic());
            verifier.update(signedBytes(share.publicKey()));
            assertThat(verifier.verify(share.signature())).as("the signature verifies under Alice's identity").isTrue();
            assertThat(hex(share.publicKey())).as("the public key is X25519 of the 32 bytes the random source gave")
                    .isEqualTo(hex(Oracles.bouncyCastleX25519PublicKey(Oracles.randomBytes(TestRandoms.seeded(1), 32))));
            assertThat(alice.keyShare()).as("the same share every time").isEqualTo(share);
        }

        @Test
        @DisplayName("an authenticated peer refuses Mallory's substituted share with AuthenticationFailedException")
        void refusesSubstitutedShare() throws Exception {
            KeyPair aliceId = Oracles.ed25519Identity(100);
            KeyPair bobId = Oracles.ed25519Identity(200);
            KeyPair malloryId = Oracles.ed25519Identity(666);
            Peer mallory = Peer.anonymous(Role.RESPONDER, TestRandoms.seeded(666));
            Peer malloryWithId = Peer.authenticated(Role.RESPONDER, TestRandoms.seeded(667), malloryId,
                    aliceId.getPublic());
            Peer bob = Peer.authenticated(Role.RESPONDER, TestRandoms.seeded(2), bobId, aliceId.getPublic());
            byte[] malloryKey = mallory.keyShare().publicKey();

            assertThatExceptionOfType(AuthenticationFailedException.class).as("Mallory's own share, unsigned")
                    .isThrownBy(() -> alice(aliceId, bobId).complete(mallory.keyShare()));
            assertThatExceptionOfType(AuthenticationFailedException.class)
                    .as("Mallory's share, signed with Mallory's own identity")
                    .isThrownBy(() -> alice(aliceId, bobId).complete(malloryWithId.keyShare()));
            assertThatExceptionOfType(AuthenticationFailedException.class)
                    .as("Mallory's public key with Bob's genuine signature (which covers Bob's key)")
                    .isThrownBy(() -> alice(aliceId, bobId).complete(new KeyShare(malloryKey, bob.keyShare().signature())));
            assertThatExceptionOfType(AuthenticationFailedException.class)
                    .as("a correctly built signature by the wrong identity")
                    .isThrownBy(() -> alice(aliceId, bobId).complete(new KeyShare(malloryKey, sign(malloryId, malloryKey))));
            assertThatCode(() -> alice(aliceId, bobId).complete(bob.keyShare()))
                    .as("while Bob's genuine share is accepted").doesNotThrowAnyException();
        }

        @Test
        @DisplayName("Mallory relaying with substituted keys fails loudly on both sides once peers authenticate")
        void mitmFailsAgainstAuthenticatedPeers() {
            KeyPair aliceId = Oracles.ed25519Identity(100);
            KeyPair bobId = Oracles.ed25519Identity(200);
            Peer alice = alice(aliceId, bobId);
            Peer bob = Peer.authenticated(Role.RESPONDER, TestRandoms.seeded(2), bobId, aliceId.getPublic());
            Peer malloryForAlice = Peer.anonymous(Role.RESPONDER, TestRandoms.seeded(666));
            Peer malloryForBob = Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(667));
            // Mallory keeps the honest signatures but swaps in her keys: the signatures no longer match.
            KeyShare toAlice = new KeyShare(malloryForAlice.keyShare().publicKey(), bob.keyShare().signature());
            KeyShare toBob = new KeyShare(malloryForBob.keyShare().publicKey(), alice.keyShare().signature());

            assertThatExceptionOfType(AuthenticationFailedException.class).as("Alice receives Mallory's key")
                    .isThrownBy(() -> alice.complete(toAlice));
            assertThatExceptionOfType(AuthenticationFailedException.class).as("Bob receives Mallory's key")
                    .isThrownBy(() -> bob.complete(toBob));
        }

        @Test
        @DisplayName("refuses a reflected share (Alice's own, sent back to her) and damaged or padded signatures")
        void refusesReflectionAndDamagedSignatures() {
            KeyPair aliceId = Oracles.ed25519Identity(100);
            KeyPair bobId = Oracles.ed25519Identity(200);
            Peer alice = alice(aliceId, bobId);
            Peer bob = Peer.authenticated(Role.RESPONDER, TestRandoms.seeded(2), bobId, aliceId.getPublic());
            assertThatExceptionOfType(AuthenticationFailedException.class).as("Alice's own share, reflected")
                    .isThrownBy(() -> alice.complete(alice.keyShare()));

            byte[] publicKey = bob.keyShare().publicKey();
            byte[] signature = bob.keyShare().signature();
            List<KeyShare> damaged = List.of(
                    new KeyShare(publicKey, Oracles.flipBit(signature, 0)),
                    new KeyShare(publicKey, Oracles.flipBit(signature, 63)),
                    new KeyShare(publicKey, Arrays.copyOf(signature, 63)),
                    new KeyShare(publicKey, Arrays.copyOf(signature, 65)),
                    new KeyShare(publicKey, Arrays.copyOf(signature, 128)),
                    new KeyShare(publicKey, new byte[0]),
                    new KeyShare(publicKey, new byte[64]),
                    new KeyShare(Oracles.flipBit(publicKey, 5), signature));
            for (KeyShare share : damaged) {
                assertThatExceptionOfType(AuthenticationFailedException.class)
                        .as("%s (Bob's genuine signature is 64 bytes)", share)
                        .isThrownBy(() -> alice(aliceId, bobId).complete(share));
            }
        }

        @Test
        @DisplayName("checks the signature before the key: a low-order key with a bad signature fails authentication")
        void authenticatesBeforeAgreeing() {
            KeyPair aliceId = Oracles.ed25519Identity(100);
            KeyPair bobId = Oracles.ed25519Identity(200);
            assertThatExceptionOfType(AuthenticationFailedException.class).as("u = 0 with 64 zero bytes of signature")
                    .isThrownBy(() -> alice(aliceId, bobId).complete(new KeyShare(new byte[32], new byte[64])));
        }

        @Test
        @DisplayName("an anonymous peer still refuses low-order and wrong-length keys (stage 5's checks)")
        void anonymousPeerValidatesKeys() {
            assertThat(reasonOf(() -> Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(1))
                    .complete(new KeyShare(new byte[32], new byte[0])))).as("u = 0")
                    .isEqualTo(InvalidPublicKeyException.Reason.LOW_ORDER);
            assertThat(reasonOf(() -> Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(1))
                    .complete(new KeyShare(new byte[31], new byte[0])))).as("31 bytes")
                    .isEqualTo(InvalidPublicKeyException.Reason.WRONG_LENGTH);
        }

        @Test
        @DisplayName("completes at most once, whether the first attempt succeeded or failed (IllegalStateException)")
        void completesOnce() throws Exception {
            Peer bob = Peer.anonymous(Role.RESPONDER, TestRandoms.seeded(2));
            Peer alice = Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(1));
            alice.complete(bob.keyShare());
            assertThatExceptionOfType(IllegalStateException.class).as("a second complete after a success")
                    .isThrownBy(() -> alice.complete(bob.keyShare()));

            KeyPair aliceId = Oracles.ed25519Identity(100);
            KeyPair bobId = Oracles.ed25519Identity(200);
            Peer careful = alice(aliceId, bobId);
            Peer honestBob = Peer.authenticated(Role.RESPONDER, TestRandoms.seeded(4), bobId, aliceId.getPublic());
            assertThatExceptionOfType(AuthenticationFailedException.class).as("an anonymous share")
                    .isThrownBy(() -> careful.complete(bob.keyShare()));
            assertThatExceptionOfType(IllegalStateException.class).as("after a failure, even with the right share")
                    .isThrownBy(() -> careful.complete(honestBob.keyShare()));
        }

        @Test
        @DisplayName("makes a fresh ephemeral key per peer, and refuses a random source that returns zeros")
        void ephemeralKeys() {
            KeyPair aliceId = Oracles.ed25519Identity(100);
            KeyPair bobId = Oracles.ed25519Identity(200);
            Peer first = Peer.authenticated(Role.INITIATOR, TestRandoms.seeded(31), aliceId, bobId.getPublic());
            Peer second = Peer.authenticated(Role.INITIATOR, TestRandoms.seeded(32), aliceId, bobId.getPublic());
            assertThat(hex(first.keyShare().publicKey())).as("same identity, new exchange, new key (forward secrecy)")
                    .isNotEqualTo(hex(second.keyShare().publicKey()));
            assertThatExceptionOfType(IllegalStateException.class).as("anonymous peer, zero source")
                    .isThrownBy(() -> Peer.anonymous(Role.INITIATOR, TestRandoms.zeros()));
            assertThatExceptionOfType(IllegalStateException.class).as("authenticated peer, zero source")
                    .isThrownBy(() -> Peer.authenticated(Role.INITIATOR, TestRandoms.zeros(), aliceId, bobId.getPublic()));
        }

        @Test
        @DisplayName("rejects null arguments with NullPointerException")
        void rejectsNulls() {
            KeyPair id = Oracles.ed25519Identity(100);
            SecureRandom random = TestRandoms.seeded(1);
            allRefuseNull(List.of(
                    () -> Peer.anonymous(null, random), () -> Peer.anonymous(Role.INITIATOR, null),
                    () -> Peer.authenticated(null, random, id, id.getPublic()),
                    () -> Peer.authenticated(Role.INITIATOR, null, id, id.getPublic()),
                    () -> Peer.authenticated(Role.INITIATOR, random, null, id.getPublic()),
                    () -> Peer.authenticated(Role.INITIATOR, random, id, null),
                    () -> Peer.anonymous(Role.INITIATOR, random).complete(null)));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(7)
    @DisplayName("Stage 7 — No key-agreement library")
    class Stage7NoKeyAgreementLibrary {

        @Test
        @Order(1)
        @DisplayName("works, with no KeyAgreement, BouncyCastle, JDK DH/XEC key classes, or modPow in ModularExponentiation")
        void usesNoKeyAgreementLibrary() throws Exception {
            assertThat(ModularExponentiation.modPow(big(2), big(10), big(1000)))
                    .as("stage 1 must work before this rule means anything").isEqualTo(big(24));
            assertThat(hex(X25519.sharedSecret(Oracles.hex(ALICE_PRIVATE), Oracles.hex(BOB_PUBLIC))))
                    .as("stage 5 must work before this rule means anything").isEqualTo(SHARED);

            JavaClasses mainCode = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                    .importPackages("dev.backendkatas.diffiehellman");
            assertThat(mainCode).as("main classes found by ArchUnit").isNotEmpty();

            ArchRule noAgreementLibrary = ArchRuleDefinition.noClasses()
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.bouncycastle..", "sun.security..", "com.sun.crypto..", "javax.crypto.interfaces..")
                    .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.crypto.KeyAgreement")
                    .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.crypto.KDF")
                    .orShould().dependOnClassesThat().haveNameMatching("javax\\.crypto\\.spec\\.(DH|HKDF).*")
                    .orShould().dependOnClassesThat().haveNameMatching("java\\.security\\.(interfaces|spec)\\.XEC.*")
                    .because("this kata is about doing the key agreement yourself: a library would do the lesson");
            ArchRule noModPow = ArchRuleDefinition.noClasses()
                    .that().haveSimpleName("ModularExponentiation")
                    .should().callMethod(BigInteger.class, "modPow", BigInteger.class, BigInteger.class)
                    .because("stage 1 is square-and-multiply by hand");

            noAgreementLibrary.check(mainCode);
            noModPow.check(mainCode);
        }
    }
}
