package dev.backendkatas.requestparsing;

/**
 * The byte classes of the HTTP grammar (RFC 9110 §5.6, RFC 9112 §2), as lookup tables: a parser asks about every byte,
 * so the answer should cost one array read, not a chain of comparisons.
 */
final class HttpChars {

    static final byte CR = '\r';
    static final byte LF = '\n';
    static final byte SP = ' ';
    static final byte HTAB = '\t';

    private static final boolean[] TCHAR = new boolean[256];
    private static final boolean[] HOST_CHAR = new boolean[256];

    static {
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[Character.toUpperCase(c)] = true;
        }
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        // reg-name and IP-literal characters of RFC 3986 (unreserved, pct-encoded, sub-delims, ':' '[' ']').
        for (int c = 0; c < 256; c++) {
            HOST_CHAR[c] = isLetter(c) || isDigit(c);
        }
        for (char c : "-._~!$&'()*+,;=%:[]".toCharArray()) {
            HOST_CHAR[c] = true;
        }
    }

    private HttpChars() {
    }

    /** A byte of a token: a method, a field name (RFC 9110 §5.6.2). */
    static boolean isTchar(byte b) {
        return TCHAR[b & 0xFF];
    }

    /** A visible US-ASCII character, 0x21–0x7E: what a request-target is made of. */
    static boolean isVchar(byte b) {
        return b > 0x20 && b < 0x7F;
    }

    /** A byte that may appear inside a field value: visible ASCII, or obs-text 0x80–0xFF (RFC 9110 §5.5). */
    static boolean isFieldVchar(byte b) {
        return isVchar(b) || b < 0;
    }

    /** Optional whitespace, OWS (RFC 9110 §5.6.3). */
    static boolean isWhitespace(byte b) {
        return b == SP || b == HTAB;
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** Without leading and trailing spaces and tabs: a list element of a field value (RFC 9110 §5.6.1). */
    static String trimOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** A character allowed in a Host value or in the host of an authority-form target. */
    static boolean isHostChar(char c) {
        return c < 256 && HOST_CHAR[c];
    }

    /** The value of a hex digit in either case, or -1. */
    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** A byte as a reader can see it in an error message: {@code 'a'}, {@code \r}, {@code 0x00}. */
    static String show(byte b) {
        return switch (b) {
            case CR -> "CR (\\r)";
            case LF -> "LF (\\n)";
            case SP -> "SP";
            case HTAB -> "HTAB (\\t)";
            default -> isVchar(b) ? "'" + (char) b + "'" : String.format("0x%02X", b & 0xFF);
        };
    }
}
