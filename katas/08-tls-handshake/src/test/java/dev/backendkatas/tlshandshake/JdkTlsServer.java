package dev.backendkatas.tlshandshake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The JDK's own TLS 1.3 server on loopback port 0, the independent peer of stage 6: TLSv1.3 only,
 * TLS_AES_128_GCM_SHA256 only, a P-256 certificate for "localhost" made at test time and valid a day either side of
 * the real clock. It serves one connection with a tiny HTTP/1.1 exchange and records what it saw.
 */
final class JdkTlsServer implements AutoCloseable {

    /** What the server saw: the request, the negotiated protocol and suite, and how its last read ended. */
    record Seen(String request, String protocol, String cipherSuite, String afterResponse) {
    }

    static final String BODY = "hello, TLS 1.3";

    // The JDK accepts a peer's end of stream without close_notify unless this is set before its TLS classes load:
    // with it, a client that just closes its socket is a truncation the server notices (RFC 8446 §6.1).
    static {
        System.setProperty("com.sun.net.ssl.requireCloseNotify", "true");
    }

    final TestCertificates.Issued certificate;
    private final SSLServerSocket serverSocket;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    JdkTlsServer() throws Exception {
        this(false);
    }

    /**
     * @param refuseX25519 whether the server refuses the x25519 group (through its algorithm constraints: JDK 17 has
     *                     no per-socket list of groups), so that a client's x25519 key share makes it send a
     *                     HelloRetryRequest for secp256r1
     */
    JdkTlsServer(boolean refuseX25519) throws Exception {
        Instant now = Instant.now();
        certificate = TestCertificates.selfSigned(TestCertificates.p256(), now.minus(1, ChronoUnit.DAYS),
                now.plus(1, ChronoUnit.DAYS), "localhost");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        char[] password = "katas".toCharArray();
        keyStore.setKeyEntry("server", certificate.privateKey(), password,
                new Certificate[] {certificate.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), null, null);
        serverSocket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress());
        serverSocket.setEnabledProtocols(new String[] {"TLSv1.3"});
        serverSocket.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        if (refuseX25519) {
            SSLParameters parameters = serverSocket.getSSLParameters();
            parameters.setAlgorithmConstraints(new NoX25519());
            serverSocket.setSSLParameters(parameters);
        }
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * Serves one connection: reads a request up to its blank line, answers 200 with {@link #BODY}, then reads once
     * more and records how that ended ("end of stream" after a close_notify, or the exception).
     */
    CompletableFuture<Seen> serveOne() {
        return serveOne(true);
    }

    /** Like {@link #serveOne()}; with {@code waitForClient} false it closes (close_notify) right after answering. */
    CompletableFuture<Seen> serveOne(boolean waitForClient) {
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
                socket.setSoTimeout(8_000);
                InputStream in = socket.getInputStream();
                String request = readRequest(in);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + BODY.length()
                        + "\r\n\r\n" + BODY).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String after = "not waited for";
                try {
                    if (!waitForClient) {
                        return new Seen(request, socket.getSession().getProtocol(),
                                socket.getSession().getCipherSuite(), after);
                    }
                    int next = in.read();
                    after = next == -1 ? "end of stream" : "a byte " + next;
                } catch (IOException e) {
                    after = e.toString();
                }
                return new Seen(request, socket.getSession().getProtocol(), socket.getSession().getCipherSuite(),
                        after);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, executor);
    }

    /** Accepts one connection and reports how its handshake ended on the server's side. */
    CompletableFuture<String> failOne() {
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
                socket.setSoTimeout(8_000);
                socket.startHandshake();
                return "handshake completed";
            } catch (IOException e) {
                return e.toString();
            }
        }, executor);
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        while (!request.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                break;
            }
            request.write(b);
        }
        return request.toString(StandardCharsets.US_ASCII);
    }

    /** A connected client socket to this server. */
    Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port());
    }

    /** A plain server socket for the faults: it accepts, and then does what the test says. */
    static ServerSocket plainServer() throws IOException {
        return new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    /** Permits everything but the x25519 group. */
    private static final class NoX25519 implements AlgorithmConstraints {
        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
            return !"x25519".equalsIgnoreCase(algorithm);
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
            return true;
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key,
                               AlgorithmParameters parameters) {
            return !"x25519".equalsIgnoreCase(algorithm);
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        executor.shutdownNow();
    }
}
