package dev.backendkatas.grader.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CSV that JMH writes with {@code -rf csv}: a header line, then one line per benchmark and parameter set,
 * every field quoted, e.g.
 * {@code "dev.backendkatas.bench.RequestParserBenchmark.smallGet","thrpt",1,2,812345.6,12345.6,"ops/s",kata}.
 * The {@code Param: impl} column holds the implementation.
 */
final class JmhCsv {

    private JmhCsv() {
    }

    /** The scores in {@code csv}; a line JMH could not score (NaN) is kept with a NaN score. */
    static List<BenchScore> parse(String csv) {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty JMH result");
        }
        List<String> header = fields(lines.get(0));
        int benchmark = column(header, "Benchmark");
        int score = column(header, "Score");
        int error = column(header, "Score Error (99.9%)");
        int unit = column(header, "Unit");
        int impl = column(header, "Param: impl");
        List<BenchScore> scores = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = fields(line);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("a JMH result line has " + row.size() + " fields, the header "
                        + header.size() + ": " + line);
            }
            String method = row.get(benchmark).substring(row.get(benchmark).lastIndexOf('.') + 1);
            scores.add(new BenchScore(method, row.get(impl), number(row.get(score)), number(row.get(error)),
                    row.get(unit)));
        }
        return scores;
    }

    private static int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column \"" + name + "\" in the JMH result (has " + header + ")");
        }
        return index;
    }

    private static double number(String text) {
        // JmhProcess runs JMH in an English locale, so numbers have a decimal point; NaN when JMH has no score.
        return text.isEmpty() || text.equals("NaN") ? Double.NaN : Double.parseDouble(text);
    }

    /** Splits a CSV line (RFC 4180: fields optionally quoted, "" is a quote inside quotes). */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
