package dev.backendkatas.webrtcsignaling;

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1 — parses a session description (RFC 8866 §5) into a {@link SessionDescription}, keeping every line and its
 * order, so that {@link SdpWriter} gives the same text back.
 */
public final class SdpParser {

    private SdpParser() {
    }

    /**
     * Parses a session description. See the stub's Javadoc for the rules; every error names its line.
     *
     * @param sdp the description, as received
     * @return the parsed description
     * @throws SdpParseException for any broken rule
     */
    public static SessionDescription parse(String sdp) {
        if (sdp == null) {
            throw new NullPointerException("sdp");
        }
        // The limit comes first: nothing of a hostile megabyte is split, copied or kept.
        if (sdp.length() > SdpRules.MAX_SDP_CHARS) {
            throw new SdpParseException(0, "the description is " + sdp.length() + " characters, more than the limit of "
                    + SdpRules.MAX_SDP_CHARS);
        }
        if (sdp.isEmpty()) {
            throw new SdpParseException(0, "the description is empty: it must start with v=0 (RFC 8866 §5.1)");
        }
        List<String> lines = splitLines(sdp);

        List<SdpLine> sessionLines = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        // The media description being read: its m= line fields, and the lines after it.
        String[] mFields = null;
        int mLineNumber = 0;
        List<SdpLine> mediaLines = null;
        int lastRank = -1;

        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String raw = lines.get(i);
            SdpLine line = toLine(raw, number);
            char type = line.type();

            if (number == 1) {
                if (type != 'v') {
                    throw new SdpParseException(1, "the first line must be v=0 (RFC 8866 §5.1), found: "
                            + SdpParseException.visible(raw));
                }
                if (!line.value().equals("0")) {
                    throw new SdpParseException(1, "the only SDP version is 0 (RFC 8866 §5.1), found: "
                            + SdpParseException.visible(raw));
                }
            }

            if (type == 'm') {
                if (mFields != null) {
                    media.add(toMedia(mFields, mediaLines, mLineNumber));
                } else {
                    checkSessionComplete(sessionLines);
                }
                mFields = parseMLine(line.value(), number, raw);
                mLineNumber = number;
                mediaLines = new ArrayList<>();
                lastRank = -1;
                continue;
            }

            if (mFields == null) {
                int rank = SdpRules.SESSION_ORDER.indexOf(type);
                // t= and r= repeat as a group: a t= may follow an r= (or another t=).
                boolean repeatedTime = type == 't' && lastRank == SdpRules.SESSION_ORDER.indexOf('r');
                if (rank < lastRank && !repeatedTime) {
                    throw new SdpParseException(number, "a session-level " + type + "= line is out of order: the order"
                            + " is v o s i u e p c b t r z k a (RFC 8866 §5): " + SdpParseException.visible(raw));
                }
                if ((type == 'v' || type == 'o' || type == 's') && rank == lastRank) {
                    throw new SdpParseException(number, "a second " + type + "= line (RFC 8866 §5): "
                            + SdpParseException.visible(raw));
                }
                if (type == 'a' && SdpRules.MEDIA_LEVEL_ONLY.contains(line.attributeName())) {
                    throw new SdpParseException(number, "a=" + line.attributeName() + " is a media-level attribute,"
                            + " found before any m= line: " + SdpParseException.visible(raw));
                }
                lastRank = rank;
                sessionLines.add(line);
            } else {
                int rank = SdpRules.MEDIA_ORDER.indexOf(type);
                if (rank < 0) {
                    throw new SdpParseException(number, "a " + type + "= line cannot appear in a media description"
                            + " (RFC 8866 §5): " + SdpParseException.visible(raw));
                }
                if (rank < lastRank) {
                    throw new SdpParseException(number, "a media-level " + type + "= line is out of order: the order"
                            + " is i c b k a (RFC 8866 §5): " + SdpParseException.visible(raw));
                }
                lastRank = rank;
                mediaLines.add(line);
            }
        }
        if (mFields == null) {
            checkSessionComplete(sessionLines);
        } else {
            media.add(toMedia(mFields, mediaLines, mLineNumber));
        }
        return new SessionDescription(sessionLines, media);
    }

    /** Splits on CRLF or LF. A CR anywhere else is an error, reported with its line number. */
    private static List<String> splitLines(String sdp) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int number = 1;
        for (int i = 0; i < sdp.length(); i++) {
            char c = sdp.charAt(i);
            if (c == '\n') {
                int end = i > start && sdp.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(sdp.substring(start, end));
                start = i + 1;
                number++;
            } else if (c == '\r' && (i + 1 == sdp.length() || sdp.charAt(i + 1) != '\n')) {
                throw new SdpParseException(number, "a CR not followed by LF: lines end with CRLF (RFC 8866 §5): "
                        + SdpParseException.visible(sdp.substring(start, Math.min(sdp.length(), i + 2))));
            } else if (c == 0) {
                throw new SdpParseException(number, "a NUL character inside a line (RFC 8866 §9: text excludes NUL)");
            }
        }
        if (start < sdp.length()) {
            lines.add(sdp.substring(start));   // the last line, without its line end: tolerated
        }
        return lines;
    }

    private static SdpLine toLine(String raw, int number) {
        if (raw.isEmpty()) {
            throw new SdpParseException(number, "an empty line: every line is <type>=<value> (RFC 8866 §5)");
        }
        if (raw.length() < 2 || raw.charAt(1) != '=') {
            throw new SdpParseException(number, "not a <type>=<value> line, with one type character and no space"
                    + " before = (RFC 8866 §5): " + SdpParseException.visible(raw));
        }
        char type = raw.charAt(0);
        if (SdpRules.KNOWN_TYPES.indexOf(type) < 0) {
            throw new SdpParseException(number, "unknown line type '" + SdpParseException.visible(String.valueOf(type))
                    + "' (RFC 8866 §5: a parser must ignore or reject the whole description): "
                    + SdpParseException.visible(raw));
        }
        String value = raw.substring(2);
        if (!value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(0) == '\t')) {
            throw new SdpParseException(number, "whitespace after = (RFC 8866 §5): " + SdpParseException.visible(raw));
        }
        return new SdpLine(type, value);
    }

    private static void checkSessionComplete(List<SdpLine> session) {
        for (char required : new char[] {'o', 's', 't'}) {
            if (session.stream().noneMatch(l -> l.type() == required)) {
                throw new SdpParseException(0, "the session description has no " + required + "= line"
                        + " (RFC 8866 §5: v=, o=, s= and t= are required)");
            }
        }
    }

    /** m=&lt;media&gt; &lt;port&gt;[/&lt;n&gt;] &lt;proto&gt; &lt;fmt&gt; ... — returns media, port, n or null, proto, fmts. */
    private static String[] parseMLine(String value, int number, String raw) {
        // split(" ", -1) keeps empty tokens, so a double or trailing space shows up as an empty token.
        String[] tokens = value.split(" ", -1);
        if (tokens.length < 4) {
            throw new SdpParseException(number, "an m= line needs <media> <port> <proto> <fmt> ... (RFC 8866 §5.14): "
                    + SdpParseException.visible(raw));
        }
        for (String token : tokens) {
            if (token.isEmpty()) {
                throw new SdpParseException(number, "the fields of an m= line are separated by single spaces"
                        + " (RFC 8866 §5.14): " + SdpParseException.visible(raw));
            }
        }
        String port = tokens[1];
        String count = null;
        int slash = port.indexOf('/');
        if (slash >= 0) {
            count = port.substring(slash + 1);
            port = port.substring(0, slash);
            if (!isNumber(count, 1, 65535)) {
                throw new SdpParseException(number, "bad number of ports in an m= line (RFC 8866 §5.14): "
                        + SdpParseException.visible(raw));
            }
        }
        if (!isNumber(port, 0, 65535)) {
            throw new SdpParseException(number, "the port of an m= line is 0 to 65535 (RFC 8866 §5.14): "
                    + SdpParseException.visible(raw));
        }
        return join(tokens[0], port, count, tokens);
    }

    private static String[] join(String media, String port, String count, String[] tokens) {
        String[] fields = new String[tokens.length + 1];
        fields[0] = media;
        fields[1] = port;
        fields[2] = count;
        System.arraycopy(tokens, 2, fields, 3, tokens.length - 2);
        return fields;
    }

    private static MediaDescription toMedia(String[] fields, List<SdpLine> lines, int number) {
        List<String> formats = java.util.Arrays.asList(fields).subList(4, fields.length);
        return new MediaDescription(fields[0], Integer.parseInt(fields[1]),
                fields[2] == null ? null : Integer.valueOf(fields[2]), fields[3], formats, lines);
    }

    /** 1 to 5 ASCII digits, within [min, max]: "+9" and "٣" (Arabic-Indic three) are not ports. */
    private static boolean isNumber(String s, int min, int max) {
        if (s.isEmpty() || s.length() > 5) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        int n = Integer.parseInt(s);
        return n >= min && n <= max;
    }
}
