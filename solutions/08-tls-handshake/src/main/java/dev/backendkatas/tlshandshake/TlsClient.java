package dev.backendkatas.tlshandshake;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.KeyAgreement;

/**
 * Stage 6 — a TLS 1.3 client over a socket (RFC 8446 §2): one full 1-RTT handshake with TLS_AES_128_GCM_SHA256 and
 * x25519 (secp256r1 after a HelloRetryRequest), then application data both ways, NewSessionTicket taken in stride, and
 * close_notify at the end.
 */
public final class TlsClient implements Closeable {

    private static final List<Integer> SCHEMES =
            List.of(TlsCodes.ECDSA_SECP256R1_SHA256, TlsCodes.RSA_PSS_RSAE_SHA256);

    private final Socket socket;
    private final OutputStream out;
    private final RecordReader reader;
    private final RecordProtection protection = new RecordProtection();
    private final HandshakeReassembler handshake = new HandshakeReassembler();
    private List<X509Certificate> peerCertificates = List.of();
    private int negotiatedGroup;
    private int sessionTickets;
    private boolean encrypting;
    private boolean inboundClosed;
    private boolean outboundClosed;

    private TlsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new RecordReader(socket.getInputStream());
    }

    /**
     * Runs the handshake on a connected socket. Every read waits at most {@code timeout}: a server that stops
     * mid-handshake ends in a {@link java.net.SocketTimeoutException}. On any failure the socket is closed, after
     * the alert when there is one to send.
     *
     * @throws TlsAlertException for every rule the server breaks, or the server's own fatal alert
     */
    public static TlsClient connect(Socket socket, TrustPolicy trust, Duration timeout) throws IOException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(timeout, "timeout");
        socket.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
        TlsClient client = new TlsClient(socket);
        try {
            client.handshake(trust);
            return client;
        } catch (TlsAlertException e) {
            client.sendAlertQuietly(e.alert());
            socket.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void handshake(TrustPolicy trust) throws IOException {
        KeyPair keyPair = keyPair(TlsCodes.X25519);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        List<Extension> extensions = new ArrayList<>();
        if (!trust.hostName().isEmpty() && !Character.isDigit(trust.hostName().charAt(trust.hostName().length() - 1))
                && trust.hostName().indexOf(':') < 0) {
            extensions.add(Extensions.serverName(trust.hostName())); // never an IP literal (RFC 6066 §3)
        }
        extensions.add(Extensions.supportedGroups(List.of(TlsCodes.X25519, TlsCodes.SECP256R1)));
        extensions.add(Extensions.signatureAlgorithms(SCHEMES));
        extensions.add(Extensions.keyShare(List.of(new KeyShareEntry(TlsCodes.X25519,
                publicBytes(TlsCodes.X25519, keyPair)))));
        extensions.add(Extensions.supportedVersions(List.of(TlsCodes.TLS13)));
        extensions.add(new Extension(TlsCodes.PSK_KEY_EXCHANGE_MODES, new byte[] {1, 1})); // psk_dhe_ke: tickets
        ClientHello hello = new ClientHello(random, new byte[0], List.of(TlsCodes.TLS_AES_128_GCM_SHA256), extensions);

        TranscriptHash transcript = new TranscriptHash();
        HandshakeMessage clientHello = Hello.encodeClientHello(hello);
        writeRecord(new TlsRecord(ContentType.HANDSHAKE, 0x0301, clientHello.encode()));
        transcript.add(clientHello);

        HandshakeMessage serverHelloMessage = nextPlainHandshakeMessage();
        ServerHello serverHello = Hello.decodeServerHello(serverHelloMessage, hello);
        if (serverHello.helloRetryRequest()) {
            // §4.4.1: the transcript restarts as message_hash(Hash(ClientHello1)) ‖ HelloRetryRequest ‖ ClientHello2.
            byte[] firstHelloHash = transcript.current();
            transcript = new TranscriptHash();
            transcript.add(new HandshakeMessage(HandshakeType.MESSAGE_HASH, firstHelloHash));
            transcript.add(serverHelloMessage);
            keyPair = keyPair(serverHello.selectedGroup());
            hello = secondHello(hello, serverHello, new KeyShareEntry(serverHello.selectedGroup(),
                    publicBytes(serverHello.selectedGroup(), keyPair)));
            HandshakeMessage secondHello = Hello.encodeClientHello(hello);
            writeRecord(new TlsRecord(ContentType.HANDSHAKE, TlsRecord.TLS12, secondHello.encode()));
            transcript.add(secondHello);
            int retrySuite = serverHello.cipherSuite();
            serverHelloMessage = nextPlainHandshakeMessage();
            serverHello = Hello.decodeServerHello(serverHelloMessage, hello);
            if (serverHello.helloRetryRequest()) {
                throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                        "a second HelloRetryRequest (RFC 8446 §4.1.4)");
            }
            if (serverHello.cipherSuite() != retrySuite) {
                throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER,
                        "the ServerHello changes the HelloRetryRequest's cipher suite (RFC 8446 §4.1.4)");
            }
        }
        if (!handshake.atMessageBoundary()) {
            throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                    "more handshake data after ServerHello in the same record (RFC 8446 §5.1)");
        }
        transcript.add(serverHelloMessage);

        KeySchedule schedule = new KeySchedule();
        negotiatedGroup = serverHello.selectedGroup();
        schedule.deriveHandshakeSecrets(sharedSecret(negotiatedGroup, keyPair, serverHello.keyShare().keyExchange()),
                transcript.current());
        protection.setReadKeys(KeySchedule.trafficKeys(schedule.serverHandshakeTrafficSecret()));
        protection.setWriteKeys(KeySchedule.trafficKeys(schedule.clientHandshakeTrafficSecret()));
        encrypting = true;

        List<HandshakeMessage> flight = new ArrayList<>();
        while (flight.isEmpty() || flight.get(flight.size() - 1).type() != HandshakeType.FINISHED) {
            flight.add(nextProtectedHandshakeMessage());
        }
        if (!handshake.atMessageBoundary()) {
            throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                    "handshake data after the server Finished in the same record (RFC 8446 §5.1)");
        }
        AuthenticatedServer server = Authentication.authenticateServer(flight, hello, transcript, schedule, trust);
        peerCertificates = server.certificates();
        schedule.deriveApplicationSecrets(transcript.current());
        protection.setReadKeys(KeySchedule.trafficKeys(schedule.serverApplicationTrafficSecret()));
        writeRecord(protection.encrypt(ContentType.HANDSHAKE, server.clientFinished().encode(), 0));
        protection.setWriteKeys(KeySchedule.trafficKeys(schedule.clientApplicationTrafficSecret()));
    }

    /** The group of the key exchange: x25519, or secp256r1 after a HelloRetryRequest asked for it. */
    public int negotiatedGroup() {
        return negotiatedGroup;
    }

    /**
     * The second ClientHello (§4.1.2): the first one with the key share replaced by one for the group the
     * HelloRetryRequest asked for, and the HelloRetryRequest's cookie, if any, echoed (§4.2.2).
     */
    private static ClientHello secondHello(ClientHello first, ServerHello retry, KeyShareEntry share) {
        List<Extension> extensions = new ArrayList<>();
        for (Extension extension : first.extensions()) {
            extensions.add(extension.type() == TlsCodes.KEY_SHARE ? Extensions.keyShare(List.of(share)) : extension);
        }
        for (Extension extension : retry.extensions()) {
            if (extension.type() == TlsCodes.COOKIE) {
                extensions.add(extension);
            }
        }
        return new ClientHello(first.random(), first.legacySessionId(), first.cipherSuites(), extensions);
    }

    /** The server's validated chain, end-entity certificate first. */
    public List<X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    /** How many NewSessionTicket messages came after the handshake (§4.6.1); this client stores none. */
    public int sessionTicketsReceived() {
        return sessionTickets;
    }

    /** Sends application data, in records of at most 2^14 bytes. */
    public void write(byte[] data) throws IOException {
        Objects.requireNonNull(data, "data");
        if (outboundClosed) {
            throw new IOException("the connection is closed for writing");
        }
        for (int offset = 0; offset < data.length; offset += TlsRecord.MAX_PLAINTEXT_LENGTH) {
            byte[] chunk = Arrays.copyOfRange(data, offset,
                    Math.min(data.length, offset + TlsRecord.MAX_PLAINTEXT_LENGTH));
            writeRecord(protection.encrypt(ContentType.APPLICATION_DATA, chunk, 0));
        }
    }

    /**
     * The next application data received, or {@code null} once the server has sent close_notify (§6.1).
     * NewSessionTicket messages on the way are counted and skipped.
     *
     * @throws TlsAlertException for the server's fatal alert, or any record or message that breaks the rules
     */
    public byte[] read() throws IOException {
        while (!inboundClosed) {
            TlsRecord record = reader.read();
            if (record == null) {
                throw new TlsAlertException(AlertDescription.DECODE_ERROR,
                        "the connection ended without close_notify: a truncation attack? (RFC 8446 §6.1)");
            }
            Plaintext plaintext = protection.decrypt(record);
            switch (plaintext.type()) {
                case APPLICATION_DATA:
                    if (plaintext.content().length > 0) {
                        return plaintext.content();
                    }
                    break;
                case ALERT:
                    receiveAlert(plaintext.content());
                    break;
                case HANDSHAKE:
                    handshake.add(plaintext.content());
                    for (HandshakeMessage message = handshake.next(); message != null; message = handshake.next()) {
                        if (message.type() != HandshakeType.NEW_SESSION_TICKET) {
                            throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                                    "a " + message.type() + " after the handshake (RFC 8446 §4.6)");
                        }
                        sessionTickets++;
                    }
                    break;
                default:
                    throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                            "a " + plaintext.type() + " record after the handshake");
            }
        }
        return null;
    }

    /** Sends close_notify (§6.1) unless already sent, then closes the socket. */
    @Override
    public void close() throws IOException {
        try {
            if (!outboundClosed && !socket.isClosed()) {
                outboundClosed = true;
                writeRecord(protection.encrypt(ContentType.ALERT, new byte[] {1, 0}, 0));
            }
        } catch (IOException e) {
            if (!inboundClosed) {
                throw e;
            } // the server has closed already: our close_notify answers a connection that is gone
        } finally {
            socket.close();
        }
    }

    private void receiveAlert(byte[] alert) throws TlsAlertException {
        if (alert.length != 2) {
            throw new TlsAlertException(AlertDescription.DECODE_ERROR, "an alert is 2 bytes (RFC 8446 §6)");
        }
        AlertDescription description = AlertDescription.fromCode(alert[1] & 0xFF)
                .orElse(AlertDescription.ILLEGAL_PARAMETER);
        if (description == AlertDescription.CLOSE_NOTIFY) {
            inboundClosed = true;
            return;
        }
        if (description == AlertDescription.USER_CANCELED) {
            return;
        }
        throw new TlsAlertException(description, "the server sent this alert (RFC 8446 §6.2)");
    }

    private HandshakeMessage nextPlainHandshakeMessage() throws IOException {
        while (true) {
            HandshakeMessage message = handshake.next();
            if (message != null) {
                return message;
            }
            TlsRecord record = readRecord();
            if (record.type() == ContentType.ALERT) {
                receiveAlert(record.fragment());
                throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE, "close_notify during the handshake");
            }
            if (record.type() != ContentType.HANDSHAKE) {
                throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                        "a " + record.type() + " record before ServerHello (RFC 8446 §5)");
            }
            handshake.add(record.fragment());
        }
    }

    private HandshakeMessage nextProtectedHandshakeMessage() throws IOException {
        while (true) {
            HandshakeMessage message = handshake.next();
            if (message != null) {
                return message;
            }
            TlsRecord record = readRecord();
            if (record.type() == ContentType.CHANGE_CIPHER_SPEC && Arrays.equals(record.fragment(), new byte[] {1})) {
                continue; // middlebox compatibility (RFC 8446 §5): dropped unread
            }
            Plaintext plaintext = protection.decrypt(record);
            if (plaintext.type() == ContentType.ALERT) {
                receiveAlert(plaintext.content());
                throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE, "close_notify during the handshake");
            }
            if (plaintext.type() != ContentType.HANDSHAKE) {
                throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                        "a " + plaintext.type() + " record inside the handshake (RFC 8446 §5)");
            }
            handshake.add(plaintext.content());
        }
    }

    private TlsRecord readRecord() throws IOException {
        TlsRecord record = reader.read();
        if (record == null) {
            throw new TlsAlertException(AlertDescription.DECODE_ERROR, "the server closed during the handshake");
        }
        return record;
    }

    private void writeRecord(TlsRecord record) throws IOException {
        out.write(record.encode());
        out.flush();
    }

    private void sendAlertQuietly(AlertDescription alert) {
        try {
            byte[] body = {2, (byte) alert.code()};
            writeRecord(encrypting ? protection.encrypt(ContentType.ALERT, body, 0)
                    : new TlsRecord(ContentType.ALERT, TlsRecord.TLS12, body));
        } catch (IOException | RuntimeException e) {
            // the connection is failing anyway: the original error is the one to report
        }
    }

    private static KeyPair keyPair(int group) {
        try {
            if (group == TlsCodes.X25519) {
                return KeyPairGenerator.getInstance("X25519").generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 11+ has X25519 and secp256r1", e);
        }
    }

    /**
     * A public key as key_share carries it (§4.2.8.2): for X25519, u in 32 bytes little-endian (RFC 7748 §5); for
     * secp256r1, the uncompressed point 04 ‖ X ‖ Y, 32 bytes each, big-endian.
     */
    private static byte[] publicBytes(int group, KeyPair keyPair) {
        if (group == TlsCodes.X25519) {
            byte[] bigEndian = ((XECPublicKey) keyPair.getPublic()).getU().toByteArray();
            byte[] little = new byte[32];
            for (int i = 0; i < 32 && i < bigEndian.length; i++) {
                little[i] = bigEndian[bigEndian.length - 1 - i];
            }
            return little;
        }
        ECPoint point = ((ECPublicKey) keyPair.getPublic()).getW();
        byte[] encoded = new byte[65];
        encoded[0] = 4;
        System.arraycopy(unsigned32(point.getAffineX()), 0, encoded, 1, 32);
        System.arraycopy(unsigned32(point.getAffineY()), 0, encoded, 33, 32);
        return encoded;
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int n = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - n, fixed, 32 - n, n);
        return fixed;
    }

    private static byte[] sharedSecret(int group, KeyPair keyPair, byte[] peerPublic) throws TlsAlertException {
        return group == TlsCodes.X25519 ? x25519(keyPair, peerPublic) : p256(keyPair, peerPublic);
    }

    private static byte[] p256(KeyPair keyPair, byte[] peerPublic) throws TlsAlertException {
        if (peerPublic.length != 65 || peerPublic[0] != 4) {
            throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER,
                    "a secp256r1 share is an uncompressed point of 65 bytes (RFC 8446 §4.2.8.2)");
        }
        try {
            ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(peerPublic, 1, 33)),
                    new BigInteger(1, Arrays.copyOfRange(peerPublic, 33, 65)));
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(keyPair.getPrivate());
            agreement.doPhase(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point,
                    ((ECPublicKey) keyPair.getPublic()).getParams())), true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER, "unusable secp256r1 share", e);
        }
    }

    private static byte[] x25519(KeyPair keyPair, byte[] peerPublic) throws TlsAlertException {
        if (peerPublic.length != 32) {
            throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER,
                    "an x25519 share is 32 bytes, not " + peerPublic.length + " (RFC 8446 §4.2.8.2)");
        }
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = peerPublic[31 - i];
        }
        bigEndian[0] &= 0x7F; // RFC 7748 §5: the top bit of the last byte is ignored
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(keyPair.getPrivate());
            agreement.doPhase(KeyFactory.getInstance("X25519").generatePublic(
                    new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian))), true);
            byte[] shared = agreement.generateSecret();
            if (Arrays.equals(shared, new byte[32])) {
                throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER,
                        "an all-zero x25519 shared secret (RFC 8446 §7.4.2)");
            }
            return shared;
        } catch (GeneralSecurityException e) {
            throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER, "unusable x25519 share", e);
        }
    }
}
