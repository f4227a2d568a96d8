package dev.backendkatas.pubsub;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Reads and writes STOMP 1.2 frames; the rules are in the stub's Javadoc. */
public final class StompCodec {

    private static final int NUL = 0;
    private static final int LF = '\n';
    private static final int CR = '\r';

    private final StompLimits limits;

    public StompCodec(StompLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public StompFrame read(InputStream in) throws IOException, StompProtocolException {
        int first = skipHeartBeats(in);
        if (first == -1) {
            return null;
        }
        String command = decode(readLine(in, first), "command");
        // CONNECT and CONNECTED are read before the version is agreed, so they carry no escape sequences (1.2 spec).
        boolean escaped = !command.equals("CONNECT") && !command.equals("CONNECTED");
        Map<String, String> headers = new LinkedHashMap<>();
        int count = 0;
        for (byte[] line = readLine(in, in.read()); line.length > 0; line = readLine(in, in.read())) {
            if (++count > limits.maxHeaders()) {
                throw new StompProtocolException("too many headers: the limit is " + limits.maxHeaders());
            }
            String text = decode(line, "header");
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new StompProtocolException("a header line is a non-empty name, a colon and a value: " + text);
            }
            String name = text.substring(0, colon);
            String value = text.substring(colon + 1);
            if (escaped) {
                name = unescape(name);
                value = unescape(value);
            }
            headers.putIfAbsent(name, value); // repeated header: the first entry wins
        }
        return new StompFrame(command, headers, readBody(in, headers.get("content-length")));
    }

    /** Skips EOLs (heart-beats) before a frame; returns the first byte of the frame, or -1 at a clean end. */
    private static int skipHeartBeats(InputStream in) throws IOException, StompProtocolException {
        while (true) {
            int b = in.read();
            if (b == CR) {
                requireLf(in);
            } else if (b != LF) {
                return b;
            }
        }
    }

    private static void requireLf(InputStream in) throws IOException, StompProtocolException {
        int next = in.read();
        if (next == -1) {
            throw new EOFException("the stream ended after a CR");
        }
        if (next != LF) {
            throw new StompProtocolException("CR not followed by LF");
        }
    }

    /** One line without its EOL ({@code \n} or {@code \r\n}); {@code first} is its first byte, already read. */
    private byte[] readLine(InputStream in, int first) throws IOException, StompProtocolException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = first; ; b = in.read()) {
            if (b == -1) {
                throw new EOFException("the stream ended inside a frame's headers");
            }
            if (b == LF) {
                return line.toByteArray();
            }
            if (b == CR) {
                requireLf(in);
                return line.toByteArray();
            }
            if (b == NUL) {
                // Usually a frame sent without the empty line that ends its headers.
                throw new StompProtocolException("NUL before the end of the headers: a frame needs an empty line"
                        + " after its headers");
            }
            if (line.size() == limits.maxLineBytes()) {
                throw new StompProtocolException("line too long: the limit is " + limits.maxLineBytes() + " bytes");
            }
            line.write(b);
        }
    }

    private byte[] readBody(InputStream in, String contentLength) throws IOException, StompProtocolException {
        if (contentLength != null) {
            int length = parseLength(contentLength);
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new EOFException("the stream ended inside a body of " + length + " bytes");
            }
            int end = in.read();
            if (end == -1) {
                throw new EOFException("the stream ended before the frame's NUL");
            }
            if (end != NUL) {
                throw new StompProtocolException("no NUL after the " + length + " body bytes of content-length");
            }
            return body;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int b = in.read(); b != NUL; b = in.read()) {
            if (b == -1) {
                throw new EOFException("the stream ended inside a body");
            }
            if (body.size() == limits.maxBodyBytes()) {
                throw new StompProtocolException("body too long: the limit is " + limits.maxBodyBytes() + " bytes");
            }
            body.write(b);
        }
        return body.toByteArray();
    }

    /**
     * Digits only: {@code Integer.parseInt} would also take {@code +3} and {@code -1}. Checking the limit digit by
     * digit means no number of digits can overflow, and leading zeros cost nothing.
     */
    private int parseLength(String value) throws StompProtocolException {
        if (value.isEmpty()) {
            throw new StompProtocolException("content-length is empty");
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new StompProtocolException("content-length is not a decimal number of octets: " + value);
            }
            length = length * 10 + (c - '0');
            if (length > limits.maxBodyBytes()) {
                throw new StompProtocolException("body too long: content-length " + value + " is over the limit of "
                        + limits.maxBodyBytes() + " bytes");
            }
        }
        return (int) length;
    }

    /** Strict UTF-8: a malformed sequence is an error, not a replacement character. */
    private static String decode(byte[] bytes, String what) throws StompProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new StompProtocolException(what + " is not valid UTF-8");
        }
    }

    private static String unescape(String text) throws StompProtocolException {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 == text.length()) {
                throw new StompProtocolException("a header ends in the middle of an escape sequence");
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                case 'c' -> out.append(':');
                case '\\' -> out.append('\\');
                default -> throw new StompProtocolException("undefined escape sequence \\" + next + " in a header");
            }
        }
        return out.toString();
    }

    public byte[] encode(StompFrame frame) {
        boolean escaped = !frame.command().equals("CONNECT") && !frame.command().equals("CONNECTED");
        StringBuilder head = new StringBuilder(frame.command()).append('\n');
        frame.headers().forEach((name, value) -> {
            if (escaped) {
                head.append(escape(name)).append(':').append(escape(value)).append('\n');
            } else {
                requireWritableUnescaped(name, value);
                head.append(name).append(':').append(value).append('\n');
            }
        });
        head.append('\n');
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = frame.body();
        byte[] out = new byte[headBytes.length + body.length + 1]; // the last byte stays 0: the NUL
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }

    private static void requireWritableUnescaped(String name, String value) {
        if (name.contains(":") || (name + value).contains("\n") || (name + value).contains("\r")) {
            throw new IllegalArgumentException("CONNECT and CONNECTED headers are not escaped, so they cannot carry"
                    + " CR, LF or (in a name) a colon: " + name + ":" + value);
        }
    }

    /** Backslash first, or the backslashes of the other escapes would be escaped again. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace(":", "\\c");
    }

    public void write(StompFrame frame, OutputStream out) throws IOException {
        out.write(encode(frame));
    }
}
