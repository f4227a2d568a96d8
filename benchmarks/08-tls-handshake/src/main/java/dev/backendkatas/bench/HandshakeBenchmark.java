package dev.backendkatas.bench;

import dev.backendkatas.tlshandshake.TlsClient;
import dev.backendkatas.tlshandshake.TrustPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kata 08: full TLS 1.3 handshakes per second against the JDK's own {@link SSLServerSocket} on loopback, with the
 * kata's client ({@code impl=kata}: the reference, or your code under {@code ./grade bench 08}) and with the JDK's
 * {@link SSLSocket} client ({@code impl=jdk}), in the same run.
 *
 * <p>One operation is a whole connection: TCP connect, the handshake (x25519 key share, TLS_AES_128_GCM_SHA256, the
 * server's P-256 certificate checked against the one trusted certificate and the host name "localhost"), then
 * close_notify and close. Both clients verify the same things, and neither resumes a session: the kata's client keeps
 * no tickets, and the JDK's, which keeps the server's NewSessionTicket in its client session cache and would offer it
 * on the next connection, finds that cache emptied before each one. The server runs on one thread of the benchmark
 * JVM, the same for both clients, so its signing cost is in every number. Every socket has TCP_NODELAY, as HTTP
 * clients set it: the JDK sends a handshake flight in several small writes, and with Nagle's algorithm (RFC 896) a
 * write waits for the peer's delayed ACK, which would measure the loopback's timers instead of the handshake.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandshakeBenchmark {

    private static final String HOST = "localhost";
    private static final String PROTOCOL = "TLSv1.3";
    private static final String SUITE = "TLS_AES_128_GCM_SHA256";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Whose client: {@code kata} (listed first: ./grade bench swaps in your code for it) or the JDK's SSLSocket. */
    @Param({"kata", "jdk"})
    public String impl;

    private boolean jdk;
    private SSLServerSocket serverSocket;
    private Thread server;
    private TrustPolicy kataTrust;
    private SSLContext jdkClientContext;
    private final AtomicLong handshakesServed = new AtomicLong();
    private final AtomicLong certificatesChosen = new AtomicLong();

    @Setup
    public void setUp() throws Exception {
        jdk = impl.equals("jdk");
        KeyPair keys = p256();
        X509Certificate certificate = selfSigned(keys);
        kataTrust = new TrustPolicy(List.of(certificate), HOST, Clock.systemUTC());
        jdkClientContext = clientTrusting(certificate);
        serverSocket = serverFor(certificate, keys);
        server = new Thread(this::serve, "jdk-tls-server");
        server.setDaemon(true);
        server.start();
    }

    /** One full handshake: connect, handshake with the certificate and host name checked, close_notify, close. */
    @Benchmark
    public Object fullHandshake() throws IOException {
        if (jdk) {
            forgetCachedSessions();
            SSLSocket socket = (SSLSocket) jdkClientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), serverSocket.getLocalPort());
            try (socket) {
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                socket.setTcpNoDelay(true);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the host name check the kata's client does
                parameters.setProtocols(new String[] {PROTOCOL});
                parameters.setCipherSuites(new String[] {SUITE});
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return socket.getSession().getCipherSuite();
            }
        }
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), serverSocket.getLocalPort());
        socket.setTcpNoDelay(true);
        try (TlsClient client = TlsClient.connect(socket, kataTrust, TIMEOUT)) {
            return client.negotiatedGroup();
        }
    }

    /** Stops the server, and fails the run if any handshake it served was not a full one (no certificate sent). */
    @TearDown
    public void stopServer() throws InterruptedException, IOException {
        serverSocket.close();
        server.join(TIMEOUT.toMillis());
        if (certificatesChosen.get() < handshakesServed.get()) {
            throw new IllegalStateException(handshakesServed.get() - certificatesChosen.get() + " of "
                    + handshakesServed.get() + " handshakes sent no certificate: they resumed a session");
        }
    }

    /** Invalidating a session removes it from its cache: the next handshake cannot resume it, so it is a full one. */
    private void forgetCachedSessions() {
        SSLSessionContext cache = jdkClientContext.getClientSessionContext();
        for (byte[] id : Collections.list(cache.getIds())) {
            SSLSession session = cache.getSession(id);
            if (session != null) {
                session.invalidate();
            }
        }
    }

    /** Accepts connections one after the other, completes each handshake, and reads until the client's close. */
    private void serve() {
        while (!serverSocket.isClosed()) {
            try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                socket.setTcpNoDelay(true);
                socket.startHandshake();
                handshakesServed.incrementAndGet();
                InputStream in = socket.getInputStream();
                while (in.read() != -1) {
                    // nothing is sent after the handshake; -1 is the client's close_notify
                }
            } catch (IOException endOfOneConnectionOrOfTheServer) {
                // a client that closes without reading the NewSessionTicket may reset the connection: the next one
                // is served all the same; a closed server socket ends the loop
            }
        }
    }

    private SSLServerSocket serverFor(X509Certificate certificate, KeyPair keys) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        char[] password = "bench".toCharArray();
        keyStore.setKeyEntry("server", keys.getPrivate(), password, new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, password);
        SSLContext context = SSLContext.getInstance(PROTOCOL);
        X509ExtendedKeyManager counting = new CountingKeyManager(
                (X509ExtendedKeyManager) keyManagers.getKeyManagers()[0], certificatesChosen);
        context.init(new KeyManager[] {counting}, null, null);
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        socket.setEnabledProtocols(new String[] {PROTOCOL});
        socket.setEnabledCipherSuites(new String[] {SUITE});
        return socket;
    }

    private static SSLContext clientTrusting(X509Certificate certificate) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("server", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        SSLContext context = SSLContext.getInstance(PROTOCOL);
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A self-signed P-256 certificate for {@link #HOST}, valid a day either side of now. */
    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + HOST);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name,
                keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, HOST)));
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    /**
     * The server's key manager, counting the certificates it is asked to choose: a full handshake sends the
     * certificate and signs with its key, a resumed one does neither.
     */
    private static final class CountingKeyManager extends X509ExtendedKeyManager {

        private final X509ExtendedKeyManager delegate;
        private final AtomicLong chosen;

        CountingKeyManager(X509ExtendedKeyManager delegate, AtomicLong chosen) {
            this.delegate = delegate;
            this.chosen = chosen;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            String alias = delegate.chooseServerAlias(keyType, issuers, socket);
            if (alias != null) {
                chosen.incrementAndGet();
            }
            return alias;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }
    }
}
