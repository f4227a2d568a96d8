package dev.backendkatas.diffiehellman;

import static dev.backendkatas.diffiehellman.Oracles.hex;
import static dev.backendkatas.diffiehellman.TestGroups.MODP;
import static dev.backendkatas.diffiehellman.TestGroups.RFC5114;
import static dev.backendkatas.diffiehellman.TestGroups.TOY;
import static dev.backendkatas.diffiehellman.TestHelpers.allRefuseNull;
import static dev.backendkatas.diffiehellman.TestHelpers.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stage 2 of kata 07: finite-field key pairs and shared secrets; the README section of the same name teaches it. */
@Order(2)
@DisplayName("Stage 2 — Finite-field Diffie-Hellman")
class Stage2FiniteFieldDhTest {

    static Stream<DhGroup> groupsForScriptedCandidates() {
        return Stream.of(MODP, RFC5114);
    }

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
    @Order(2)
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

    @Test
    @Order(3)
    @DisplayName("reproduces RFC 5114 A.3 in the §2.3 group, whose subgroup order q has 256 bits and is not (p-1)/2")
    void rfc5114Exchange() throws Exception {
        DhKeyPair alice = FiniteFieldDh.keyPair(RFC5114, Rfc5114AliceAndBob.ALICE_PRIVATE);
        DhKeyPair bob = FiniteFieldDh.keyPair(RFC5114, Rfc5114AliceAndBob.BOB_PRIVATE);

        assertThat(alice.publicKey()).as("yA = g^xA mod p (RFC 5114 A.3)").isEqualTo(Rfc5114AliceAndBob.ALICE_PUBLIC);
        assertThat(bob.publicKey()).as("yB = g^xB mod p (RFC 5114 A.3)").isEqualTo(Rfc5114AliceAndBob.BOB_PUBLIC);
        assertThat(hex(FiniteFieldDh.sharedSecret(alice, bob.publicKey()))).as("Z = yB^xA mod p, 256 bytes")
                .isEqualTo(Rfc5114AliceAndBob.SHARED);
        assertThat(hex(FiniteFieldDh.sharedSecret(bob, alice.publicKey()))).as("Z = yA^xB mod p, 256 bytes")
                .isEqualTo(Rfc5114AliceAndBob.SHARED);
    }

    @ParameterizedTest(name = "{0}")
    @Order(4)
    @MethodSource("dev.backendkatas.diffiehellman.TestGroups#bigGroups")
    @DisplayName("the public key is g^x mod p, and the private key is in [2, q-1] and as long as q (RFC 5114 §4)")
    void publicKeyIsGToTheX(DhGroup group) {
        SecureRandom random = TestRandoms.seeded(group.name().length());
        int maxBits = 0;
        Set<BigInteger> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            DhKeyPair pair = FiniteFieldDh.generateKeyPair(group, random);
            BigInteger x = pair.privateKey();
            assertThat(x).as("private key in [2, q-1], q = group.q() of %d bits", group.q().bitLength())
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
    @Order(5)
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

    @ParameterizedTest(name = "{0}")
    @Order(6)
    @MethodSource("groupsForScriptedCandidates")
    @DisplayName("draws bitLength(q) bits per candidate: refuses 2^bitLength(q)-1 and q, accepts q-1 (big groups)")
    void rejectionSamplingOnBigGroups(DhGroup group) {
        BigInteger q = group.q();
        int bytes = (q.bitLength() + 7) / 8;
        byte[] allOnes = new byte[bytes];
        Arrays.fill(allOnes, (byte) 0xFF);
        TestRandoms.Scripted script = TestRandoms.scripted(allOnes, Oracles.padded(q, bytes),
                Oracles.padded(q.subtract(BigInteger.ONE), bytes));
        DhKeyPair pair = FiniteFieldDh.generateKeyPair(group, script);
        assertThat(pair.privateKey()).as("candidates 2^%d-1 and q refused, third candidate q-1 taken", q.bitLength())
                .isEqualTo(q.subtract(BigInteger.ONE));
        assertThat(script.calls()).as("candidates drawn, %d bytes each", bytes).isEqualTo(3);
    }

    @Test
    @Order(7)
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
        BigInteger q = RFC5114.q();
        assertThat(FiniteFieldDh.keyPair(RFC5114, q.subtract(BigInteger.ONE)).publicKey())
                .as("x = q-1 in the RFC 5114 group: g^(q-1) mod p")
                .isEqualTo(RFC5114.g().modPow(q.subtract(BigInteger.ONE), RFC5114.p()));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .as("x = q in the RFC 5114 group: its q has 256 bits, far below (p-1)/2")
                .isThrownBy(() -> FiniteFieldDh.keyPair(RFC5114, q));
        assertThatExceptionOfType(IllegalArgumentException.class).as("x = 2^256 in the RFC 5114 group")
                .isThrownBy(() -> FiniteFieldDh.keyPair(RFC5114, BigInteger.ONE.shiftLeft(256)));
    }

    @Test
    @Order(8)
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
    @Order(9)
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
    @Order(10)
    @MethodSource("dev.backendkatas.diffiehellman.TestGroups#bigGroups")
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
    @Order(11)
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
    @Order(12)
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
