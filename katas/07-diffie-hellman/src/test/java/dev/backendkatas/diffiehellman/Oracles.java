package dev.backendkatas.diffiehellman;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.DHPrivateKeySpec;
import javax.crypto.spec.DHPublicKeySpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.agreement.DHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPrivateKeyParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Independent implementations the graded tests compare against: BouncyCastle and the JDK. They are used here, in
 * the tests, and never in the kata's main code (stage 7 checks that).
 */
final class Oracles {

    private static final HexFormat HEX = HexFormat.of();

    private Oracles() {
    }

    static byte[] hex(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Unsigned big-endian, left-padded to {@code length} bytes (what RFC 8446 §7.4.1 asks for). */
    static byte[] padded(BigInteger value, int length) {
        byte[] minimal = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(minimal.length, length);
        System.arraycopy(minimal, minimal.length - copy, out, length - copy, copy);
        return out;
    }

    /** BouncyCastle's finite-field agreement, padded to the length of p. */
    static byte[] bouncyCastleDh(DhGroup group, BigInteger privateKey, BigInteger peerPublicKey) {
        DHParameters parameters = new DHParameters(group.p(), group.g(), group.q());
        DHBasicAgreement agreement = new DHBasicAgreement();
        agreement.init(new DHPrivateKeyParameters(privateKey, parameters));
        BigInteger z = agreement.calculateAgreement(new DHPublicKeyParameters(peerPublicKey, parameters));
        return padded(z, group.byteLength());
    }

    /** The JDK's {@code KeyAgreement("DH")}, which returns the secret already padded to the length of p. */
    static byte[] jdkDh(DhGroup group, BigInteger privateKey, BigInteger peerPublicKey)
            throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("DH");
        KeyAgreement agreement = KeyAgreement.getInstance("DH");
        agreement.init(factory.generatePrivate(new DHPrivateKeySpec(privateKey, group.p(), group.g())));
        agreement.doPhase(factory.generatePublic(new DHPublicKeySpec(peerPublicKey, group.p(), group.g())), true);
        return agreement.generateSecret();
    }

    static byte[] bouncyCastleHkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }

    static byte[] bouncyCastleExtract(byte[] salt, byte[] ikm) {
        return new HKDFBytesGenerator(new SHA256Digest()).extractPRK(salt, ikm);
    }

    /** AES-256-GCM decryption with the JDK, for checking what a SecureChannel sealed. */
    static byte[] jdkAesGcmOpen(byte[] key, byte[] nonce, byte[] ciphertext, byte[] associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(ciphertext);
    }

    static byte[] bouncyCastleX25519PublicKey(byte[] privateKey) {
        byte[] out = new byte[32];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(privateKey, 0, out, 0);
        return out;
    }

    static byte[] bouncyCastleX25519(byte[] privateKey, byte[] peerPublicKey) {
        byte[] out = new byte[32];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(privateKey, 0, peerPublicKey, 0, out, 0);
        return out;
    }

    /** The JDK's {@code KeyAgreement("XDH")} on raw X25519 keys. */
    static byte[] jdkX25519(byte[] privateKey, byte[] peerPublicKey) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("XDH");
        // The JDK takes the public u-coordinate as a number: little-endian, top bit masked (RFC 7748 §5).
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = peerPublicKey[31 - i];
        }
        bigEndian[0] &= 0x7F;
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey.clone())));
        agreement.doPhase(factory.generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian))), true);
        return agreement.generateSecret();
    }

    /** A long-term Ed25519 identity made from a known seed. */
    static KeyPair ed25519Identity(long seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, TestRandoms.seeded(seed));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ runtime", e);
        }
    }

    static byte[] randomBytes(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] flipBit(byte[] bytes, int index) {
        byte[] copy = Arrays.copyOf(bytes, bytes.length);
        copy[index] ^= 0x01;
        return copy;
    }
}
