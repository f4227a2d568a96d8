package dev.backendkatas.longpolling;

import java.util.ArrayList;
import java.util.List;

/** Reads the JSON of a {@link Batch}: exactly the shape {@link Batch#toJson()} writes. Given to you. */
final class BatchParser {

    private final String json;
    private int at;

    BatchParser(String json) {
        this.json = json;
    }

    Batch batch() {
        try {
            expect("{\"events\":[");
            List<Event> events = new ArrayList<>();
            while (peek() != ']') {
                if (!events.isEmpty()) {
                    expect(",");
                }
                expect("{\"cursor\":");
                long cursor = number();
                expect(",\"data\":");
                String data = string();
                expect("}");
                events.add(new Event(cursor, data));
            }
            expect("],\"next\":");
            long next = number();
            expect("}");
            if (at != json.length()) {
                throw new IllegalArgumentException("text after the batch");
            }
            return new Batch(events, next);
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("not a batch: " + json, e);
        }
    }

    private char peek() {
        return json.charAt(at);
    }

    private void expect(String text) {
        if (!json.startsWith(text, at)) {
            throw new IllegalArgumentException("expected " + text + " at " + at + " of " + json);
        }
        at += text.length();
    }

    private long number() {
        int start = at;
        while (at < json.length() && Character.isDigit(json.charAt(at))) {
            at++;
        }
        return Long.parseLong(json.substring(start, at));
    }

    private String string() {
        expect("\"");
        StringBuilder text = new StringBuilder();
        while (true) {
            char c = json.charAt(at++);
            if (c == '"') {
                return text.toString();
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char escaped = json.charAt(at++);
            switch (escaped) {
                case '"', '\\', '/' -> text.append(escaped);
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'u' -> {
                    text.append((char) Integer.parseInt(json.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + escaped);
            }
        }
    }
}
