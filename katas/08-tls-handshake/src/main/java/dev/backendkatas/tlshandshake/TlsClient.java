package dev.backendkatas.tlshandshake;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Stage 6 — a TLS 1.3 client over a socket (RFC 8446 §2): one full 1-RTT handshake with TLS_AES_128_GCM_SHA256 and
 * x25519 (the JDK's {@code KeyPairGenerator} and {@code KeyAgreement} "X25519"), then application data both ways,
 * NewSessionTicket taken in stride, and close_notify at the end; a HelloRetryRequest is answered with secp256r1
 * ({@code KeyPairGenerator} "EC", {@code KeyAgreement} "ECDH"). Built from stages 1–5: {@link RecordReader},
 * {@link HandshakeReassembler}, {@link Hello}, {@link TranscriptHash}, {@link KeySchedule}, {@link RecordProtection},
 * {@link Authentication}.
 */
public final class TlsClient implements Closeable {

    private TlsClient() {
    }

    /**
     * Runs the handshake on a connected socket: ClientHello (TLS_AES_128_GCM_SHA256; supported_groups x25519 and
     * secp256r1, key_share x25519; signature_algorithms ecdsa_secp256r1_sha256 and rsa_pss_rsae_sha256; supported_versions TLS 1.3;
     * psk_key_exchange_modes psk_dhe_ke; server_name unless the host is an IP literal), ServerHello, the handshake
     * keys, the server flight through {@link Authentication#authenticateServer}, the client Finished, the application
     * keys. A change_cipher_spec record of the single byte 1 is skipped during the handshake (§5).
     *
     * <p>A HelloRetryRequest (§4.1.4) is answered with a second ClientHello: the same one with a key share for the
     * group asked for (secp256r1: the uncompressed point {@code 04 ‖ X ‖ Y}) and the HelloRetryRequest's cookie
     * echoed (§4.2.2); the transcript restarts as {@code message_hash} ({@code fe 00 00 20 ‖ Hash(ClientHello1)}),
     * HelloRetryRequest, ClientHello2 (§4.4.1). A second HelloRetryRequest is {@code unexpected_message}; a ServerHello
     * whose cipher suite differs from the HelloRetryRequest's is {@code illegal_parameter}.
     *
     * <p>Every read waits at most {@code timeout} ({@code Socket.setSoTimeout}): a server that stops mid-handshake ends
     * in a {@link java.net.SocketTimeoutException}, never a hang. On any failure the socket is closed, after the alert
     * when there is one to send.
     *
     * @throws TlsAlertException for every rule the server breaks, or carrying the server's own fatal alert
     */
    public static TlsClient connect(Socket socket, TrustPolicy trust, Duration timeout) throws IOException {
        throw new UnsupportedOperationException("Stage 6: the handshake over a socket"
                + " — see katas/08-tls-handshake/README.md, 'Stage 6 — A real server'");
    }

    /** The group of the key exchange: x25519, or secp256r1 after a HelloRetryRequest asked for it. */
    public int negotiatedGroup() {
        throw new UnsupportedOperationException("Stage 6: the negotiated group"
                + " — see katas/08-tls-handshake/README.md, 'Stage 6 — A real server'");
    }

    /** The server's validated chain, end-entity certificate first. */
    public List<X509Certificate> peerCertificates() {
        throw new UnsupportedOperationException("Stage 6: the server's certificates"
                + " — see katas/08-tls-handshake/README.md, 'Stage 6 — A real server'");
    }

    /** How many NewSessionTicket messages came after the handshake (§4.6.1); this client stores none. */
    public int sessionTicketsReceived() {
        throw new UnsupportedOperationException("Stage 6: count NewSessionTickets"
                + " — see katas/08-tls-handshake/README.md, 'Stage 6 — A real server'");
    }

    /** Sends application data under the client application key, in records of at most 2^14 bytes (§5.1). */
    public void write(byte[] data) throws IOException {
        throw new UnsupportedOperationException("Stage 6: send application data"
                + " — see katas/08-tls-handshake/README.md, 'Stage 6 — A real server'");
    }

    /**
     * The content of the next application data record, or {@code null} once the server has sent close_notify (§6.1)
     * (and on every call after it). NewSessionTicket messages on the way are counted and skipped (§4.6.1).
     *
     * @throws TlsAlertException carrying the server's fatal alert; {@code unexpected_message} for any other
     *                           post-handshake message; {@code decode_error} if the stream ends without close_notify;
     *                           the alerts of {@link RecordProtection#decrypt} for a bad record
     */
    public byte[] read() throws IOException {
        throw new UnsupportedOperationException("Stage 6: read application data"
                + " — see katas/08-tls-handshake/README.md, 'Stage 6 — A real server'");
    }

    /** Sends a close_notify alert (level 1, description 0) under the application key unless already sent, then closes
     * the socket (§6.1). */
    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("Stage 6: close with close_notify"
                + " — see katas/08-tls-handshake/README.md, 'Stage 6 — A real server'");
    }
}
