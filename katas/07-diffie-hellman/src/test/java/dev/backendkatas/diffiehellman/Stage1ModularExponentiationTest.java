package dev.backendkatas.diffiehellman;

import static dev.backendkatas.diffiehellman.TestGroups.MODP;
import static dev.backendkatas.diffiehellman.TestHelpers.allRefuseNull;
import static dev.backendkatas.diffiehellman.TestHelpers.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 1 of kata 07: modular exponentiation by hand; the README section of the same name teaches it. */
@Order(1)
@DisplayName("Stage 1 — Modular exponentiation by hand")
class Stage1ModularExponentiationTest {

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
    @Order(2)
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
    @Order(3)
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
    @Order(4)
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
    @Order(5)
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
    @Order(6)
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
    @Order(7)
    @ValueSource(longs = {0, -1, -23})
    @DisplayName("rejects a modulus of zero or below with ArithmeticException, as BigInteger.modPow does")
    void rejectsNonPositiveModulus(long modulus) {
        assertThatExceptionOfType(ArithmeticException.class).as("modPow(2, 3, %d)", modulus)
                .isThrownBy(() -> ModularExponentiation.modPow(big(2), big(3), big(modulus)));
    }

    @Test
    @Order(8)
    @DisplayName("rejects a negative exponent with IllegalArgumentException (no inverses here)")
    void rejectsNegativeExponent() {
        assertThatExceptionOfType(IllegalArgumentException.class).as("modPow(2, -1, 23)")
                .isThrownBy(() -> ModularExponentiation.modPow(big(2), big(-1), big(23)));
    }

    @Test
    @Order(9)
    @DisplayName("rejects null arguments with NullPointerException")
    void rejectsNulls() {
        allRefuseNull(List.of(
                () -> ModularExponentiation.modPow(null, big(1), big(5)),
                () -> ModularExponentiation.modPow(big(1), null, big(5)),
                () -> ModularExponentiation.modPow(big(1), big(1), null)));
    }
}
