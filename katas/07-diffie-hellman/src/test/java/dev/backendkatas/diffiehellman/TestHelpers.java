package dev.backendkatas.diffiehellman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Small helpers shared by the graded tests of kata 07, one class per stage ({@code Stage1ModularExponentiationTest}
 * to {@code Stage7NoKeyAgreementLibraryTest}). Random sources are seeded or scripted ({@link TestRandoms}), so every
 * run checks the same keys. BouncyCastle and the JDK appear in the tests only as independent oracles
 * ({@link Oracles}).
 */
final class TestHelpers {

    private TestHelpers() {
    }

    static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    /** A big number for a failure message: its hex, cut to 16 digits and an ellipsis when longer. */
    static String shortHex(BigInteger value) {
        String hex = value.toString(16);
        return hex.length() <= 16 ? hex : hex.substring(0, 16) + "…";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The reason of the InvalidPublicKeyException the call throws; fails the test if it throws anything else. */
    static InvalidPublicKeyException.Reason reasonOf(ThrowingCallable call) {
        InvalidPublicKeyException e = catchThrowableOfType(InvalidPublicKeyException.class, call);
        assertThat(e).as("expected an InvalidPublicKeyException, got none").isNotNull();
        return e.reason();
    }

    /** Every call must throw NullPointerException: null is refused up front, not deep inside. */
    static void allRefuseNull(List<ThrowingCallable> calls) {
        for (int i = 0; i < calls.size(); i++) {
            assertThatExceptionOfType(NullPointerException.class).as("call #%d (0-based) with a null argument", i)
                    .isThrownBy(calls.get(i));
        }
    }
}
