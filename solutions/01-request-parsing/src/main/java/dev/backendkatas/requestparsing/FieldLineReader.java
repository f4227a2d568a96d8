package dev.backendkatas.requestparsing;

import static dev.backendkatas.requestparsing.HttpChars.CR;
import static dev.backendkatas.requestparsing.HttpChars.LF;
import static dev.backendkatas.requestparsing.HttpChars.show;

/**
 * Reads the field lines of a header or trailer section one byte at a time (RFC 9112 §5, RFC 9110 §5), up to the empty
 * line that ends the section.
 *
 * <p>It counts the section's bytes as they arrive and refuses the first byte beyond the limit, so a section that never
 * ends costs at most the limit in memory. Only the current line is held: name and value share one buffer, the value's
 * leading whitespace is never stored and its trailing whitespace is cut off by remembering where the last
 * non-whitespace byte was.
 */
final class FieldLineReader {

    /** What a byte completed. */
    enum Event { NOTHING, FIELD_LINE, END_OF_SECTION }

    private enum State { LINE_START, NAME, VALUE_START, VALUE, FIELD_LF, END_LF }

    private final int maxSectionSize;
    private final String sectionName;
    private final ByteAccumulator line = new ByteAccumulator(128);

    private State state = State.LINE_START;
    private int sectionSize;
    private long lineStart;
    private int nameLength;
    private int valueEnd;

    /**
     * @param maxSectionSize the most bytes of field lines, CRLFs included, the final empty line not
     * @param sectionName    "header" or "trailer", for messages
     */
    FieldLineReader(int maxSectionSize, String sectionName) {
        this.maxSectionSize = maxSectionSize;
        this.sectionName = sectionName;
    }

    /** Makes ready for a new section. */
    void reset() {
        state = State.LINE_START;
        sectionSize = 0;
    }

    /** Takes the byte at stream offset {@code at} and says what it completed. */
    Event accept(byte b, long at) throws HttpParseException {
        // Every byte of a field line counts, its CRLF too; only the CRLF of the final empty line does not.
        boolean endsSection = state == State.END_LF || (state == State.LINE_START && b == CR);
        if (!endsSection) {
            if (sectionSize == maxSectionSize) {
                throw new HttpParseException(431, at,
                        "the " + sectionName + " section is longer than " + maxSectionSize + " bytes (RFC 6585 §5)");
            }
            sectionSize++;
        }
        switch (state) {
            case LINE_START -> {
                if (b == CR) {
                    state = State.END_LF;
                } else if (HttpChars.isTchar(b)) {
                    lineStart = at;
                    line.clear();
                    line.append(b);
                    state = State.NAME;
                } else {
                    throw badLineStart(b, at);
                }
            }
            case NAME -> {
                if (HttpChars.isTchar(b)) {
                    line.append(b);
                } else if (b == ':') {
                    nameLength = line.size();
                    valueEnd = nameLength;
                    state = State.VALUE_START;
                } else {
                    throw badNameByte(b, at);
                }
            }
            case VALUE_START -> {
                if (!HttpChars.isWhitespace(b)) {
                    state = State.VALUE;
                    acceptValueByte(b, at);
                }
            }
            case VALUE -> acceptValueByte(b, at);
            case FIELD_LF -> {
                if (b != LF) {
                    throw RequestLineParser.crWithoutLf(b, at);
                }
                state = State.LINE_START;
                return Event.FIELD_LINE;
            }
            case END_LF -> {
                if (b != LF) {
                    throw RequestLineParser.crWithoutLf(b, at);
                }
                state = State.LINE_START;
                return Event.END_OF_SECTION;
            }
        }
        return Event.NOTHING;
    }

    /** The name of the line just completed, as sent. */
    String name() {
        return line.text(0, nameLength);
    }

    /** The value of the line just completed, without its surrounding whitespace. */
    String value() {
        return line.text(nameLength, valueEnd);
    }

    /** The stream offset of the first byte of the line just completed. */
    long lineStart() {
        return lineStart;
    }

    private void acceptValueByte(byte b, long at) throws HttpParseException {
        if (HttpChars.isFieldVchar(b)) {
            line.append(b);
            valueEnd = line.size();
        } else if (HttpChars.isWhitespace(b)) {
            line.append(b); // kept in case more value follows; valueEnd leaves it out if nothing does
        } else if (b == CR) {
            state = State.FIELD_LF;
        } else if (b == LF) {
            throw RequestLineParser.bareLf(at);
        } else {
            throw new HttpParseException(400, at,
                    show(b) + " in a field value: control bytes other than HTAB are not allowed (RFC 9110 §5.5)");
        }
    }

    private HttpParseException badLineStart(byte b, long at) {
        if (HttpChars.isWhitespace(b)) {
            return new HttpParseException(400, at, "a " + sectionName + " line starts with whitespace: obsolete line"
                    + " folding, or whitespace before the first field (RFC 9112 §5.2, §2.2)");
        }
        if (b == ':') {
            return new HttpParseException(400, at, "a field line with an empty name (RFC 9112 §5)");
        }
        if (b == LF) {
            return RequestLineParser.bareLf(at);
        }
        return new HttpParseException(400, at, show(b) + " cannot start a field name (RFC 9110 §5.1)");
    }

    private HttpParseException badNameByte(byte b, long at) {
        if (HttpChars.isWhitespace(b)) {
            return new HttpParseException(400, at, "whitespace in a field name or between the name and the colon"
                    + " (RFC 9112 §5.1)");
        }
        if (b == CR) {
            return new HttpParseException(400, at, "a field line without a colon (RFC 9112 §5)");
        }
        if (b == LF) {
            return RequestLineParser.bareLf(at);
        }
        return new HttpParseException(400, at, show(b) + " in a field name (RFC 9110 §5.1)");
    }
}
