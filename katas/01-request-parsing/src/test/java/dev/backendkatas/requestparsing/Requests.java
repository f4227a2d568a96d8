package dev.backendkatas.requestparsing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds raw requests to a fresh parser and checks the outcome, with failure messages that show the bytes. Tests write
 * inputs as Java strings: every byte is one char (ISO-8859-1), so {@code \r\n} is CRLF on the wire.
 */
final class Requests {

    /** A valid Host field line: every HTTP/1.1 request must carry one (RFC 9112 §3.2). */
    static final String HOST = "Host: example.com\r\n";

    private Requests() {
    }

    /** The limits of a parser built without any: tests narrow one of them with {@code withMax…}. */
    static ParserLimits limits() {
        return ParserLimits.DEFAULTS;
    }

    static byte[] bytes(String raw) {
        return raw.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Every request in {@code raw}, fed in one call. */
    static List<HttpRequest> parseAll(ParserLimits limits, String raw) throws HttpParseException {
        return new RequestParser(limits).feed(bytes(raw));
    }

    /** The single complete request that {@code raw} holds. */
    static HttpRequest parseOne(String raw) throws HttpParseException {
        return parseOne(ParserLimits.DEFAULTS, raw);
    }

    static HttpRequest parseOne(ParserLimits limits, String raw) throws HttpParseException {
        List<HttpRequest> requests = parseAll(limits, raw);
        assertThat(requests)
                .as("feeding %s should yield exactly one complete request", Visible.of(raw))
                .hasSize(1);
        return requests.get(0);
    }

    /** Feeds {@code raw} in one call and expects a refusal with {@code status}. */
    static HttpParseException rejected(String raw, int status) {
        return rejected(ParserLimits.DEFAULTS, raw, status);
    }

    static HttpParseException rejected(ParserLimits limits, String raw, int status) {
        return rejectedWhenFed(new RequestParser(limits), List.of(bytes(raw)), status, Visible.of(raw));
    }

    /** Feeds {@code raw} one byte per call and expects a refusal with {@code status}. */
    static HttpParseException rejectedByteAtATime(ParserLimits limits, String raw, int status) {
        byte[] all = bytes(raw);
        List<byte[]> pieces = new ArrayList<>();
        for (byte b : all) {
            pieces.add(new byte[] {b});
        }
        return rejectedWhenFed(new RequestParser(limits), pieces, status, Visible.of(raw) + " (one byte at a time)");
    }

    /** Feeds {@code raw} to a parser that has already seen other bytes and expects a refusal with {@code status}. */
    static HttpParseException rejectedWhenFed(RequestParser parser, byte[] raw, int status) {
        return rejectedWhenFed(parser, List.of(raw), status, Visible.of(raw));
    }

    private static HttpParseException rejectedWhenFed(RequestParser parser, List<byte[]> pieces, int status,
                                                      String shown) {
        List<HttpRequest> accepted = new ArrayList<>();
        for (byte[] piece : pieces) {
            try {
                accepted.addAll(parser.feed(piece));
            } catch (HttpParseException e) {
                assertThat(e.status())
                        .as("%s should be refused with %d; the parser said: %s", shown, status, e.getMessage())
                        .isEqualTo(status);
                return e;
            }
        }
        throw new AssertionError("%s should be refused with %d, but the parser %s".formatted(shown, status,
                accepted.isEmpty()
                        ? "threw nothing and is still waiting for more bytes"
                        : "accepted it: " + accepted));
    }

    /** Feeds {@code raw} and expects the refusal with {@code status} to point at byte {@code offset}. */
    static void rejectedAt(ParserLimits limits, String raw, int status, long offset) {
        HttpParseException e = rejected(limits, raw, status);
        assertThat(e.offset())
                .as("offset of the refusal of %s: the byte at %d is %s (message: %s)", Visible.of(raw), offset,
                        offset < raw.length() ? Visible.of(raw.substring((int) offset, (int) offset + 1)) : "past the end",
                        e.getMessage())
                .isEqualTo(offset);
    }

    static void rejectedAt(String raw, int status, long offset) {
        rejectedAt(ParserLimits.DEFAULTS, raw, status, offset);
    }
}
