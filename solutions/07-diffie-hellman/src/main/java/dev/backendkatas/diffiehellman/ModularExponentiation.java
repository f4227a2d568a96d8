package dev.backendkatas.diffiehellman;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Stage 1 — Modular exponentiation: {@code base^exponent mod modulus} by left-to-right square-and-multiply.
 */
public final class ModularExponentiation {

    private ModularExponentiation() {
    }

    /**
     * Computes {@code base^exponent mod modulus}; see the stub for the full contract.
     *
     * @param base     any integer
     * @param exponent a non-negative integer
     * @param modulus  a positive integer
     * @return {@code base^exponent mod modulus}
     */
    public static BigInteger modPow(BigInteger base, BigInteger exponent, BigInteger modulus) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(exponent, "exponent");
        Objects.requireNonNull(modulus, "modulus");
        if (modulus.signum() != 1) {
            throw new ArithmeticException("modulus must be positive: " + modulus);
        }
        if (exponent.signum() < 0) {
            throw new IllegalArgumentException("exponent must not be negative: " + exponent);
        }
        // mod (not remainder) so that a negative base becomes its non-negative representative.
        BigInteger b = base.mod(modulus);
        // Start from 1 mod m, not 1: with m = 1 every result is 0, x^0 included.
        BigInteger result = BigInteger.ONE.mod(modulus);
        // Left to right: after handling bit i, result = b^(exponent >> i). Squaring shifts the exponent built so far
        // one bit left; multiplying by b sets the new low bit. Reducing after every product keeps each number
        // below m², whatever the size of the exponent. (Not constant-time: the multiply happens only for 1 bits,
        // which a timing attacker can see. Fine for a lesson; see NOTES.md.)
        for (int i = exponent.bitLength() - 1; i >= 0; i--) {
            result = result.multiply(result).mod(modulus);
            if (exponent.testBit(i)) {
                result = result.multiply(b).mod(modulus);
            }
        }
        return result;
    }
}
