package dev.backendkatas.chunkedupload;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client on a socket: it sends a request exactly as written (hostile targets and headers included,
 * which the JDK HttpClient would refuse or normalise) and reads one response by hand. It can also stop in the middle
 * of a body and vanish, as a client whose network died.
 */
final class RawHttp implements AutoCloseable {

    /** A response as read off the wire; header names lower-cased. */
    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        /** The status, the body first (it says why), then the headers but Date. */
        @Override
        public String toString() {
            Map<String, List<String>> shown = new LinkedHashMap<>(headers);
            shown.remove("date");
            return status + (body.isEmpty() ? "" : " \"" + body.strip() + "\"") + " " + shown;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** One request on a fresh connection: head (request line and headers, without the final CRLF) and body. */
    static Response exchange(int port, String method, String head, byte[] body) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            http.send(head, body);
            return http.readResponse(method.equals("HEAD"));
        }
    }

    RawHttp send(String head, byte[] body) throws IOException {
        out.write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return this;
    }

    RawHttp sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    Response readResponse(boolean head) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("the server closed the connection instead of answering");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String line;
        while ((line = readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        String length = headers.containsKey("content-length") ? headers.get("content-length").get(0) : "0";
        byte[] body = head || status == 204 || status == 304 ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Closes the socket at once: to the server, a client that vanished. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
