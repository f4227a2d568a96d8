package dev.backendkatas.requestparsing;

import static dev.backendkatas.requestparsing.HttpChars.CR;
import static dev.backendkatas.requestparsing.HttpChars.LF;
import static dev.backendkatas.requestparsing.HttpChars.SP;
import static dev.backendkatas.requestparsing.HttpChars.show;

/**
 * Reads a request line one byte at a time (RFC 9112 §3), skipping the empty lines that may come before it (§2.2).
 *
 * <p>Every byte is judged when it arrives, so a bad byte is reported at its own offset and a method or target that
 * runs past its limit is refused at the first byte too many, without buffering the rest. The method and target are
 * held in buffers that their limits bound; the version is matched against its eight fixed bytes as they come.
 */
final class RequestLineParser {

    private enum State { EMPTY_LINES, EMPTY_LINE_LF, METHOD, TARGET_START, TARGET, VERSION, LINE_LF }

    private static final byte[] VERSION_PREFIX = {'H', 'T', 'T', 'P', '/'};
    /** {@code HTTP/d.d} */
    private static final int VERSION_LENGTH = 8;

    private final int maxMethodLength;
    private final int maxTargetLength;
    private final ByteAccumulator method = new ByteAccumulator(16);
    private final ByteAccumulator target = new ByteAccumulator(64);

    private State state = State.EMPTY_LINES;
    private TargetForm targetForm;
    private long targetStart;
    private long versionStart;
    private int versionIndex;
    private int major;
    private int minor;

    RequestLineParser(ParserLimits limits) {
        this.maxMethodLength = limits.maxMethodLength();
        this.maxTargetLength = limits.maxTargetLength();
    }

    /** Whether a byte of the request line itself has arrived (empty lines before it do not count). */
    boolean started() {
        return state != State.EMPTY_LINES && state != State.EMPTY_LINE_LF;
    }

    /** Makes ready for the next request. */
    void reset() {
        state = State.EMPTY_LINES;
        method.clear();
        target.clear();
        targetForm = null;
    }

    /**
     * Takes the byte at stream offset {@code at}.
     *
     * @return true when this byte was the LF that ends the request line; {@link #result()} is then ready
     */
    boolean accept(byte b, long at) throws HttpParseException {
        switch (state) {
            case EMPTY_LINES -> {
                if (b == CR) {
                    state = State.EMPTY_LINE_LF;
                } else if (b == LF) {
                    throw bareLf(at);
                } else if (HttpChars.isTchar(b)) {
                    method.append(b);
                    state = State.METHOD;
                } else if (b == SP) {
                    throw new HttpParseException(400, at, "the request line starts with a space: the method is empty");
                } else {
                    throw new HttpParseException(400, at, show(b) + " cannot start a method (RFC 9110 §5.6.2)");
                }
            }
            case EMPTY_LINE_LF -> {
                if (b != LF) {
                    throw crWithoutLf(b, at);
                }
                state = State.EMPTY_LINES;
            }
            case METHOD -> {
                if (HttpChars.isTchar(b)) {
                    if (method.size() == maxMethodLength) {
                        throw new HttpParseException(501, at,
                                "the method is longer than " + maxMethodLength + " bytes");
                    }
                    method.append(b);
                } else if (b == SP) {
                    state = State.TARGET_START;
                } else {
                    throw new HttpParseException(400, at, show(b) + " in the method, where a token character or"
                            + " the space before the request-target belongs (RFC 9112 §3)");
                }
            }
            case TARGET_START -> {
                if (!HttpChars.isVchar(b)) {
                    throw new HttpParseException(400, at, show(b) + " where the request-target should start: exactly"
                            + " one space separates the method from a non-empty target (RFC 9112 §3)");
                }
                targetStart = at;
                target.append(b);
                state = State.TARGET;
            }
            case TARGET -> {
                if (HttpChars.isVchar(b)) {
                    if (target.size() == maxTargetLength) {
                        throw new HttpParseException(414, at,
                                "the request-target is longer than " + maxTargetLength + " bytes");
                    }
                    target.append(b);
                } else if (b == SP) {
                    targetForm = TargetForms.classify(method(), target(), targetStart);
                    versionStart = at + 1;
                    versionIndex = 0;
                    state = State.VERSION;
                } else {
                    throw new HttpParseException(400, at, show(b) + " in the request-target, which is visible ASCII"
                            + " followed by one space and the HTTP version (RFC 9112 §3)");
                }
            }
            case VERSION -> acceptVersionByte(b, at);
            case LINE_LF -> {
                if (b != LF) {
                    throw crWithoutLf(b, at);
                }
                return true;
            }
        }
        return false;
    }

    /** The request line; valid after {@link #accept} returned true. */
    RequestLine result() {
        return new RequestLine(method(), target(), targetForm, new HttpVersion(major, minor));
    }

    /** {@code HTTP/} DIGIT {@code .} DIGIT, then the CR: a fixed shape, checked byte by byte (RFC 9112 §2.3). */
    private void acceptVersionByte(byte b, long at) throws HttpParseException {
        int index = versionIndex++;
        if (index < VERSION_PREFIX.length) {
            if (b != VERSION_PREFIX[index]) {
                throw badVersion(b, at, "expected \"HTTP/\" (case-sensitive)");
            }
        } else if (index == 5 || index == 7) {
            if (!HttpChars.isDigit(b)) {
                throw badVersion(b, at, "expected a digit");
            }
            if (index == 5) {
                major = b - '0';
            } else {
                minor = b - '0';
                // The version is complete and well-formed: now its meaning can be judged.
                if (major != 1) {
                    throw new HttpParseException(505, versionStart,
                            "HTTP/" + major + "." + minor + " is not supported; this server speaks HTTP/1.x");
                }
            }
        } else if (index == 6) {
            if (b != '.') {
                throw badVersion(b, at, "expected '.'");
            }
        } else if (b == CR) {
            state = State.LINE_LF;
        } else {
            throw new HttpParseException(400, at, show(b) + " after the HTTP version, where CRLF ends the request line");
        }
    }

    private String method() {
        return method.text(0, method.size());
    }

    private String target() {
        return target.text(0, target.size());
    }

    private static HttpParseException badVersion(byte b, long at, String expected) {
        return new HttpParseException(400, at,
                show(b) + " in the HTTP version: " + expected + ", the version is HTTP/DIGIT.DIGIT (RFC 9112 §2.3)");
    }

    static HttpParseException bareLf(long at) {
        return new HttpParseException(400, at,
                "bare LF: lines end with CRLF, and this parser accepts no other line ending (RFC 9112 §2.2)");
    }

    static HttpParseException crWithoutLf(byte b, long at) {
        return new HttpParseException(400, at,
                show(b) + " after CR: a CR is allowed only as part of CRLF (RFC 9112 §2.2)");
    }
}
