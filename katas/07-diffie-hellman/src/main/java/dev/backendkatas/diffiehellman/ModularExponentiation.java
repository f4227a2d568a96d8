package dev.backendkatas.diffiehellman;

import java.math.BigInteger;

/**
 * Stage 1 — Modular exponentiation: {@code base^exponent mod modulus}, the one operation every Diffie-Hellman
 * computation is made of.
 *
 * <p>Write it by hand with <em>square-and-multiply</em>: walk the bits of the exponent, square for every bit and
 * multiply by the base where the bit is 1, reducing mod {@code modulus} after every product. That takes about
 * {@code 2·log2(exponent)} multiplications instead of {@code exponent} of them, and keeps every intermediate value
 * below {@code modulus²}. {@link BigInteger#multiply}, {@link BigInteger#mod} and the bit methods are allowed;
 * {@link BigInteger#modPow} is not (stage 7 checks).
 */
public final class ModularExponentiation {

    private ModularExponentiation() {
    }

    /**
     * Computes {@code base^exponent mod modulus} by square-and-multiply.
     *
     * <ul>
     *   <li>The result is always in {@code [0, modulus)}, like {@link BigInteger#mod}: a negative base, or a base of
     *       {@code modulus} or more, is reduced first.</li>
     *   <li>{@code x^0 = 1} for every x, 0 included, so the result is {@code 1 mod modulus}; for {@code modulus = 1}
     *       every result is 0.</li>
     *   <li>Any positive modulus works, even or odd, prime or not.</li>
     * </ul>
     *
     * @param base     any integer
     * @param exponent a non-negative integer
     * @param modulus  a positive integer
     * @return {@code base^exponent mod modulus}, equal to {@code base.modPow(exponent, modulus)}
     * @throws NullPointerException     if any argument is null
     * @throws ArithmeticException      if {@code modulus <= 0} (as {@link BigInteger#modPow} does)
     * @throws IllegalArgumentException if {@code exponent < 0}: this method does not compute inverses
     */
    public static BigInteger modPow(BigInteger base, BigInteger exponent, BigInteger modulus) {
        throw new UnsupportedOperationException("Stage 1: modular exponentiation by square-and-multiply"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 1 — Modular exponentiation by hand'");
    }
}
