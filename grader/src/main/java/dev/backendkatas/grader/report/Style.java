package dev.backendkatas.grader.report;

import java.nio.charset.Charset;

/**
 * How the text report may draw: with ANSI colours (a terminal, and {@code NO_COLOR} unset) and with Unicode symbols
 * (an output encoding that has them; else ASCII stand-ins, so a Windows code page never shows garbage).
 */
public record Style(boolean color, boolean unicode) {

    /** Unicode symbols, no colour: what a pipe or a file gets, and what the golden tests pin down. */
    public static final Style PLAIN = new Style(false, true);

    /** What this process's standard output supports. */
    public static Style detect(Charset stdoutCharset) {
        boolean noColor = System.getenv("NO_COLOR") != null && !System.getenv("NO_COLOR").isEmpty();
        boolean dumb = "dumb".equals(System.getenv("TERM"));
        boolean unicode = stdoutCharset.newEncoder().canEncode("✔▶·✘█░—›");
        return new Style(!noColor && !dumb && isTerminal(), unicode);
    }

    /**
     * On JDK 22+ {@code System.console()} exists even when output is redirected, and {@code Console.isTerminal()}
     * tells; on older JDKs a console exists only for a terminal. Reflection keeps this compiling for release 17.
     */
    public static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    public String complete() {
        return paint("32", unicode ? "✔" : "+");
    }

    public String inProgress() {
        return paint("33", unicode ? "▶" : ">");
    }

    public String notStarted() {
        return paint("2", unicode ? "·" : ".");
    }

    public String failed() {
        return paint("31", unicode ? "✘" : "x");
    }

    public String dash() {
        return unicode ? "—" : "-";
    }

    String bar(int passed, int total, int width) {
        int filled = total == 0 ? 0 : (int) ((long) passed * width / total);
        String done = (unicode ? "█" : "#").repeat(filled);
        String todo = (unicode ? "░" : "-").repeat(width - filled);
        String colour = total > 0 && passed == total ? "32" : "33";
        return (unicode ? "" : "[") + paint(colour, done) + paint("2", todo) + (unicode ? "" : "]");
    }

    public String bold(String text) {
        return paint("1", text);
    }

    public String red(String text) {
        return paint("31", text);
    }

    public String dim(String text) {
        return paint("2", text);
    }

    /** Stage names carry an em dash; without Unicode output it becomes a hyphen. */
    public String text(String text) {
        if (unicode) {
            return text;
        }
        return text.replace('—', '-').replace('–', '-').replace('›', '>').replace('…', '.');
    }

    private String paint(String code, String text) {
        return color && !text.isEmpty() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
