package dev.backendkatas.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
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
import java.util.Map;

/**
 * A bare STOMP client on a plain socket: it writes bytes exactly as given (optionally one byte at a time) and reads
 * frames by hand, independently of the kata's codec, so tests see the wire as it is. Header values stay as they were
 * on the wire (escaped).
 */
final class StompTestClient implements AutoCloseable {

    /** A frame as read off the wire; header values are raw (still escaped). */
    record Frame(String command, List<Map.Entry<String, String>> headers, byte[] body, byte[] raw) {

        /** The first value of header {@code name}, raw; {@code null} if absent. */
        String header(String name) {
            return headers.stream().filter(h -> h.getKey().equals(name)).map(Map.Entry::getValue).findFirst()
                    .orElse(null);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return Visible.of(raw);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    StompTestClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects and checks the CONNECTED answer. */
    static StompTestClient connected(int port) throws IOException {
        StompTestClient client = new StompTestClient(port);
        client.send("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0");
        Frame connected = client.read();
        assertThat(connected.command()).as("answer to CONNECT: %s", connected).isEqualTo("CONNECTED");
        return client;
    }

    StompTestClient send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.UTF_8));
    }

    StompTestClient send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    /** Writes one byte at a time, flushing each: the server sees the frame arrive in 1-byte TCP segments. */
    StompTestClient sendByteByByte(String raw) throws IOException {
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
            out.flush();
        }
        return this;
    }

    /**
     * Reads the next frame: skips heart-beat EOLs, reads the command and header lines, then a body of
     * {@code content-length} bytes and its NUL, or a body up to the NUL. Waits at most the socket timeout.
     */
    Frame read() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int b = in.read();
        while (b == '\n' || b == '\r') {
            b = in.read();
        }
        if (b == -1) {
            throw new EOFException("the server closed the connection instead of sending a frame");
        }
        String command = readLine(b, raw);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line = readLine(in.read(), raw); !line.isEmpty(); line = readLine(in.read(), raw)) {
            int colon = line.indexOf(':');
            headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1)));
        }
        String length = headers.stream().filter(h -> h.getKey().equals("content-length")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        byte[] body;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
            raw.writeBytes(body);
            int nul = in.read();
            if (nul != 0) {
                throw new IOException("no NUL after content-length " + length + " bytes, got " + nul + " after "
                        + Visible.of(raw.toByteArray()));
            }
        } else {
            ByteArrayOutputStream collected = new ByteArrayOutputStream();
            for (int c = in.read(); c != 0; c = in.read()) {
                if (c == -1) {
                    throw new EOFException("the stream ended inside a frame: " + Visible.of(raw.toByteArray()));
                }
                collected.write(c);
            }
            body = collected.toByteArray();
            raw.writeBytes(body);
        }
        raw.write(0);
        return new Frame(command, headers, body, raw.toByteArray());
    }

    /** Reads frames until one has the command {@code command}; returns it (frames before it are skipped). */
    Frame readUntil(String command) throws IOException {
        for (int i = 0; i < 10_000; i++) {
            Frame frame = read();
            if (frame.command().equals(command)) {
                return frame;
            }
        }
        throw new IOException("no " + command + " frame in 10,000 frames");
    }

    private String readLine(int first, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = first; b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new EOFException("the stream ended inside a frame: " + Visible.of(raw.toByteArray()));
            }
            raw.write(b);
            line.write(b);
        }
        raw.write('\n');
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
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

    /** Drops the connection without DISCONNECT, as a crashing client would. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
