package dev.backendkatas.idempotency;

import java.util.List;

/**
 * Stage 1 — the {@code Idempotency-Key} request header field. See the stub's Javadoc for the contract.
 *
 * @param value the key, as the client chose it
 */
public record IdempotencyKey(String value) {

    /** The key in the {@code Idempotency-Key} field lines of a request. */
    public static IdempotencyKey parse(List<String> fieldLines) {
        if (fieldLines.size() != 1) {
            // Combining them with a comma would make a List, and the field is an Item (draft §2.1).
            throw new IllegalArgumentException("one Idempotency-Key field expected, got " + fieldLines.size());
        }
        String field = stripOws(fieldLines.get(0));
        String key = field.startsWith("\"") ? sfString(field) : token(field);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the key is empty");
        }
        if (key.length() > IdempotencyConfig.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("the key has " + key.length() + " characters, at most "
                    + IdempotencyConfig.MAX_KEY_LENGTH + " are allowed");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                // Our published format: visible ASCII only. A key is compared byte for byte, so a space that one
                // client library trims and another does not would split one operation into two.
                throw new IllegalArgumentException(String.format(
                        "character %d of the key is U+%04X; keys are visible ASCII (0x21-0x7E)", i, (int) c));
            }
        }
        return new IdempotencyKey(key);
    }

    /** The key as a client sends it: an sf-string (RFC 8941 §4.1.6). */
    public String toFieldValue() {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** RFC 9110 §5.5: spaces and tabs around a field value are not part of it. Nothing else is trimmed. */
    private static String stripOws(String field) {
        int start = 0;
        int end = field.length();
        while (start < end && (field.charAt(start) == ' ' || field.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (field.charAt(end - 1) == ' ' || field.charAt(end - 1) == '\t')) {
            end--;
        }
        return field.substring(start, end);
    }

    /** RFC 8941 §4.2.5: DQUOTE *( unescaped / "\" ( DQUOTE / "\" ) ) DQUOTE, and nothing after it. */
    private static String sfString(String field) {
        StringBuilder key = new StringBuilder();
        int i = 1;
        while (true) {
            if (i >= field.length()) {
                throw new IllegalArgumentException("the sf-string has no closing quote");
            }
            char c = field.charAt(i++);
            if (c == '\\') {
                if (i >= field.length()) {
                    throw new IllegalArgumentException("the sf-string ends inside an escape");
                }
                char escaped = field.charAt(i++);
                if (escaped != '"' && escaped != '\\') {
                    throw new IllegalArgumentException("\\" + escaped + " is not an sf-string escape (only \\\" and \\\\)");
                }
                key.append(escaped);
            } else if (c == '"') {
                if (i != field.length()) {
                    throw new IllegalArgumentException("text after the closing quote: " + field.substring(i));
                }
                return key.toString();
            } else if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(String.format("U+%04X is not allowed in an sf-string", (int) c));
            } else {
                key.append(c);
            }
        }
    }

    /** RFC 9110 §5.6.2: token = 1*tchar. */
    private static String token(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                throw new IllegalArgumentException(String.format(
                        "a bare key must be a token (RFC 9110 §5.6.2); character %d is U+%04X", i, (int) c));
            }
        }
        return field;
    }
}
