package dev.backendkatas.requestparsing;

import java.util.ArrayList;
import java.util.List;

/**
 * What the fields of one header section mean to the parser: how the body is framed (Content-Length,
 * Transfer-Encoding: RFC 9112 §6), the Host rule (§3.2) and whether the connection persists (§9.3).
 *
 * <p>Each field line is judged when it completes, so a refusal points at the line that caused it, and the first
 * violation in the stream is the one reported. What can only be known once the section is over (a missing Host, the
 * final coding, a body too large) is judged in {@link #finish}.
 */
final class HeaderSemantics {

    private final HttpVersion version;
    private final long maxBodySize;
    private final List<HeaderField> fields = new ArrayList<>();

    private boolean hostSeen;

    /** The Content-Length as sent without leading zeros, to compare repeats exactly, however long; null when absent. */
    private String contentLengthDigits;
    /** Its value, or -1 when it does not fit in a long. */
    private long contentLength;
    /** The stream offset of the first Content-Length line: a length over the limit is reported there. */
    private long contentLengthLine;

    private boolean transferEncodingSeen;
    /** The line of the last coding, or of the first Transfer-Encoding line while no coding has been seen. */
    private long lastCodingLine;
    private boolean chunkedSeen;
    private long firstUnsupportedCodingLine = -1;
    private String firstUnsupportedCoding;

    private boolean connectionClose;
    private boolean connectionKeepAlive;

    /**
     * @param maxBodySize the most body bytes this request may have
     */
    HeaderSemantics(HttpVersion version, long maxBodySize) {
        this.version = version;
        this.maxBodySize = maxBodySize;
    }

    /** Takes the next field line; {@code lineStart} is the stream offset of its first byte. */
    void add(String name, String value, long lineStart) throws HttpParseException {
        fields.add(new HeaderField(name, value));
        if (name.equalsIgnoreCase("Host")) {
            host(value, lineStart);
        } else if (name.equalsIgnoreCase("Content-Length")) {
            contentLength(value, lineStart);
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
            transferEncoding(value, lineStart);
        } else if (name.equalsIgnoreCase("Connection")) {
            for (String option : value.split(",", -1)) {
                String trimmed = HttpChars.trimOws(option);
                connectionClose |= trimmed.equalsIgnoreCase("close");
                connectionKeepAlive |= trimmed.equalsIgnoreCase("keep-alive");
            }
        }
    }

    /**
     * Judges what needs the whole section.
     *
     * @param emptyLineCr the stream offset of the CR of the empty line that ended the section
     */
    void finish(long emptyLineCr) throws HttpParseException {
        if (transferEncodingSeen) {
            // Codings after chunked were refused as they arrived, so here chunked is either last or absent.
            if (!chunkedSeen) {
                throw new HttpParseException(400, lastCodingLine, "Transfer-Encoding does not end with chunked: the body"
                        + " length cannot be determined (RFC 9112 §6.3)");
            }
            if (firstUnsupportedCoding != null) {
                throw new HttpParseException(501, firstUnsupportedCodingLine, "transfer coding \""
                        + firstUnsupportedCoding + "\" is not implemented; only chunked is (RFC 9112 §6.1)");
            }
        }
        if (isHttp11OrLater() && !hostSeen) {
            throw new HttpParseException(400, emptyLineCr, "an HTTP/1.1 request needs a Host field (RFC 9112 §3.2)");
        }
        if (contentLengthDigits != null && (contentLength < 0 || contentLength > maxBodySize)) {
            // Refused before any body byte is awaited: reading what will be refused anyway only costs time.
            throw new HttpParseException(413, contentLengthLine, "Content-Length "
                    + contentLengthDigits + " is over the limit of " + maxBodySize + " bytes (RFC 9110 §15.5.14)");
        }
    }

    HeaderFields headers() {
        return HeaderFields.of(fields);
    }

    boolean chunked() {
        return chunkedSeen;
    }

    /** The Content-Length, 0 when there is none; valid after {@link #finish}. */
    long contentLength() {
        return contentLengthDigits == null ? 0 : contentLength;
    }

    /** RFC 9112 §9.3: HTTP/1.1 persists unless told to close; HTTP/1.0 only when asked to keep alive. */
    boolean keepAlive() {
        if (connectionClose) {
            return false;
        }
        return version.persistentByDefault() || connectionKeepAlive;
    }

    /** HTTP/1.1 rules apply to any 1.x with x ≥ 1; the major version is 1 here, others were refused with 505. */
    private boolean isHttp11OrLater() {
        return version.minor() >= 1;
    }

    private void host(String value, long lineStart) throws HttpParseException {
        if (hostSeen) {
            throw new HttpParseException(400, lineStart, "more than one Host field (RFC 9112 §3.2)");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!HttpChars.isHostChar(value.charAt(i))) {
                throw new HttpParseException(400, lineStart, "the Host value \"" + value
                        + "\" has a character no host or port may contain (RFC 9110 §7.2, RFC 3986 §3.2.2)");
            }
        }
        hostSeen = true;
    }

    private void contentLength(String value, long lineStart) throws HttpParseException {
        if (transferEncodingSeen) {
            throw contentLengthWithTransferEncoding(lineStart);
        }
        // A list of the same number, "5, 5", is what some intermediaries make of repeated fields (RFC 9110 §8.6).
        for (String element : value.split(",", -1)) {
            String digits = HttpChars.trimOws(element);
            if (digits.isEmpty() || !digits.chars().allMatch(HttpChars::isDigit)) {
                throw new HttpParseException(400, lineStart, "Content-Length \"" + value
                        + "\" is not one or more decimal digits (RFC 9110 §8.6)");
            }
            String normalized = withoutLeadingZeros(digits);
            if (contentLengthDigits == null) {
                contentLengthDigits = normalized;
                contentLengthLine = lineStart;
                contentLength = parseOrMinusOne(normalized);
            } else if (!contentLengthDigits.equals(normalized)) {
                throw new HttpParseException(400, lineStart, "Content-Length " + normalized + " contradicts "
                        + contentLengthDigits + ": the body length is ambiguous (RFC 9112 §6.3)");
            }
        }
    }

    private void transferEncoding(String value, long lineStart) throws HttpParseException {
        if (!isHttp11OrLater()) {
            throw new HttpParseException(400, lineStart,
                    "Transfer-Encoding in an HTTP/1.0 request (RFC 9112 §6.1)");
        }
        if (contentLengthDigits != null) {
            throw contentLengthWithTransferEncoding(lineStart);
        }
        if (!transferEncodingSeen) {
            transferEncodingSeen = true;
            lastCodingLine = lineStart;
        }
        for (String element : value.split(",", -1)) {
            String coding = HttpChars.trimOws(element);
            if (coding.isEmpty()) {
                continue; // empty list elements do not count (RFC 9110 §5.6.1)
            }
            if (chunkedSeen) {
                // Whatever comes after chunked, chunked is no longer the final coding, or is applied twice.
                throw new HttpParseException(400, lineStart, coding.equalsIgnoreCase("chunked")
                        ? "chunked applied more than once (RFC 9112 §6.1)"
                        : "coding \"" + coding + "\" after chunked: chunked must be the final coding (RFC 9112 §6.3)");
            }
            if (coding.equalsIgnoreCase("chunked")) {
                chunkedSeen = true;
            } else if (firstUnsupportedCoding == null) {
                firstUnsupportedCoding = coding;
                firstUnsupportedCodingLine = lineStart;
            }
            lastCodingLine = lineStart;
        }
    }

    private static HttpParseException contentLengthWithTransferEncoding(long lineStart) {
        return new HttpParseException(400, lineStart, "both Content-Length and Transfer-Encoding: a request"
                + " framed two ways is how requests get smuggled (RFC 9112 §6.1, §6.3)");
    }

    private static String withoutLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static long parseOrMinusOne(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLargeForALong) {
            return -1;
        }
    }
}
