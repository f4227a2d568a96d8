package dev.backendkatas.requestparsing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An incremental HTTP/1.1 request parser for the byte stream of one connection (RFC 9112, RFC 9110).
 *
 * <p>TCP delivers a stream of bytes, not messages: a read may return half a request line, or the end of one request
 * and the start of the next. Feed this parser whatever arrived, split anywhere (even one byte at a time); it returns
 * each request as soon as its last byte is in and keeps the bytes that follow for the next one (pipelining,
 * RFC 9112 §9.3.2). It never returns a truncated request: a request whose body has not fully arrived stays inside.
 *
 * <h2>Line endings</h2>
 * Lines end with CRLF. A bare LF, or a CR not followed by LF, anywhere in the request line, a field line or a chunk
 * line is rejected with 400. RFC 9112 §2.2 lets a recipient accept a bare LF; this parser does not, because parsers
 * that disagree about where a line ends are how requests get smuggled. Empty lines (CRLF) received before a request
 * line are skipped (RFC 9112 §2.2).
 *
 * <h2>Stage 1 — The request line (RFC 9112 §3)</h2>
 * {@code method SP request-target SP HTTP-version CRLF}, with exactly one space between the parts.
 * <ul>
 *   <li>method: one or more {@code tchar} (RFC 9110 §5.6.2); case-sensitive; unknown methods are accepted. Longer than
 *       {@link ParserLimits#maxMethodLength()} → 501.</li>
 *   <li>request-target: one or more visible ASCII characters (0x21–0x7E). Its form (RFC 9112 §3.2): {@code *} is the
 *       asterisk-form and only OPTIONS may use it; CONNECT must use the authority-form {@code host:port} (port
 *       required, digits); a target starting with {@code /} is the origin-form; anything else must be an absolute URI,
 *       {@code scheme ":" ...} with a scheme of a letter followed by letters, digits, {@code + - .}. Otherwise 400.
 *       Longer than {@link ParserLimits#maxTargetLength()} → 414.</li>
 *   <li>HTTP-version: exactly {@code HTTP/} digit {@code .} digit, case-sensitive (RFC 9112 §2.3), else 400.
 *       A major version other than 1 → 505. {@link HttpRequest#version()} keeps the digits as sent; any 1.x with
 *       x ≥ 1 is treated as HTTP/1.1 (Host required, persistent by default).</li>
 * </ul>
 *
 * <h2>Stage 2 — Header fields (RFC 9112 §5, RFC 9110 §5)</h2>
 * Each field line is {@code field-name ":" OWS field-value OWS CRLF}; the section ends with an empty line.
 * <ul>
 *   <li>The name is one or more {@code tchar}, kept as sent. Whitespace between name and colon → 400 (§5.1).
 *       A line without a colon, or with an empty name → 400.</li>
 *   <li>Leading and trailing spaces and tabs of the value are removed. A value may contain spaces, tabs, visible ASCII
 *       and bytes 0x80–0xFF (decoded as ISO-8859-1); any other control byte (CR, LF, NUL among them) → 400.</li>
 *   <li>A line that starts with a space or tab is obsolete line folding (§5.2) or whitespace before the first field
 *       (§2.2) → 400.</li>
 *   <li>Repeated fields are all kept, in order.</li>
 *   <li>{@code Host} (§3.2): an HTTP/1.1 request without one → 400; a request of any version with more than one
 *       → 400. A Host value may contain only letters, digits and {@code - . _ ~ ! $ & ' ( ) * + , ; = % : [ ]};
 *       anything else → 400.</li>
 *   <li>More than {@link ParserLimits#maxHeaderSectionSize()} bytes of field lines → 431, detected as the bytes arrive:
 *       a header section that never ends is refused without buffering it.</li>
 * </ul>
 *
 * <h2>Stage 3 — A body framed by Content-Length (RFC 9112 §6.2, §6.3; RFC 9110 §8.6)</h2>
 * <ul>
 *   <li>The value is one or more decimal digits: no sign, no hex, not empty; leading zeros are decimal ({@code 010}
 *       is ten). Otherwise 400.</li>
 *   <li>Repeated fields, or a comma-separated list, are accepted only when every value is the same number; differing
 *       values → 400.</li>
 *   <li>More than {@link ParserLimits#maxBodySize()} → 413 as soon as the header section ends, before any body byte
 *       is awaited; a length too large for a {@code long} is also 413, never an overflow.</li>
 *   <li>No Content-Length and no Transfer-Encoding: the request has no body.</li>
 * </ul>
 *
 * <h2>Stage 4 — Chunked transfer coding (RFC 9112 §7.1, §6.1, §6.3)</h2>
 * <ul>
 *   <li>{@code Transfer-Encoding} is a comma-separated list of codings, names case-insensitive, over all its field
 *       lines; empty list elements are ignored. If the last coding is not {@code chunked} → 400. {@code chunked}
 *       more than once → 400. Any other coding (this parser decodes only chunked) → 501.</li>
 *   <li>Transfer-Encoding in an HTTP/1.0 request → 400 (§6.1). Content-Length together with Transfer-Encoding → 400
 *       (§6.1 allows rejecting it, and the connection closes anyway: it is the request-smuggling defence).</li>
 *   <li>Each chunk: a size in hex digits (either case, leading zeros allowed), then optional extensions, each
 *       starting with {@code ;} and with spaces or tabs allowed before it (§7.1.1: ignored, but no control bytes
 *       other than tab), CRLF, that many data bytes, CRLF. A size line longer than
 *       {@link ParserLimits#maxChunkLineLength()} → 400. The last chunk has size zero; then trailer field lines (the
 *       same rules and size limit as a header section, kept in {@link HttpRequest#trailers()}) and an empty line.</li>
 *   <li>Total body bytes over {@link ParserLimits#maxBodySize()} → 413, detected from the chunk size before its data
 *       arrives; a size too large for a {@code long} is also 413.</li>
 * </ul>
 *
 * <h2>Stage 5 — A byte stream, not a message (RFC 9112 §9.3)</h2>
 * Any split of the input yields the same requests; pipelined requests come out in order; bytes after a complete
 * request belong to the next one. {@link HttpRequest#keepAlive()}: HTTP/1.1 keeps the connection open unless a
 * {@code Connection} field lists {@code close}; HTTP/1.0 only when it lists {@code keep-alive} and not
 * {@code close}. {@code Connection} is a comma-separated list of case-insensitive options.
 *
 * <h2>Errors</h2>
 * The first violation throws {@link HttpParseException} with the status above and an offset counted from the first
 * byte ever fed to this parser:
 * <ul>
 *   <li>a byte that breaks the syntax: that byte (for a bare CR, the byte after it, which should have been LF);</li>
 *   <li>a length limit: the first byte beyond the limit; but a Content-Length or chunk size over the body limit
 *       points at the first byte of its field line or chunk-size line;</li>
 *   <li>a well-formed element whose meaning is refused: its first byte. That is the version (505), the target (a
 *       form its method may not use), or the field line (a bad or conflicting Content-Length, a repeated or invalid
 *       Host, a Transfer-Encoding that is refused or that meets a Content-Length: the later of the lines at fault);</li>
 *   <li>a missing Host: the CR of the empty line that ends the header section.</li>
 * </ul>
 * When the same bytes completed valid requests before the violation, the exception carries them
 * ({@link HttpParseException#requestsBefore()}): they are owed their responses before the error response.
 * After an error the connection must close: every later call to {@code feed} throws {@link IllegalStateException}.
 *
 * <p>Not thread-safe: one parser serves one connection, read by one thread.
 */
public final class RequestParser {

    /*
     * How it works: a state machine over the byte stream. Each byte is looked at once, when it arrives, by the part
     * that owns the current element (request line, header section, body), and the state between two calls to feed is
     * a handful of fields plus the bytes of the element under way, each bounded by its limit. Nothing is re-scanned, so
     * feeding n bytes costs O(n) however they are split, and the offset of every byte is known as it goes by.
     */

    /** The largest body a byte array can hold: a larger limit could never be honoured. */
    private static final long MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;
    /** Bodies grow from here as their bytes arrive, not to the size a client announces. */
    private static final int INITIAL_BODY_CAPACITY = 16 * 1024;

    private enum Phase { REQUEST_LINE, HEADERS, FIXED_LENGTH_BODY, CHUNKED_BODY }

    private final ParserLimits limits;
    private final long maxBodySize;
    private final RequestLineParser requestLineParser;
    private final FieldLineReader headerReader;
    private final ChunkedBodyDecoder chunkedDecoder;

    private Phase phase = Phase.REQUEST_LINE;
    /** The stream offset of the next byte: how many bytes were fed before it. */
    private long position;

    private RequestLine requestLine;
    private HeaderSemantics headerSemantics;
    private ByteAccumulator fixedLengthBody;
    private long bodyRemaining;

    /** The error already thrown: the parser is done. */
    private HttpParseException failure;

    /** A parser with {@link ParserLimits#DEFAULTS}. */
    public RequestParser() {
        this(ParserLimits.DEFAULTS);
    }

    /** A parser that enforces these limits. */
    public RequestParser(ParserLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.maxBodySize = Math.min(limits.maxBodySize(), MAX_ARRAY_SIZE);
        this.requestLineParser = new RequestLineParser(limits);
        this.headerReader = new FieldLineReader(limits.maxHeaderSectionSize(), "header");
        this.chunkedDecoder = new ChunkedBodyDecoder(limits, maxBodySize);
    }

    /** Same as {@code feed(bytes, 0, bytes.length)}. */
    public List<HttpRequest> feed(byte[] bytes) throws HttpParseException {
        return feed(bytes, 0, bytes.length);
    }

    /**
     * Takes the next bytes of the stream and returns every request they complete, in order (often none, sometimes
     * several). Bytes that do not finish a request are kept for the next call.
     *
     * @throws HttpParseException    the stream breaks a rule (see the class description); the parser is then failed
     * @throws IllegalStateException the parser failed earlier
     * @throws IndexOutOfBoundsException offset and length do not fit the array
     */
    public List<HttpRequest> feed(byte[] bytes, int offset, int length) throws HttpParseException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (failure != null) {
            throw new IllegalStateException("the parser failed earlier and the connection must close: "
                    + failure.getMessage(), failure);
        }
        List<HttpRequest> completed = new ArrayList<>();
        try {
            parse(bytes, offset, offset + length, completed);
        } catch (HttpParseException e) {
            // Requests that these bytes completed before the bad ones are valid and owed a response: they travel
            // with the error rather than being lost with it.
            failure = completed.isEmpty() ? e : e.withRequestsBefore(completed);
            throw failure;
        }
        return completed;
    }

    /**
     * Whether bytes of an unfinished request are held (empty lines before a request line do not count). A server uses
     * it when the client goes quiet or away: mid-request is worth a 408 or a log line, between requests is not.
     */
    public boolean hasPartialRequest() {
        return phase != Phase.REQUEST_LINE || requestLineParser.started();
    }

    /** The limits this parser enforces. */
    public ParserLimits limits() {
        return limits;
    }

    private void parse(byte[] bytes, int from, int to, List<HttpRequest> completed) throws HttpParseException {
        int i = from;
        while (i < to) {
            switch (phase) {
                case REQUEST_LINE -> {
                    if (requestLineParser.accept(bytes[i++], position++)) {
                        startHeaderSection();
                    }
                }
                case HEADERS -> {
                    long at = position++;
                    switch (headerReader.accept(bytes[i++], at)) {
                        case FIELD_LINE -> headerSemantics.add(
                                headerReader.name(), headerReader.value(), headerReader.lineStart());
                        case END_OF_SECTION -> endHeaderSection(at - 1, completed); // at - 1: the CR before this LF
                        case NOTHING -> { }
                    }
                }
                case FIXED_LENGTH_BODY -> {
                    int n = (int) Math.min(to - i, bodyRemaining);
                    fixedLengthBody.append(bytes, i, n);
                    i += n;
                    position += n;
                    bodyRemaining -= n;
                    if (bodyRemaining == 0) {
                        complete(fixedLengthBody.toByteArray(), HeaderFields.empty(), completed);
                    }
                }
                case CHUNKED_BODY -> {
                    int next = chunkedDecoder.decode(bytes, i, to, position);
                    position += next - i;
                    i = next;
                    if (chunkedDecoder.done()) {
                        complete(chunkedDecoder.body(), chunkedDecoder.trailers(), completed);
                    }
                }
            }
        }
    }

    private void startHeaderSection() {
        requestLine = requestLineParser.result();
        headerSemantics = new HeaderSemantics(requestLine.version(), maxBodySize);
        headerReader.reset();
        phase = Phase.HEADERS;
    }

    /** @param emptyLineCr the offset of the CR of the empty line that ended the header section */
    private void endHeaderSection(long emptyLineCr, List<HttpRequest> completed) throws HttpParseException {
        headerSemantics.finish(emptyLineCr);
        if (headerSemantics.chunked()) {
            chunkedDecoder.start();
            phase = Phase.CHUNKED_BODY;
        } else if (headerSemantics.contentLength() > 0) {
            bodyRemaining = headerSemantics.contentLength();
            fixedLengthBody = new ByteAccumulator((int) Math.min(bodyRemaining, INITIAL_BODY_CAPACITY));
            phase = Phase.FIXED_LENGTH_BODY;
        } else {
            complete(new byte[0], HeaderFields.empty(), completed);
        }
    }

    private void complete(byte[] body, HeaderFields trailers, List<HttpRequest> completed) {
        completed.add(new HttpRequest(requestLine.method(), requestLine.target(), requestLine.targetForm(),
                requestLine.version(), headerSemantics.headers(), body, trailers, headerSemantics.keepAlive()));
        requestLineParser.reset();
        requestLine = null;
        headerSemantics = null;
        fixedLengthBody = null;
        phase = Phase.REQUEST_LINE;
    }
}
