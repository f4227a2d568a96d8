package dev.backendkatas.tlshandshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Helpers shared by the graded tests of kata 08, one class per stage ({@code Stage1RecordsTest} to
 * {@code Stage7NoTlsLibraryTest}). The JDK's own AES-GCM appears here only as an independent oracle: it builds the
 * hostile records that no honest peer would send.
 */
final class TestHelpers {

    private TestHelpers() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** Where two hex strings first differ, for failure messages: "byte 38: expected 20, got 00". */
    static String firstDifference(String expectedHex, String actualHex) {
        int n = Math.min(expectedHex.length(), actualHex.length()) / 2;
        for (int i = 0; i < n; i++) {
            if (!expectedHex.regionMatches(2 * i, actualHex, 2 * i, 2)) {
                return "first difference at byte " + i + ": expected " + expectedHex.substring(2 * i, 2 * i + 2)
                        + ", got " + actualHex.substring(2 * i, 2 * i + 2);
            }
        }
        return expectedHex.length() == actualHex.length() ? "equal"
                : "lengths differ: expected " + expectedHex.length() / 2 + " bytes, got " + actualHex.length() / 2;
    }

    /** The alert of the TlsAlertException the call throws; fails the test if it throws anything else or nothing. */
    static AlertDescription alertOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected a TlsAlertException").isInstanceOf(TlsAlertException.class);
        return ((TlsAlertException) thrown).alert();
    }

    /** Every call must throw NullPointerException: null is refused up front, not deep inside. */
    static void allRefuseNull(List<ThrowingCallable> calls) {
        for (int i = 0; i < calls.size(); i++) {
            assertThatExceptionOfType(NullPointerException.class).as("call #%d (0-based) with a null argument", i)
                    .isThrownBy(calls.get(i));
        }
    }

    /** A stream over {@code bytes} whose reads return at most {@code chunk} bytes each, as TCP may. */
    static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    /** A stream over {@code bytes} whose reads return a seeded random 1 to 7 bytes each. */
    static InputStream randomlySplit(byte[] bytes, long seed) {
        Random random = new Random(seed);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };
    }

    /** The 5-byte header of a record of {@code type} and {@code length}, legacy_record_version 0x0303. */
    static byte[] header(int type, int length) {
        return new byte[] {(byte) type, 3, 3, (byte) (length >>> 8), (byte) length};
    }

    /**
     * Oracle: a protected record made with the JDK's AES-GCM from any inner plaintext, honest or not: nonce = iv XOR
     * sequence number, AAD = the header (RFC 8446 §5.2, §5.3).
     */
    static TlsRecord jdkSeal(TrafficKeys keys, long sequence, byte[] innerPlaintext) {
        byte[] aad = header(23, innerPlaintext.length + 16);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.key(), "AES"),
                    new GCMParameterSpec(128, xorNonce(keys.iv(), sequence)));
            cipher.updateAAD(aad);
            return new TlsRecord(ContentType.APPLICATION_DATA, 0x0303, cipher.doFinal(innerPlaintext));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Oracle: opens a protected record with the JDK's AES-GCM; returns the whole inner plaintext, padding included. */
    static byte[] jdkOpen(TrafficKeys keys, long sequence, TlsRecord record) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key(), "AES"),
                new GCMParameterSpec(128, xorNonce(keys.iv(), sequence)));
        cipher.updateAAD(record.header());
        return cipher.doFinal(record.fragment());
    }

    private static byte[] xorNonce(byte[] iv, long sequence) {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (sequence >>> (8 * i));
        }
        return nonce;
    }

    /** The record in {@code wire} (header and fragment), parsed without the learner's reader. */
    static TlsRecord record(String wireHex) {
        byte[] wire = bytes(wireHex);
        return new TlsRecord(ContentType.fromCode(wire[0]).orElseThrow(), (wire[1] & 0xFF) << 8 | (wire[2] & 0xFF),
                java.util.Arrays.copyOfRange(wire, 5, wire.length));
    }

    /** The handshake message in {@code hex} (header and body), parsed without the learner's reassembler. */
    static HandshakeMessage message(String hex) {
        byte[] wire = bytes(hex);
        return new HandshakeMessage(HandshakeType.fromCode(wire[0] & 0xFF).orElseThrow(),
                java.util.Arrays.copyOfRange(wire, 4, wire.length));
    }
}
