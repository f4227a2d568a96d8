package dev.backendkatas.idempotency;

/**
 * The little JSON this kata writes: a string literal with its escapes (RFC 8259 §7). Given to you.
 */
public final class Json {

    private Json() {
    }

    /** {@code text} as a JSON string literal, quotes included; control characters, {@code "} and {@code \} escaped. */
    public static String string(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
