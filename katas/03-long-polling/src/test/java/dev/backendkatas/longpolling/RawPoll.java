package dev.backendkatas.longpolling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One long poll on its own raw socket: cheap enough to hold hundreds, and able to hang up abruptly like a phone that
 * lost its network.
 */
final class RawPoll implements AutoCloseable {

    private final Socket socket;
    private final String request;

    private RawPoll(Socket socket, String request) {
        this.socket = socket;
        this.request = request;
    }

    /** Connects and sends {@code GET pathAndQuery}; the answer is read later. */
    static RawPoll send(int port, String pathAndQuery) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(8_000);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new RawPoll(socket, "GET " + pathAndQuery);
    }

    /** Reads one response: its status line, headers and Content-Length body, as text. */
    Response read() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(request + ": the connection closed before a whole response header arrived: "
                        + Visible.visible(head.toString(StandardCharsets.ISO_8859_1)));
            }
            head.write(b);
        }
        String header = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(header.substring(9, 12));
        int length = 0;
        for (String line : header.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return new Response(status, header, new String(body, StandardCharsets.UTF_8));
    }

    /** Hangs up with a reset (SO_LINGER 0): the server's next write to this connection fails. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(int status, String header, String body) {
        @Override
        public String toString() {
            return Visible.visible(header) + body;
        }
    }
}
