package dev.backendkatas.pubsub;

import java.nio.charset.StandardCharsets;

/** Renders bytes for failure messages so that NUL, CR, LF and other control bytes can be seen. */
final class Visible {

    private static final int SHOWN = 200;

    private Visible() {
    }

    static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    static String of(byte[] bytes) {
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(bytes.length, SHOWN);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xFF;
            switch (b) {
                case 0 -> out.append("\\0");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                default -> {
                    if (b < 0x20 || b == 0x7F) {
                        out.append(String.format("\\x%02X", b));
                    } else {
                        out.append((char) b);
                    }
                }
            }
        }
        out.append('"');
        if (bytes.length > SHOWN) {
            out.append("… (").append(bytes.length).append(" bytes)");
        }
        return out.toString();
    }
}
