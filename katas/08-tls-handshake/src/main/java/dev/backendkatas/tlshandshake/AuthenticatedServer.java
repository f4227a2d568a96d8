package dev.backendkatas.tlshandshake;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What the client knows once the server's flight has checked out (RFC 8446 §4.3.1, §4.4): the server's
 * EncryptedExtensions, its validated certificate chain, and the Finished the client sends back.
 *
 * <p>Given.
 *
 * @param encryptedExtensions the extensions of EncryptedExtensions, in wire order
 * @param certificates        the server's chain, end-entity certificate first
 * @param clientFinished      the client's Finished message, to encrypt under the client handshake key
 */
public record AuthenticatedServer(List<Extension> encryptedExtensions, List<X509Certificate> certificates,
                                  HandshakeMessage clientFinished) {

    public AuthenticatedServer {
        encryptedExtensions = List.copyOf(encryptedExtensions);
        certificates = List.copyOf(certificates);
        Objects.requireNonNull(clientFinished, "clientFinished");
    }
}
