package dev.backendkatas.tlshandshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 6 of kata 08: a real server; the README section 'Stage 6 — A real server' teaches it. */
@Order(6)
@DisplayName("Stage 6 — A real server")
class Stage6RealServerTest {

    /** Generous: a busy machine is slow, but a server that says nothing for this long is not going to. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final String REQUEST = "GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    private static TrustPolicy trusting(JdkTlsServer server, String host) {
        return new TrustPolicy(List.of(server.certificate.certificate()), host, Clock.systemUTC());
    }

    /** Reads application data until the response holds its whole body. */
    private static String readResponse(TlsClient client) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        while (!response.toString(StandardCharsets.US_ASCII).endsWith(JdkTlsServer.BODY)) {
            byte[] data = client.read();
            assertThat(data).as("the server's close_notify came before the whole response: got '%s'",
                    response.toString(StandardCharsets.US_ASCII)).isNotNull();
            response.writeBytes(data);
        }
        return response.toString(StandardCharsets.US_ASCII);
    }

    @Test
    @Order(1)
    @DisplayName("completes a TLS 1.3 handshake with the JDK's SSLServerSocket and exchanges an HTTP/1.1 request")
    void talksToTheJdkServer() throws Exception {
        try (JdkTlsServer server = new JdkTlsServer()) {
            CompletableFuture<JdkTlsServer.Seen> seen = server.serveOne();
            try (TlsClient client = TlsClient.connect(server.connect(), trusting(server, "localhost"), TIMEOUT)) {
                assertThat(client.peerCertificates()).as("the server's chain, validated")
                        .containsExactly(server.certificate.certificate());
                assertThat(client.negotiatedGroup()).as("the JDK server takes the x25519 share: no retry")
                        .isEqualTo(TlsCodes.X25519);
                client.write(REQUEST.getBytes(StandardCharsets.US_ASCII));
                String response = readResponse(client);
                assertThat(response).as("the response, decrypted under the server application key")
                        .startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n" + JdkTlsServer.BODY);
            }
            JdkTlsServer.Seen onServer = seen.get(20, TimeUnit.SECONDS);
            assertThat(onServer.request()).as("what the JDK server decrypted").isEqualTo(REQUEST);
            assertThat(onServer.protocol()).isEqualTo("TLSv1.3");
            assertThat(onServer.cipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
        }
    }

    @Test
    @Order(2)
    @DisplayName("takes the NewSessionTicket the JDK sends after the handshake in stride (RFC 8446 §4.6.1)")
    void handlesNewSessionTicket() throws Exception {
        try (JdkTlsServer server = new JdkTlsServer()) {
            CompletableFuture<JdkTlsServer.Seen> seen = server.serveOne();
            try (TlsClient client = TlsClient.connect(server.connect(), trusting(server, "localhost"), TIMEOUT)) {
                client.write(REQUEST.getBytes(StandardCharsets.US_ASCII));
                readResponse(client);
                assertThat(client.sessionTicketsReceived())
                        .as("the JDK server sends a NewSessionTicket after the client Finished (psk_dhe_ke offered);"
                                + " it is a handshake message after the handshake, not an error")
                        .isGreaterThanOrEqualTo(1);
            }
            seen.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(3)
    @DisplayName("closes with close_notify, and reads the server's close_notify as the end (RFC 8446 §6.1)")
    void closesWithCloseNotify() throws Exception {
        try (JdkTlsServer server = new JdkTlsServer()) {
            CompletableFuture<JdkTlsServer.Seen> seen = server.serveOne();
            TlsClient client = TlsClient.connect(server.connect(), trusting(server, "localhost"), TIMEOUT);
            client.write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            readResponse(client);
            client.close();
            assertThat(seen.get(20, TimeUnit.SECONDS).afterResponse())
                    .as("the JDK server's next read after the response: a close_notify is a clean end of stream;"
                            + " a socket closed without one is a truncation the server reports")
                    .isEqualTo("end of stream");
        }
        try (JdkTlsServer server = new JdkTlsServer()) {
            CompletableFuture<JdkTlsServer.Seen> seen = server.serveOne(false);
            try (TlsClient client = TlsClient.connect(server.connect(), trusting(server, "localhost"), TIMEOUT)) {
                client.write(REQUEST.getBytes(StandardCharsets.US_ASCII));
                readResponse(client);
                assertThat(client.read()).as("the server closed after its response: its close_notify ends the data")
                        .isNull();
                assertThat(client.read()).as("and every read after it").isNull();
            }
            seen.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(4)
    @DisplayName("answers a HelloRetryRequest from a JDK server that refuses x25519, with secp256r1 (RFC 8446 §4.1.4)")
    void answersAHelloRetryRequest() throws Exception {
        try (JdkTlsServer server = new JdkTlsServer(true)) {
            CompletableFuture<JdkTlsServer.Seen> seen = server.serveOne();
            try (TlsClient client = TlsClient.connect(server.connect(), trusting(server, "localhost"), TIMEOUT)) {
                assertThat(client.negotiatedGroup()).as("the group of the key exchange after the retry: secp256r1")
                        .isEqualTo(TlsCodes.SECP256R1);
                client.write(REQUEST.getBytes(StandardCharsets.US_ASCII));
                assertThat(readResponse(client)).as("a whole exchange over keys from the second ClientHello, with the"
                        + " transcript restarted as message_hash ‖ HelloRetryRequest ‖ ClientHello2 (§4.4.1)")
                        .endsWith(JdkTlsServer.BODY);
            }
            assertThat(seen.get(20, TimeUnit.SECONDS).request()).isEqualTo(REQUEST);
        }
    }

    @Test
    @Order(5)
    @DisplayName("refuses the JDK server when it is not trusted or not the host, and tells it with an alert")
    void refusesAnUntrustedServer() throws Exception {
        try (JdkTlsServer server = new JdkTlsServer()) {
            CompletableFuture<String> onServer = server.failOne();
            TrustPolicy anotherCa = new TrustPolicy(List.of(TestCertificates.root("Kata CA").certificate()),
                    "localhost", Clock.systemUTC());
            Throwable thrown = catchThrowable(() -> TlsClient.connect(server.connect(), anotherCa, TIMEOUT));
            assertThat(thrown).as("a self-signed server the client does not trust").isInstanceOf(TlsAlertException.class);
            assertThat(((TlsAlertException) thrown).alert()).isEqualTo(AlertDescription.UNKNOWN_CA);
            assertThat(onServer.get(20, TimeUnit.SECONDS)).as("the JDK server received our alert")
                    .contains("unknown_ca");

            CompletableFuture<String> again = server.failOne();
            thrown = catchThrowable(() -> TlsClient.connect(server.connect(), trusting(server, "example.com"),
                    TIMEOUT));
            assertThat(thrown).as("a trusted certificate for localhost, reached as example.com")
                    .isInstanceOf(TlsAlertException.class);
            assertThat(((TlsAlertException) thrown).alert()).isEqualTo(AlertDescription.CERTIFICATE_UNKNOWN);
            assertThat(again.get(20, TimeUnit.SECONDS)).contains("certificate_unknown");
        }
    }

    @Test
    @Order(6)
    @DisplayName("a server that stops mid-handshake ends in a SocketTimeoutException, not a hang")
    void timesOutOnASilentServer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket silent = JdkTlsServer.plainServer()) {
            CompletableFuture<Integer> accepted = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = silent.accept()) {
                    InputStream in = socket.getInputStream();
                    int first = in.read(); // the ClientHello's first byte, then silence
                    release.await(20, TimeUnit.SECONDS);
                    return first;
                } catch (IOException | InterruptedException e) {
                    return -2;
                }
            });
            Socket socket = new Socket(silent.getInetAddress(), silent.getLocalPort());
            Throwable thrown = catchThrowable(() -> TlsClient.connect(socket, new TrustPolicy(
                    List.of(TestCertificates.root("Kata CA").certificate()), "localhost", Clock.systemUTC()),
                    Duration.ofMillis(300)));
            release.countDown();
            assertThat(thrown).as("the client waited 300 ms for a ServerHello that never comes")
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(socket.isClosed()).as("and closed its socket").isTrue();
            assertThat(accepted.get(20, TimeUnit.SECONDS)).as("the ClientHello record starts with 22 (handshake)")
                    .isEqualTo(22);
        }
    }

    @Test
    @Order(7)
    @DisplayName("a server that closes mid-handshake is an alert (decode_error), not a hang or a crash")
    void failsOnAServerThatHangsUp() throws Exception {
        try (ServerSocket rude = JdkTlsServer.plainServer()) {
            CompletableFuture.runAsync(() -> {
                try (Socket socket = rude.accept()) {
                    socket.getInputStream().read();
                    socket.getOutputStream().write(new byte[] {22, 3, 3, 0, 10, 2, 0}); // a ServerHello, cut short
                } catch (IOException e) {
                    // the test sees the result on the client's side
                }
            });
            Socket socket = new Socket(rude.getInetAddress(), rude.getLocalPort());
            Throwable thrown = catchThrowable(() -> TlsClient.connect(socket, new TrustPolicy(
                    List.of(TestCertificates.root("Kata CA").certificate()), "localhost", Clock.systemUTC()), TIMEOUT));
            assertThat(thrown).as("the stream ended inside a record").isInstanceOf(TlsAlertException.class);
            assertThat(((TlsAlertException) thrown).alert()).isEqualTo(AlertDescription.DECODE_ERROR);
            assertThat(socket.isClosed()).as("and the client closed its socket").isTrue();
        }
    }
}
