package dev.backendkatas.webrtcsignaling;

/**
 * A session description broke a rule of RFC 8866. The message names the rule and shows the offending line with its
 * control characters visible; {@link #lineNumber()} says where, so that the peer's developer can find it.
 *
 * <p>Given.
 */
public class SdpParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;

    /**
     * @param lineNumber the 1-based number of the offending line, or 0 when the description as a whole is wrong (too
     *                   large, empty, or missing a line that must be there)
     * @param message    which rule was broken, with its RFC section
     */
    public SdpParseException(int lineNumber, String message) {
        super(lineNumber == 0 ? message : "line " + lineNumber + ": " + message);
        this.lineNumber = lineNumber;
    }

    /** The 1-based number of the offending line, or 0 for the description as a whole. */
    public int lineNumber() {
        return lineNumber;
    }

    /** Shows CR, LF, tab, NUL and other control characters as escapes, for error messages. */
    public static String visible(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
