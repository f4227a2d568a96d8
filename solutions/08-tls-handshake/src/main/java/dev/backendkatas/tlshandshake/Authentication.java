package dev.backendkatas.tlshandshake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Stage 5 — authentication (RFC 8446 §4.3.1, §4.4): the client reads the server's encrypted flight
 * (EncryptedExtensions, Certificate, CertificateVerify, Finished), checks that the server holds the certificate's key,
 * that the certificate is trusted and names the host, and that nobody changed the handshake; then it builds its own
 * Finished.
 */
public final class Authentication {

    private static final byte[] SERVER_CONTEXT =
            "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private Authentication() {
    }

    /** The extensions of an EncryptedExtensions message, checked against the offer (§4.3.1, §4.2). */
    public static List<Extension> decodeEncryptedExtensions(HandshakeMessage message, ClientHello offered)
            throws TlsAlertException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(offered, "offered");
        expect(message, HandshakeType.ENCRYPTED_EXTENSIONS);
        Cursor in = new Cursor(message.body(), "EncryptedExtensions");
        Cursor block = in.vector(2);
        in.end();
        Set<Integer> offeredTypes = new HashSet<>();
        for (Extension extension : offered.extensions()) {
            offeredTypes.add(extension.type());
        }
        List<Extension> extensions = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (block.remaining() > 0) {
            int type = block.uint(2);
            byte[] data = block.vector(2).rest();
            if (!seen.add(type)) {
                throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER,
                        String.format("extension 0x%04x twice in EncryptedExtensions (RFC 8446 §4.2)", type));
            }
            if (!offeredTypes.contains(type)) {
                throw new TlsAlertException(AlertDescription.UNSUPPORTED_EXTENSION, String.format(
                        "extension 0x%04x in EncryptedExtensions was not offered (RFC 8446 §4.2)", type));
            }
            if (type == TlsCodes.KEY_SHARE || type == TlsCodes.SUPPORTED_VERSIONS || type == TlsCodes.PRE_SHARED_KEY
                    || type == TlsCodes.PSK_KEY_EXCHANGE_MODES || type == TlsCodes.SIGNATURE_ALGORITHMS
                    || type == TlsCodes.COOKIE) {
                throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER, String.format(
                        "extension 0x%04x does not belong in EncryptedExtensions (RFC 8446 §4.2)", type));
            }
            extensions.add(new Extension(type, data));
        }
        return extensions;
    }

    /** The certificate chain of a Certificate message, end-entity certificate first (§4.4.2). */
    public static List<X509Certificate> decodeCertificate(HandshakeMessage message) throws TlsAlertException {
        Objects.requireNonNull(message, "message");
        expect(message, HandshakeType.CERTIFICATE);
        Cursor in = new Cursor(message.body(), "Certificate");
        byte[] context = in.vector(1).rest();
        Cursor list = in.vector(3);
        in.end();
        if (context.length != 0) {
            throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER,
                    "a server's certificate_request_context is empty (RFC 8446 §4.4.2)");
        }
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory factory = certificateFactory();
        while (list.remaining() > 0) {
            byte[] der = list.vector(3).rest();
            list.vector(2); // the entry's extensions: none that this client asked for
            if (der.length == 0) {
                throw new TlsAlertException(AlertDescription.DECODE_ERROR, "an empty cert_data (RFC 8446 §4.4.2)");
            }
            try {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | RuntimeException e) {
                throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE,
                        "certificate #" + chain.size() + " is not a DER X.509 certificate (RFC 8446 §4.4.2)", e);
            }
        }
        if (chain.isEmpty()) {
            throw new TlsAlertException(AlertDescription.DECODE_ERROR,
                    "a server must send a certificate: the list is empty (RFC 8446 §4.4.2.4)");
        }
        return List.copyOf(chain);
    }

    /** What a server signs in CertificateVerify: 64 spaces, the context string, a 0 byte, the hash (§4.4.3). */
    public static byte[] serverSignedContent(byte[] transcriptHash) {
        Objects.requireNonNull(transcriptHash, "transcriptHash");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 64; i++) {
            out.write(0x20);
        }
        out.writeBytes(SERVER_CONTEXT);
        out.write(0);
        out.writeBytes(transcriptHash);
        return out.toByteArray();
    }

    /**
     * Checks CertificateVerify: a scheme the client offered and implements, a key of that scheme's type, and a
     * signature over {@link #serverSignedContent} of Transcript-Hash(ClientHello..Certificate) (§4.4.3).
     */
    public static void verifyCertificateVerify(HandshakeMessage message, PublicKey key, byte[] transcriptHash,
                                               ClientHello offered) throws TlsAlertException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(transcriptHash, "transcriptHash");
        Objects.requireNonNull(offered, "offered");
        expect(message, HandshakeType.CERTIFICATE_VERIFY);
        Cursor in = new Cursor(message.body(), "CertificateVerify");
        int scheme = in.uint(2);
        byte[] signature = in.vector(2).rest();
        in.end();
        if (!offeredSchemes(offered).contains(scheme)) {
            throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER,
                    String.format("signature scheme 0x%04x was not offered (RFC 8446 §4.4.3)", scheme));
        }
        boolean valid;
        try {
            Signature verifier = verifier(scheme, key);
            verifier.initVerify(key);
            verifier.update(serverSignedContent(transcriptHash));
            valid = verifier.verify(signature);
        } catch (SignatureException e) {
            valid = false; // a malformed ECDSA signature: as bad as a wrong one
        } catch (GeneralSecurityException e) {
            throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER, String.format(
                    "signature scheme 0x%04x does not fit the certificate's %s key (RFC 8446 §4.4.3)", scheme,
                    key.getAlgorithm()), e);
        }
        if (!valid) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR,
                    "the CertificateVerify signature does not verify (RFC 8446 §4.4.3)");
        }
    }

    /**
     * Validates the chain with PKIX (RFC 5280 §6) against the trust anchors at the policy's clock, then the host name
     * against the end-entity certificate (RFC 6125 §6).
     */
    public static void validateChain(List<X509Certificate> chain, TrustPolicy trust) throws TlsAlertException {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(trust, "trust");
        if (chain.isEmpty()) {
            throw new TlsAlertException(AlertDescription.DECODE_ERROR, "an empty certificate chain");
        }
        // A server may send its root too; the anchor itself is not part of the path PKIX checks. The end-entity
        // certificate always is, even when it is itself the anchor (a self-signed server): its dates still count.
        List<X509Certificate> path = new ArrayList<>(chain);
        while (path.size() > 1 && trust.trustAnchors().contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate anchor : trust.trustAnchors()) {
            anchors.add(new TrustAnchor(anchor, null));
        }
        try {
            CertPath certPath = certificateFactory().generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(trust.clock().instant()));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw new TlsAlertException(alertFor(e.getReason()), "the chain does not validate: " + e.getMessage()
                    + " (RFC 5280 §6)", e);
        } catch (InvalidAlgorithmParameterException | CertificateException e) {
            throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE, "unusable chain (RFC 5280 §6)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has PKIX", e);
        }
        if (!matchesHost(chain.get(0), trust.hostName())) {
            throw new TlsAlertException(AlertDescription.CERTIFICATE_UNKNOWN,
                    "the certificate does not name " + trust.hostName() + " (RFC 6125 §6)");
        }
    }

    /** Finished's verify_data: HMAC(finished_key(trafficSecret), transcriptHash) (§4.4.4). */
    public static byte[] verifyData(byte[] trafficSecret, byte[] transcriptHash) {
        Objects.requireNonNull(trafficSecret, "trafficSecret");
        Objects.requireNonNull(transcriptHash, "transcriptHash");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KeySchedule.finishedKey(trafficSecret), "HmacSHA256"));
            return mac.doFinal(transcriptHash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** Checks the server's Finished against Transcript-Hash(ClientHello..CertificateVerify), in constant time. */
    public static void checkServerFinished(HandshakeMessage finished, byte[] serverHandshakeTrafficSecret,
                                           byte[] transcriptHash) throws TlsAlertException {
        Objects.requireNonNull(finished, "finished");
        expect(finished, HandshakeType.FINISHED);
        byte[] expected = verifyData(serverHandshakeTrafficSecret, transcriptHash);
        byte[] received = finished.body();
        if (received.length != expected.length) {
            throw new TlsAlertException(AlertDescription.DECODE_ERROR,
                    "verify_data is 32 bytes, not " + received.length + " (RFC 8446 §4.4.4)");
        }
        if (!MessageDigest.isEqual(expected, received)) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR,
                    "the server's Finished does not match our transcript (RFC 8446 §4.4.4)");
        }
    }

    /** The client's Finished over Transcript-Hash(ClientHello..server Finished) (§4.4.4). */
    public static HandshakeMessage clientFinished(byte[] clientHandshakeTrafficSecret, byte[] transcriptHash) {
        return new HandshakeMessage(HandshakeType.FINISHED, verifyData(clientHandshakeTrafficSecret, transcriptHash));
    }

    /**
     * The whole server flight after ServerHello, in order: EncryptedExtensions, Certificate, CertificateVerify,
     * Finished. Adds each to the transcript, which ends at the server Finished, and builds the client's Finished.
     *
     * @return the server's extensions and chain, and the client Finished, not yet in the transcript
     */
    public static AuthenticatedServer authenticateServer(List<HandshakeMessage> flight, ClientHello offered,
                                                         TranscriptHash transcript, KeySchedule schedule,
                                                         TrustPolicy trust) throws TlsAlertException {
        Objects.requireNonNull(flight, "flight");
        Objects.requireNonNull(offered, "offered");
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(trust, "trust");
        if (flight.size() != 4) {
            HandshakeType[] order = {HandshakeType.ENCRYPTED_EXTENSIONS, HandshakeType.CERTIFICATE,
                HandshakeType.CERTIFICATE_VERIFY, HandshakeType.FINISHED};
            for (int i = 0; i < Math.min(flight.size(), order.length); i++) {
                expect(flight.get(i), order[i]);
            }
            throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE, "the server flight is "
                    + "EncryptedExtensions, Certificate, CertificateVerify, Finished; got " + flight.size()
                    + " messages (RFC 8446 §2)");
        }
        List<Extension> extensions = decodeEncryptedExtensions(flight.get(0), offered);
        transcript.add(flight.get(0));
        List<X509Certificate> chain = decodeCertificate(flight.get(1));
        transcript.add(flight.get(1));
        validateChain(chain, trust);
        verifyCertificateVerify(flight.get(2), chain.get(0).getPublicKey(), transcript.current(), offered);
        transcript.add(flight.get(2));
        checkServerFinished(flight.get(3), schedule.serverHandshakeTrafficSecret(), transcript.current());
        transcript.add(flight.get(3));
        HandshakeMessage clientFinished = clientFinished(schedule.clientHandshakeTrafficSecret(),
                transcript.current());
        return new AuthenticatedServer(extensions, chain, clientFinished);
    }

    private static AlertDescription alertFor(CertPathValidatorException.Reason reason) {
        if (reason == CertPathValidatorException.BasicReason.EXPIRED
                || reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return AlertDescription.CERTIFICATE_EXPIRED;
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            return AlertDescription.UNKNOWN_CA;
        }
        return AlertDescription.BAD_CERTIFICATE;
    }

    /**
     * RFC 6125 §6.4: the DNS names of subjectAltName, compared without case; a '*' may stand for the whole leftmost
     * label. Only when the certificate has no DNS name at all, its subject's CN (§6.4.4), as RFC 8448's does.
     */
    static boolean matchesHost(X509Certificate certificate, String hostName) throws TlsAlertException {
        String host = hostName.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    if (Integer.valueOf(2).equals(name.get(0))) {
                        names.add((String) name.get(1));
                    }
                }
            }
            if (names.isEmpty()) {
                for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(rdn.getValue().toString());
                    }
                }
            }
        } catch (CertificateParsingException | InvalidNameException e) {
            throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE, "unreadable names", e);
        }
        for (String name : names) {
            String pattern = name.toLowerCase(Locale.ROOT);
            if (pattern.equals(host)) {
                return true;
            }
            if (pattern.startsWith("*.") && host.indexOf('.') > 0
                    && host.substring(host.indexOf('.')).equals(pattern.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static Signature verifier(int scheme, PublicKey key) throws GeneralSecurityException {
        if (scheme == TlsCodes.RSA_PSS_RSAE_SHA256 && key instanceof RSAPublicKey) {
            Signature signature = Signature.getInstance("RSASSA-PSS");
            signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            return signature;
        }
        if (scheme == TlsCodes.ECDSA_SECP256R1_SHA256 && key instanceof ECPublicKey ec
                && ec.getParams().getCurve().getField().getFieldSize() == 256) {
            return Signature.getInstance("SHA256withECDSA");
        }
        throw new GeneralSecurityException(String.format("scheme 0x%04x with a %s key", scheme, key.getAlgorithm()));
    }

    private static Set<Integer> offeredSchemes(ClientHello offered) throws TlsAlertException {
        Set<Integer> schemes = new HashSet<>();
        for (Extension extension : offered.extensions()) {
            if (extension.type() == TlsCodes.SIGNATURE_ALGORITHMS) {
                Cursor list = new Cursor(extension.data(), "signature_algorithms").vector(2);
                while (list.remaining() > 0) {
                    schemes.add(list.uint(2));
                }
            }
        }
        return schemes;
    }

    private static void expect(HandshakeMessage message, HandshakeType type) throws TlsAlertException {
        if (message.type() != type) {
            throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                    "expected " + type + ", got " + message.type() + " (RFC 8446 §4.4)");
        }
    }

    private static CertificateFactory certificateFactory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("every JDK reads X.509", e);
        }
    }

    /** A bounds-checked cursor: a length that lies is a decode_error. */
    private static final class Cursor {
        private final ByteBuffer buffer;
        private final String what;

        Cursor(byte[] bytes, String what) {
            this.buffer = ByteBuffer.wrap(bytes);
            this.what = what;
        }

        int remaining() {
            return buffer.remaining();
        }

        int uint(int length) throws TlsAlertException {
            need(length);
            int value = 0;
            for (int i = 0; i < length; i++) {
                value = value << 8 | buffer.get() & 0xFF;
            }
            return value;
        }

        Cursor vector(int lengthBytes) throws TlsAlertException {
            int length = uint(lengthBytes);
            need(length);
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return new Cursor(bytes, what);
        }

        byte[] rest() {
            return Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
        }

        void end() throws TlsAlertException {
            if (buffer.hasRemaining()) {
                throw new TlsAlertException(AlertDescription.DECODE_ERROR,
                        buffer.remaining() + " bytes left over at the end of the " + what + " (RFC 8446 §4)");
            }
        }

        private void need(int length) throws TlsAlertException {
            if (buffer.remaining() < length) {
                throw new TlsAlertException(AlertDescription.DECODE_ERROR, "the " + what + " needs " + length
                        + " more bytes, " + buffer.remaining() + " are left: a length lies (RFC 8446 §4)");
            }
        }
    }
}
