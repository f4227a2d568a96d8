package dev.backendkatas.grader.hints;

import dev.backendkatas.grader.report.Style;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hint's Markdown, as a terminal shows it: bold in bold, code and links as readable text, code blocks indented,
 * instead of the asterisks and backticks of the README's source.
 */
public final class TerminalMarkdown {

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*|__(.+?)__");
    private static final Pattern ITALIC = Pattern.compile("(?<![*\\w])\\*(?!\\s)(.+?)(?<!\\s)\\*(?!\\*)|(?<!\\w)_(?!\\s)(.+?)(?<!\\s)_(?!\\w)");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\[([^]]+)]\\(([^)]+)\\)");

    private TerminalMarkdown() {
    }

    public static String render(String markdown, Style style) {
        StringBuilder out = new StringBuilder();
        boolean inCode = false;
        for (String line : markdown.lines().toList()) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                // Code is shown as written, set off by its indentation.
                out.append("    ").append(style.text(line)).append('\n');
                continue;
            }
            out.append(inline(line.replaceFirst("^#{1,6}\\s+", ""), style)).append('\n');
        }
        return out.toString();
    }

    private static String inline(String line, Style style) {
        // Code spans first: what is inside them is code, not emphasis.
        StringBuilder out = new StringBuilder();
        Matcher code = CODE.matcher(line);
        int at = 0;
        while (code.find()) {
            out.append(emphasis(line.substring(at, code.start()), style)).append(style.text(code.group(1)));
            at = code.end();
        }
        return out.append(emphasis(line.substring(at), style)).toString();
    }

    private static String emphasis(String text, Style style) {
        String linked = LINK.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " (" + m.group(2) + ")"));
        String bold = BOLD.matcher(linked).replaceAll(m -> Matcher.quoteReplacement(
                style.bold(m.group(1) != null ? m.group(1) : m.group(2))));
        String plain = ITALIC.matcher(bold).replaceAll(m -> Matcher.quoteReplacement(m.group(1) != null ? m.group(1) : m.group(2)));
        return style.text(plain);
    }
}
