package dev.backendkatas.grader;

import dev.backendkatas.grader.report.Style;

import java.io.InputStream;
import java.io.PrintWriter;

/**
 * Where the commands write and read, and how they draw: tests pass writers they read back, a fixed style and, for
 * watch mode's keys, an input they feed.
 */
public record Console(PrintWriter out, PrintWriter err, Style style, InputStream in) {

    public Console(PrintWriter out, PrintWriter err, Style style) {
        this(out, err, style, System.in);
    }
}
