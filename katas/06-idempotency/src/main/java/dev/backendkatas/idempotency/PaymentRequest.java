package dev.backendkatas.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A charge or a refund as the client asked for it: {@code {"amount":1000,"currency":"EUR","source":"tok_visa"}}.
 * Given to you: validating a payment is not the lesson.
 *
 * <ul>
 *   <li>{@code amount}: required, an integer in minor units (cents), 1 to 99,999,999;</li>
 *   <li>{@code currency}: required, three upper-case letters (ISO 4217 style);</li>
 *   <li>{@code source}: optional, {@code [A-Za-z0-9_]{1,64}}, {@code "tok_visa"} when absent. The test card
 *       {@value #DECLINED_SOURCE} is declined: a completed failure ({@code 402}).</li>
 * </ul>
 * Nothing else: an unknown or repeated member, or a body that is not one UTF-8 JSON object (RFC 8259), is invalid.
 *
 * @param amount   in minor units
 * @param currency e.g. {@code EUR}
 * @param source   the card token
 */
public record PaymentRequest(long amount, String currency, String source) {

    /** The test card that is always declined. */
    public static final String DECLINED_SOURCE = "tok_chargeDeclined";

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9_]{1,64}");

    /**
     * Parses and validates a request body.
     *
     * @throws ValidationException with a message that says what is wrong
     */
    public static PaymentRequest parse(byte[] body) throws ValidationException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ValidationException("the body is not UTF-8");
        }
        Map<String, Object> members = new JsonObjectReader(text).read();
        Object amount = members.remove("amount");
        Object currency = members.remove("currency");
        Object source = members.remove("source");
        if (!members.isEmpty()) {
            throw new ValidationException("unknown member " + members.keySet().iterator().next());
        }
        if (!(amount instanceof Long value) || value < 1 || value > 99_999_999L) {
            throw new ValidationException("amount must be an integer from 1 to 99999999 (minor units)");
        }
        if (!(currency instanceof String code) || !CURRENCY.matcher(code).matches()) {
            throw new ValidationException("currency must be three upper-case letters");
        }
        if (source == null) {
            source = "tok_visa";
        }
        if (!(source instanceof String token) || !SOURCE.matcher(token).matches()) {
            throw new ValidationException("source must be 1 to 64 of [A-Za-z0-9_]");
        }
        return new PaymentRequest(value, code, token);
    }

    /**
     * The request in one canonical form: members in a fixed order, no whitespace, the default source written out.
     * Two bodies that mean the same request (other spacing, other member order) have the same canonical form.
     */
    public String canonical() {
        return "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"source\":\"" + source + "\"}";
    }

    /** A reader for one flat JSON object whose values are strings or integers. */
    private static final class JsonObjectReader {

        private final String text;
        private int at;

        JsonObjectReader(String text) {
            this.text = text;
        }

        Map<String, Object> read() throws ValidationException {
            Map<String, Object> members = new LinkedHashMap<>();
            skipWhitespace();
            expect('{');
            skipWhitespace();
            if (peek() == '}') {
                at++;
            } else {
                while (true) {
                    skipWhitespace();
                    String name = string();
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                    Object value = value();
                    if (members.put(name, value) != null) {
                        throw new ValidationException("repeated member " + name);
                    }
                    skipWhitespace();
                    if (peek() == ',') {
                        at++;
                    } else {
                        expect('}');
                        break;
                    }
                }
            }
            skipWhitespace();
            if (at != text.length()) {
                throw new ValidationException("invalid JSON: text after the object at " + at);
            }
            return members;
        }

        private Object value() throws ValidationException {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '-' || (c >= '0' && c <= '9')) {
                int start = at;
                if (c == '-') {
                    at++;
                }
                while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 128) {
                    at++;
                }
                if (at < text.length() && ".eE".indexOf(text.charAt(at)) >= 0) {
                    throw new ValidationException("numbers must be integers (minor units)");
                }
                String digits = text.substring(start, at);
                if (digits.equals("-") || digits.matches("-?0\\d+") || digits.length() > 18) {
                    throw new ValidationException("invalid JSON number " + digits);
                }
                return Long.parseLong(digits);
            }
            throw new ValidationException("invalid JSON: expected a string or an integer at " + at);
        }

        private String string() throws ValidationException {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw new ValidationException("invalid JSON: unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw new ValidationException("invalid JSON: control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw new ValidationException("invalid JSON: unterminated escape");
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9A-Fa-f]{4}")) {
                            throw new ValidationException("invalid JSON: bad \\u escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw new ValidationException("invalid JSON: bad escape \\" + e);
                }
            }
        }

        private char peek() throws ValidationException {
            if (at >= text.length()) {
                throw new ValidationException("invalid JSON: unexpected end");
            }
            return text.charAt(at);
        }

        private void expect(char c) throws ValidationException {
            if (peek() != c) {
                throw new ValidationException("invalid JSON: expected '" + c + "' at " + at);
            }
            at++;
        }

        private void skipWhitespace() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }
    }
}
