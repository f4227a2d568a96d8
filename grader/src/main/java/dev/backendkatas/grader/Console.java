package dev.backendkatas.grader;

import dev.backendkatas.grader.report.Style;

import java.io.PrintWriter;

/** Where the commands write, and how: tests pass writers they read back and a fixed style. */
public record Console(PrintWriter out, PrintWriter err, Style style) {
}
