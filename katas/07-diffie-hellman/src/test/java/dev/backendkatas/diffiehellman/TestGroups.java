package dev.backendkatas.diffiehellman;

import java.math.BigInteger;
import java.util.stream.Stream;

/** The finite-field groups the graded tests use: the two standard 2048-bit groups and the README's toy group. */
final class TestGroups {

    /** RFC 3526 group 14. */
    static final DhGroup MODP = DhGroup.MODP_2048;
    /** RFC 7919 ffdhe2048. */
    static final DhGroup FFDHE = DhGroup.FFDHE_2048;
    /** The textbook-sized safe-prime group of the README: p = 23 = 2·11 + 1, g = 2 of order 11. */
    static final DhGroup TOY = new DhGroup(BigInteger.valueOf(23), BigInteger.TWO, BigInteger.valueOf(11),
            "toy-23");

    private TestGroups() {
    }

    /** Both 2048-bit groups, for {@code @MethodSource("dev.backendkatas.diffiehellman.TestGroups#bigGroups")}. */
    static Stream<DhGroup> bigGroups() {
        return Stream.of(MODP, FFDHE);
    }
}
