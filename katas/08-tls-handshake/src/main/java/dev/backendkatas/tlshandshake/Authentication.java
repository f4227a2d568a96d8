package dev.backendkatas.tlshandshake;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Stage 5 — authentication (RFC 8446 §4.3.1, §4.4): the client reads the server's encrypted flight
 * (EncryptedExtensions, Certificate, CertificateVerify, Finished), checks that the server holds the certificate's key,
 * that the certificate is trusted and names the host, and that nobody changed the handshake; then it builds its own
 * Finished. JDK primitives only: {@code CertificateFactory}, {@code CertPathValidator} ("PKIX"), {@code Signature},
 * {@code Mac}, {@code MessageDigest.isEqual}.
 */
public final class Authentication {

    private Authentication() {
    }

    /**
     * The extensions of an EncryptedExtensions message: {@code Extension extensions<0..2^16-1>} (§4.3.1).
     *
     * @throws TlsAlertException {@code unexpected_message} for another message type; {@code decode_error} for a length
     *                           that lies or bytes left over; {@code illegal_parameter} for an extension twice or one
     *                           that does not belong in EncryptedExtensions (key_share, supported_versions,
     *                           pre_shared_key, psk_key_exchange_modes, signature_algorithms, cookie; §4.2);
     *                           {@code unsupported_extension} for one the client did not offer
     */
    public static List<Extension> decodeEncryptedExtensions(HandshakeMessage message, ClientHello offered)
            throws TlsAlertException {
        throw new UnsupportedOperationException("Stage 5: decode EncryptedExtensions"
                + " — see katas/08-tls-handshake/README.md, 'Stage 5 — Authentication'");
    }

    /**
     * The chain of a Certificate message (§4.4.2): {@code opaque certificate_request_context<0..2^8-1>},
     * {@code CertificateEntry certificate_list<0..2^24-1>}, each entry {@code opaque cert_data<1..2^24-1>} (DER X.509)
     * and {@code Extension extensions<0..2^16-1>}.
     *
     * @return the certificates, end-entity first
     * @throws TlsAlertException {@code unexpected_message} for another message type; {@code illegal_parameter} for a
     *                           non-empty request context (a server's is empty); {@code decode_error} for a length that
     *                           lies, bytes left over, an empty cert_data or an empty list (§4.4.2.4);
     *                           {@code bad_certificate} for bytes that are not an X.509 certificate
     */
    public static List<X509Certificate> decodeCertificate(HandshakeMessage message) throws TlsAlertException {
        throw new UnsupportedOperationException("Stage 5: decode Certificate"
                + " — see katas/08-tls-handshake/README.md, 'Stage 5 — Authentication'");
    }

    /**
     * What a server signs in CertificateVerify (§4.4.3): 64 bytes of 0x20, the ASCII string
     * {@code "TLS 1.3, server CertificateVerify"}, one 0 byte, then the transcript hash.
     */
    public static byte[] serverSignedContent(byte[] transcriptHash) {
        throw new UnsupportedOperationException("Stage 5: the content CertificateVerify signs"
                + " — see katas/08-tls-handshake/README.md, 'Stage 5 — Authentication'");
    }

    /**
     * Checks a CertificateVerify (§4.4.3): {@code SignatureScheme algorithm; opaque signature<0..2^16-1>}, a signature
     * by {@code key} over {@link #serverSignedContent} of {@code transcriptHash} = Transcript-Hash(ClientHello..
     * Certificate). Schemes: {@code rsa_pss_rsae_sha256} (RSASSA-PSS, SHA-256, MGF1 SHA-256, 32-byte salt) for an RSA
     * key, {@code ecdsa_secp256r1_sha256} (SHA256withECDSA) for a P-256 key.
     *
     * @throws TlsAlertException {@code unexpected_message} for another message type; {@code decode_error} for a length
     *                           that lies; {@code illegal_parameter} for a scheme not in the offer's
     *                           signature_algorithms, or one that does not fit the key; {@code decrypt_error} when the
     *                           signature does not verify (malformed signatures included)
     */
    public static void verifyCertificateVerify(HandshakeMessage message, PublicKey key, byte[] transcriptHash,
                                               ClientHello offered) throws TlsAlertException {
        throw new UnsupportedOperationException("Stage 5: verify CertificateVerify"
                + " — see katas/08-tls-handshake/README.md, 'Stage 5 — Authentication'");
    }

    /**
     * Validates the chain (end-entity first) with PKIX (RFC 5280 §6) against the policy's trust anchors at the
     * policy's clock, revocation not checked, then the host name (RFC 6125 §6.4): a subjectAltName DNS name equal to
     * the host without regard to case, or {@code *.rest} matching exactly one leftmost label; only when the
     * certificate has no DNS name at all, its subject's CN. A certificate the server sends that is itself a trust
     * anchor is not part of the path, unless it is the end-entity certificate (a self-signed server).
     *
     * @throws TlsAlertException {@code certificate_expired} outside a certificate's validity period;
     *                           {@code unknown_ca} for a chain that ends at no trust anchor; {@code bad_certificate}
     *                           for any other PKIX failure (a signature in the chain that does not verify…);
     *                           {@code certificate_unknown} for a certificate that does not name the host
     */
    public static void validateChain(List<X509Certificate> chain, TrustPolicy trust) throws TlsAlertException {
        throw new UnsupportedOperationException("Stage 5: validate the chain and the host name"
                + " — see katas/08-tls-handshake/README.md, 'Stage 5 — Authentication'");
    }

    /**
     * Finished's verify_data (§4.4.4): {@code HMAC-SHA256(finished_key, transcriptHash)} with
     * {@code finished_key = HKDF-Expand-Label(trafficSecret, "finished", "", 32)}.
     */
    public static byte[] verifyData(byte[] trafficSecret, byte[] transcriptHash) {
        throw new UnsupportedOperationException("Stage 5: Finished verify_data"
                + " — see katas/08-tls-handshake/README.md, 'Stage 5 — Authentication'");
    }

    /**
     * Checks the server's Finished against {@code transcriptHash} = Transcript-Hash(ClientHello..CertificateVerify)
     * under the server handshake traffic secret, comparing in constant time ({@code MessageDigest.isEqual}).
     *
     * @throws TlsAlertException {@code unexpected_message} for another message type; {@code decode_error} for a body
     *                           that is not 32 bytes; {@code decrypt_error} when the verify_data differs (§4.4.4)
     */
    public static void checkServerFinished(HandshakeMessage finished, byte[] serverHandshakeTrafficSecret,
                                           byte[] transcriptHash) throws TlsAlertException {
        throw new UnsupportedOperationException("Stage 5: check the server Finished"
                + " — see katas/08-tls-handshake/README.md, 'Stage 5 — Authentication'");
    }

    /**
     * The client's Finished (§4.4.4) under the client handshake traffic secret over {@code transcriptHash} =
     * Transcript-Hash(ClientHello..server Finished).
     */
    public static HandshakeMessage clientFinished(byte[] clientHandshakeTrafficSecret, byte[] transcriptHash) {
        throw new UnsupportedOperationException("Stage 5: build the client Finished"
                + " — see katas/08-tls-handshake/README.md, 'Stage 5 — Authentication'");
    }

    /**
     * The whole server flight after ServerHello (§2, §4.4): exactly EncryptedExtensions, Certificate,
     * CertificateVerify, Finished, in that order; each is checked with the methods above, against the transcript
     * as it stands just before it, and then added to it. When this returns, the transcript ends at the server Finished
     * (ready for the application secrets) and the client Finished is built over it, not yet added. The key schedule
     * must be at the handshake secrets.
     *
     * @throws TlsAlertException {@code unexpected_message} for a message out of order, a missing one or one too many;
     *                           otherwise the alert of the first check that fails
     */
    public static AuthenticatedServer authenticateServer(List<HandshakeMessage> flight, ClientHello offered,
                                                         TranscriptHash transcript, KeySchedule schedule,
                                                         TrustPolicy trust) throws TlsAlertException {
        throw new UnsupportedOperationException("Stage 5: authenticate the server flight"
                + " — see katas/08-tls-handshake/README.md, 'Stage 5 — Authentication'");
    }
}
