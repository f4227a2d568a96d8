package dev.backendkatas.webrtcsignaling;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259): enough for the signaling server to check a message before it relays it.
 *
 * <p>Given to you: JSON is not the lesson. Objects become {@code Map<String, Object>} (insertion order, a repeated
 * member name is refused), arrays {@code List<Object>}, strings {@code String}, numbers {@link BigDecimal}, literals
 * {@code Boolean} or {@link #NULL}. Nesting is bounded ({@value #MAX_DEPTH} levels) so that {@code [[[[…} cannot
 * overflow the stack.
 */
public final class Json {

    /** The JSON {@code null}, so that "absent" and "null" stay different in a map. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** How deep arrays and objects may nest. */
    public static final int MAX_DEPTH = 64;

    /** The text is not JSON, or not the JSON that was asked for; the message says where and why. */
    public static final class MalformedJsonException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message);
        }
    }

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Reads {@code text}, which must be exactly one JSON object (whitespace around it allowed).
     *
     * @throws MalformedJsonException when it is not
     */
    public static Map<String, Object> parseObject(String text) {
        Json json = new Json(text);
        json.skipWhitespace();
        if (json.pos >= text.length() || text.charAt(json.pos) != '{') {
            throw new MalformedJsonException("expected a JSON object starting with '{' at offset " + json.pos);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) json.value(0);
        json.skipWhitespace();
        if (json.pos != text.length()) {
            throw new MalformedJsonException("unexpected text after the object at offset " + json.pos);
        }
        return object;
    }

    /**
     * Writes {@code value} as a JSON string (RFC 8259 §7): in quotes, with the quote, the backslash and every control
     * character escaped. An SDP's CRLF line ends become the two escapes backslash-r backslash-n.
     */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new MalformedJsonException("nested deeper than " + MAX_DEPTH + " levels at offset " + pos);
        }
        skipWhitespace();
        if (pos >= text.length()) {
            throw new MalformedJsonException("unexpected end of the text at offset " + pos);
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw new MalformedJsonException("unexpected character '" + c + "' at offset " + pos);
        }
    }

    private Map<String, Object> object(int depth) {
        pos++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new MalformedJsonException("expected a member name in quotes at offset " + pos);
            }
            String name = string();
            skipWhitespace();
            expect(':');
            Object value = value(depth + 1);
            if (members.putIfAbsent(name, value) != null) {
                throw new MalformedJsonException("member \"" + name + "\" appears twice");
            }
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return Collections.unmodifiableMap(members);
            }
        }
    }

    private List<Object> array(int depth) {
        pos++;
        List<Object> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            items.add(value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return Collections.unmodifiableList(items);
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new MalformedJsonException("unterminated string at offset " + pos);
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new MalformedJsonException("control character U+" + String.format("%04X", (int) c)
                        + " inside a string at offset " + (pos - 1) + " (RFC 8259 §7: escape it)");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new MalformedJsonException("unterminated escape at offset " + pos);
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw new MalformedJsonException("short \\u escape at offset " + pos);
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(pos + i), 16);
                        if (digit < 0 || text.charAt(pos + i) > 'f') {
                            throw new MalformedJsonException("bad \\u escape at offset " + pos);
                        }
                        code = code * 16 + digit;
                    }
                    pos += 4;
                    out.append((char) code);
                }
                default -> throw new MalformedJsonException("unknown escape \\" + e + " at offset " + (pos - 1));
            }
        }
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw new MalformedJsonException("bad number at offset " + start);
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw new MalformedJsonException("bad fraction at offset " + start);
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new MalformedJsonException("bad exponent at offset " + start);
            }
            digits();
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new MalformedJsonException("number out of range at offset " + start);
        }
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw new MalformedJsonException("unexpected text at offset " + pos + " (expected " + word + ")");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new MalformedJsonException("expected '" + c + "' at offset " + pos);
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}
