package dev.backendkatas.diffiehellman;

import java.math.BigInteger;
import java.util.stream.Stream;

/**
 * The finite-field groups the graded tests use: three standard 2048-bit groups and the README's toy group. Two of
 * the 2048-bit groups are safe primes ({@code q = (p-1)/2}); RFC 5114's is not, which is why the code under test
 * must take the subgroup order from {@link DhGroup#q()} and never work it out from {@code p}.
 */
final class TestGroups {

    /** RFC 3526 group 14. */
    static final DhGroup MODP = DhGroup.MODP_2048;
    /** RFC 7919 ffdhe2048. */
    static final DhGroup FFDHE = DhGroup.FFDHE_2048;
    /**
     * RFC 5114 §2.3, the 2048-bit MODP group with a 256-bit prime-order subgroup (IKE group 24), copied from the
     * RFC's hex. Not a safe prime: {@code p - 1 = q · j}, and the 1792-bit {@code j} has the small factors
     * 2, 7, 13, 2549 and 142031 (found by trial division). So {@code (p-1)/2} is not the order of g: it is the order
     * of the far larger subgroup of squares, which also holds elements of order 7, 13, …. Checked when this was
     * written: p and q are prime, q divides {@code p - 1}, {@code g^q mod p = 1}, and the RFC's Appendix A.3 keys and
     * secret ({@link Rfc5114AliceAndBob}) come out of these values. (BouncyCastle no longer ships the RFC 5114
     * groups, so the RFC's text is the source here.)
     */
    static final DhGroup RFC5114 = new DhGroup(
            hex("87A8E61DB4B6663CFFBBD19C651959998CEEF608660DD0F25D2CEED4435E3B00E00DF8F1D61957D4FAF7DF4561B2AA30"
            + "16C3D91134096FAA3BF4296D830E9A7C209E0C6497517ABD5A8A9D306BCF67ED91F9E6725B4758C022E0B1EF4275BF7B"
            + "6C5BFC11D45F9088B941F54EB1E59BB8BC39A0BF12307F5C4FDB70C581B23F76B63ACAE1CAA6B7902D52526735488A0E"
            + "F13C6D9A51BFA4AB3AD8347796524D8EF6A167B5A41825D967E144E5140564251CCACB83E6B486F6B3CA3F7971506026"
            + "C0B857F689962856DED4010ABD0BE621C3A3960A54E710C375F26375D7014103A4B54330C198AF126116D2276E11715F"
            + "693877FAD7EF09CADB094AE91E1A1597"),
            hex("3FB32C9B73134D0B2E77506660EDBD484CA7B18F21EF205407F4793A1A0BA12510DBC15077BE463FFF4FED4AAC0BB555"
            + "BE3A6C1B0C6B47B1BC3773BF7E8C6F62901228F8C28CBB18A55AE31341000A650196F931C77A57F2DDF463E5E9EC144B"
            + "777DE62AAAB8A8628AC376D282D6ED3864E67982428EBC831D14348F6F2F9193B5045AF2767164E1DFC967C1FB3F2E55"
            + "A4BD1BFFE83B9C80D052B985D182EA0ADB2A3B7313D3FE14C8484B1E052588B9B7D2BBD2DF016199ECD06E1557CD0915"
            + "B3353BBB64E0EC377FD028370DF92B52C7891428CDC67EB6184B523D1DB246C32F63078490F00EF8D647D148D4795451"
            + "5E2327CFEF98C582664B4C0F6CC41659"),
            hex("8CF83642A709A097B447997640129DA299B1A47D1EB3750BA308B0FE64F5FBD3"),
            "rfc5114-2048-256 (RFC 5114 §2.3)");
    /** The textbook-sized safe-prime group of the README: p = 23 = 2·11 + 1, g = 2 of order 11. */
    static final DhGroup TOY = new DhGroup(BigInteger.valueOf(23), BigInteger.TWO, BigInteger.valueOf(11),
            "toy-23");

    private TestGroups() {
    }

    /** The 2048-bit groups, for {@code @MethodSource("dev.backendkatas.diffiehellman.TestGroups#bigGroups")}. */
    static Stream<DhGroup> bigGroups() {
        return Stream.of(MODP, FFDHE, RFC5114);
    }

    /**
     * An element of order {@code r} in the RFC 5114 group, for a small prime {@code r} that divides {@code p - 1}
     * (7 or 13): {@code h = t^((p-1)/r) mod p} for the first {@code t = 2, 3, …} that does not give 1 (for r = 7,
     * 2 gives 1 and 3 does not). Then {@code h^r = t^(p-1) = 1} (Fermat) and {@code h ≠ 1}, so its order is exactly
     * r. As r does not divide q, {@code h^q mod p ≠ 1}: h is outside the order-q subgroup. But r divides
     * {@code (p-1)/2}, so {@code h^((p-1)/2) = 1}, and a check with that exponent lets h through.
     * Computed with the JDK's {@code modPow}, not with the code under test.
     */
    static BigInteger rfc5114ElementOfOrder(int r) {
        BigInteger p = RFC5114.p();
        BigInteger order = BigInteger.valueOf(r);
        if (!p.subtract(BigInteger.ONE).mod(order).equals(BigInteger.ZERO)) {
            throw new IllegalArgumentException(r + " does not divide p-1 in " + RFC5114);
        }
        for (BigInteger t = BigInteger.TWO; ; t = t.add(BigInteger.ONE)) {
            BigInteger h = t.modPow(p.subtract(BigInteger.ONE).divide(order), p);
            if (!h.equals(BigInteger.ONE)) {
                return h;
            }
        }
    }

    private static BigInteger hex(String hex) {
        return new BigInteger(hex, 16);
    }
}
