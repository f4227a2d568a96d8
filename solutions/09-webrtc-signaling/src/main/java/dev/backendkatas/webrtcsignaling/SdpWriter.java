package dev.backendkatas.webrtcsignaling;

/**
 * Stage 1 — writes a {@link SessionDescription} as SDP text (RFC 8866 §5).
 */
public final class SdpWriter {

    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    /**
     * Writes the session lines, then each media description, every line ending with CRLF.
     *
     * @param description the description to write
     * @return the SDP text
     * @throws IllegalArgumentException when a value holds a CR, an LF or a NUL
     */
    public static String write(SessionDescription description) {
        StringBuilder out = new StringBuilder(4096);
        for (SdpLine line : description.sessionLines()) {
            append(out, line.type(), line.value());
        }
        for (MediaDescription m : description.media()) {
            StringBuilder mLine = new StringBuilder().append(m.media()).append(' ').append(m.port());
            if (m.numberOfPorts() != null) {
                mLine.append('/').append(m.numberOfPorts());
            }
            mLine.append(' ').append(m.proto());
            for (String format : m.formats()) {
                mLine.append(' ').append(format);
            }
            append(out, 'm', mLine.toString());
            for (SdpLine line : m.lines()) {
                append(out, line.type(), line.value());
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, char type, String value) {
        // A value is written as is, so it must not be able to end its line early (SDP injection).
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("an SDP value cannot hold CR, LF or NUL (RFC 8866 §9): " + type
                        + "=" + SdpParseException.visible(value));
            }
        }
        out.append(type).append('=').append(value).append(CRLF);
    }
}
