package dev.backendkatas.longpolling;

/** Renders text for failure messages so that CR and LF can be seen. */
final class Visible {

    private Visible() {
    }

    /** Control characters visible: what a learner needs to see in a failure message. */
    static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
