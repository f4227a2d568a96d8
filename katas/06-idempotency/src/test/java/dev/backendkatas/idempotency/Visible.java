package dev.backendkatas.idempotency;

/** Renders text for failure messages so that control characters can be seen. */
final class Visible {

    private Visible() {
    }

    /** CR, LF, TAB and other control characters visible: what a learner needs to see in a failure message. */
    static String visible(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02X", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
