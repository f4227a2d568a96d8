package dev.backendkatas.requestparsing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bare TCP client for the server tests: it writes bytes exactly as given and reads responses by hand, so a test can
 * pipeline, stop mid-request or watch the server close the connection.
 */
final class RawClient implements AutoCloseable {

    /** A response as read off the wire. */
    record RawResponse(int status, List<HeaderField> headers, String body) {
        String header(String name) {
            return headers.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(HeaderField::value)
                    .findFirst().orElse(null);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RawClient send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Reads one response: status line, header fields, and a body framed by Content-Length. */
    RawResponse readResponse() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("the server closed the connection instead of answering");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not a status line: " + Visible.of(statusLine));
        }
        int status = Integer.parseInt(parts[1]);
        List<HeaderField> headers = new ArrayList<>();
        int length = 0;
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            HeaderField field = new HeaderField(line.substring(0, colon), line.substring(colon + 1).strip());
            headers.add(field);
            if (field.name().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(field.value());
            }
        }
        byte[] body = in.readNBytes(length);
        return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Whether the server has closed the connection: the next read ends the stream (or the connection was reset).
     * Waits at most the socket timeout; a server that keeps the connection open makes this false.
     */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** Half-closes: the server reads the end of the stream, and the client can still read responses. */
    void finishSending() throws IOException {
        socket.shutdownOutput();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
