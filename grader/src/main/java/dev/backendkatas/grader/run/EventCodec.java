package dev.backendkatas.grader.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The line format between the forked test JVM and the grader: one event per line, fields separated by TAB, and
 * backslash, TAB, CR and LF escaped inside fields. A line the child did not finish (it died mid-write) has no line
 * terminator and is ignored by the reader.
 */
public final class EventCodec {

    private EventCodec() {
    }

    public static String encode(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append('\t');
            }
            String field = fields.get(i) == null ? "" : fields.get(i);
            for (int j = 0; j < field.length(); j++) {
                char c = field.charAt(j);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
        }
        return line.toString();
    }

    public static List<String> decode(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                field.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
