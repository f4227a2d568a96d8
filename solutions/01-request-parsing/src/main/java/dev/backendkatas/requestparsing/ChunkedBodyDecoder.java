package dev.backendkatas.requestparsing;

import static dev.backendkatas.requestparsing.HttpChars.CR;
import static dev.backendkatas.requestparsing.HttpChars.LF;
import static dev.backendkatas.requestparsing.HttpChars.show;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes the chunked transfer coding from a body as its bytes arrive (RFC 9112 §7.1): chunk-size lines, chunk data,
 * the last chunk and the trailer section.
 *
 * <p>Chunk lines are not buffered at all (their extensions are ignored), only counted against their limit; data is
 * copied in bulk. A chunk whose size would take the body past its limit is refused when its size line ends, before
 * any of its data is awaited.
 */
final class ChunkedBodyDecoder {

    private enum State { SIZE_START, SIZE, SIZE_WHITESPACE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILERS, DONE }

    /** Beyond this, one more hex digit would overflow a long. */
    private static final long MAX_SIZE_BEFORE_SHIFT = Long.MAX_VALUE >>> 4;

    private final int maxLineLength;
    private final long maxBodySize;
    private final FieldLineReader trailerReader;

    private State state = State.DONE;
    private ByteAccumulator body;
    private List<HeaderField> trailers;
    private int lineLength;
    private long lineStart;
    private long chunkSize;
    private boolean chunkSizeOverflows;
    private long remaining;

    /**
     * @param maxBodySize the most decoded body bytes
     */
    ChunkedBodyDecoder(ParserLimits limits, long maxBodySize) {
        this.maxLineLength = limits.maxChunkLineLength();
        this.maxBodySize = maxBodySize;
        this.trailerReader = new FieldLineReader(limits.maxHeaderSectionSize(), "trailer");
    }

    /** Starts a new body. */
    void start() {
        state = State.SIZE_START;
        body = new ByteAccumulator(1024);
        trailers = new ArrayList<>();
    }

    /**
     * Decodes {@code bytes[from..to)}, whose first byte is at stream offset {@code at}, and stops right after the last
     * byte of the body (the CRLF that ends the trailer section); what follows belongs to the next request.
     *
     * @return the index after the last byte consumed
     */
    int decode(byte[] bytes, int from, int to, long at) throws HttpParseException {
        int i = from;
        while (i < to && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(to - i, remaining);
                body.append(bytes, i, n);
                i += n;
                remaining -= n;
                if (remaining == 0) {
                    state = State.DATA_CR;
                }
            } else {
                long offset = at + (i - from);
                accept(bytes[i++], offset);
            }
        }
        return i;
    }

    boolean done() {
        return state == State.DONE;
    }

    byte[] body() {
        return body.toByteArray();
    }

    HeaderFields trailers() {
        return HeaderFields.of(trailers);
    }

    private void accept(byte b, long at) throws HttpParseException {
        switch (state) {
            case SIZE_START, SIZE, SIZE_WHITESPACE, EXTENSION -> acceptChunkLineByte(b, at);
            case SIZE_LF -> {
                if (b != LF) {
                    throw RequestLineParser.crWithoutLf(b, at);
                }
                endOfChunkLine();
            }
            case DATA_CR -> {
                if (b != CR) {
                    throw new HttpParseException(400, at, show(b) + " where CRLF must follow the " + chunkSize
                            + " bytes of chunk data announced (RFC 9112 §7.1)");
                }
                state = State.DATA_LF;
            }
            case DATA_LF -> {
                if (b != LF) {
                    throw RequestLineParser.crWithoutLf(b, at);
                }
                state = State.SIZE_START;
            }
            case TRAILERS -> {
                switch (trailerReader.accept(b, at)) {
                    case FIELD_LINE -> trailers.add(new HeaderField(trailerReader.name(), trailerReader.value()));
                    case END_OF_SECTION -> state = State.DONE;
                    case NOTHING -> { }
                }
            }
            case DATA, DONE -> throw new IllegalStateException("no byte is accepted one by one in state " + state);
        }
    }

    /** {@code chunk-size [ BWS ";" chunk-ext ] CRLF}; the CR is not counted against the line limit. */
    private void acceptChunkLineByte(byte b, long at) throws HttpParseException {
        if (state == State.SIZE_START) {
            // The first byte of a chunk-size line: everything about the previous line is forgotten here.
            lineStart = at;
            lineLength = 0;
            chunkSizeOverflows = false;
        }
        if (b != CR) {
            if (lineLength == maxLineLength) {
                throw new HttpParseException(400, at,
                        "the chunk-size line is longer than " + maxLineLength + " bytes");
            }
            lineLength++;
        }
        if (b == LF) {
            throw RequestLineParser.bareLf(at);
        }
        int digit = HttpChars.hexValue(b);
        switch (state) {
            case SIZE_START -> {
                if (digit < 0) {
                    throw new HttpParseException(400, at,
                            show(b) + " where a chunk size in hex digits should start (RFC 9112 §7.1)");
                }
                chunkSize = digit;
                state = State.SIZE;
            }
            case SIZE -> {
                if (digit >= 0) {
                    // Guarded before shifting: a long run of hex digits must not wrap around into a small size.
                    if (chunkSize > MAX_SIZE_BEFORE_SHIFT) {
                        chunkSizeOverflows = true;
                    } else {
                        chunkSize = (chunkSize << 4) | digit;
                    }
                } else if (b == ';') {
                    state = State.EXTENSION;
                } else if (HttpChars.isWhitespace(b)) {
                    state = State.SIZE_WHITESPACE;
                } else if (b == CR) {
                    state = State.SIZE_LF;
                } else {
                    throw new HttpParseException(400, at, show(b) + " in a chunk size, which is hex digits"
                            + " followed by ';' extensions or CRLF (RFC 9112 §7.1)");
                }
            }
            case SIZE_WHITESPACE -> {
                if (b == ';') {
                    state = State.EXTENSION;
                } else if (!HttpChars.isWhitespace(b)) {
                    throw new HttpParseException(400, at, show(b) + " after whitespace that follows a chunk size:"
                            + " only a chunk extension (';') may come there (RFC 9112 §7.1.1)");
                }
            }
            case EXTENSION -> {
                if (b == CR) {
                    state = State.SIZE_LF;
                } else if (b != HttpChars.HTAB && ((b >= 0 && b < 0x20) || b == 0x7F)) {
                    throw new HttpParseException(400, at,
                            show(b) + " in a chunk extension: no control bytes but HTAB (RFC 9112 §7.1.1)");
                }
            }
            default -> throw new IllegalStateException("not in a chunk-size line: " + state);
        }
    }

    private void endOfChunkLine() throws HttpParseException {
        if (chunkSizeOverflows || chunkSize > maxBodySize - body.size()) {
            throw new HttpParseException(413, lineStart, "a chunk of "
                    + (chunkSizeOverflows ? "more than " + Long.MAX_VALUE : String.valueOf(chunkSize))
                    + " bytes takes the body over the limit of " + maxBodySize + " bytes (RFC 9110 §15.5.14)");
        }
        if (chunkSize == 0) {
            state = State.TRAILERS;
            trailerReader.reset();
        } else {
            remaining = chunkSize;
            state = State.DATA;
        }
    }
}
