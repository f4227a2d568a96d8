package dev.backendkatas.tlshandshake;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time with BouncyCastle's certificate builder (test scope only): P-256 keys, a root CA, end
 * entities with DNS names, expired and not-yet-valid ones. Nothing is read from disk, so nothing expires in the repo.
 */
final class TestCertificates {

    /** "Now" for the generated certificates: a fixed instant, so that every validity test is deterministic. */
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private TestCertificates() {
    }

    /** A certificate with its private key. */
    record Issued(X509Certificate certificate, KeyPair keys) {
        PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static KeyPair rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A self-signed root CA, valid a year either side of {@link #NOW}. */
    static Issued root(String name) {
        KeyPair keys = p256();
        return new Issued(build(new X500Name("CN=" + name), keys,
                new X500Name("CN=" + name), keys.getPrivate(), NOW.minus(365, ChronoUnit.DAYS),
                NOW.plus(365, ChronoUnit.DAYS), true, List.of()), keys);
    }

    /** An end-entity certificate for {@code dnsNames}, issued by {@code issuer}, valid from {@code from} to {@code to}. */
    static Issued leaf(Issued issuer, Instant from, Instant to, String... dnsNames) {
        KeyPair keys = p256();
        X500Name issuerName = new X500Name(issuer.certificate().getSubjectX500Principal().getName());
        return new Issued(build(issuerName, keys, new X500Name("CN=" + (dnsNames.length > 0 ? dnsNames[0] : "leaf")),
                issuer.privateKey(), from, to, false, List.of(dnsNames)), keys);
    }

    /** An end-entity certificate for {@code dnsNames}, issued by {@code issuer}, valid a day either side of now. */
    static Issued leaf(Issued issuer, String... dnsNames) {
        return leaf(issuer, NOW.minus(1, ChronoUnit.DAYS), NOW.plus(1, ChronoUnit.DAYS), dnsNames);
    }

    /** A self-signed end-entity certificate for {@code dnsNames}, valid from {@code from} to {@code to}. */
    static Issued selfSigned(KeyPair keys, Instant from, Instant to, String... dnsNames) {
        X500Name name = new X500Name("CN=" + dnsNames[0]);
        return new Issued(build(name, keys, name, keys.getPrivate(), from, to, false, List.of(dnsNames)), keys);
    }

    private static X509Certificate build(X500Name issuer, KeyPair subjectKeys, X500Name subject, PrivateKey signer,
                                         Instant from, Instant to, boolean ca, List<String> dnsNames) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), subject,
                    subjectKeys.getPublic());
            builder.addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true,
                    new BasicConstraints(ca));
            builder.addExtension(org.bouncycastle.asn1.x509.Extension.keyUsage, true,
                    new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (!dnsNames.isEmpty()) {
                builder.addExtension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName, false,
                        new GeneralNames(dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n))
                                .toArray(GeneralName[]::new)));
            }
            String algorithm = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A Certificate handshake message carrying {@code chain}, each entry without extensions (RFC 8446 §4.4.2). */
    static HandshakeMessage certificateMessage(X509Certificate... chain) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        try {
            for (X509Certificate certificate : chain) {
                byte[] der = certificate.getEncoded();
                list.writeBytes(uint24(der.length));
                list.writeBytes(der);
                list.writeBytes(new byte[] {0, 0});
            }
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        byte[] entries = list.toByteArray();
        return new HandshakeMessage(HandshakeType.CERTIFICATE, TestHelpers.concat(new byte[] {0}, uint24(entries.length),
                entries));
    }

    static byte[] uint24(int value) {
        return new byte[] {(byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
