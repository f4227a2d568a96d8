package dev.backendkatas.grader.discover;

import dev.backendkatas.grader.GraderException;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns what a learner types into one kata: a number ({@code 1}, {@code 01}), the folder name
 * ({@code 01-request-parsing}), the name ({@code request-parsing}) or a unique prefix of either ({@code req}, {@code 01-re}).
 */
public final class KataSelector {

    private KataSelector() {
    }

    public static Kata select(List<Kata> katas, String query) {
        String q = query.trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            throw new GraderException("empty kata name; " + available(katas));
        }
        if (q.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(q);
            return katas.stream().filter(k -> k.number() == number).findFirst()
                    .orElseThrow(() -> new GraderException("no kata number " + query + "; " + available(katas)));
        }
        for (Kata kata : katas) {
            if (kata.id().equalsIgnoreCase(q) || kata.name().equalsIgnoreCase(q)) {
                return kata;
            }
        }
        List<Kata> matches = katas.stream()
                .filter(k -> k.id().toLowerCase(Locale.ROOT).startsWith(q) || k.name().toLowerCase(Locale.ROOT).startsWith(q))
                .collect(Collectors.toList());
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new GraderException("no kata matches '" + query + "'; " + available(katas));
        }
        throw new GraderException("'" + query + "' is ambiguous: it matches "
                + matches.stream().map(Kata::id).collect(Collectors.joining(", ")) + "; type more of the name");
    }

    private static String available(List<Kata> katas) {
        return katas.isEmpty() ? "this repository has no katas"
                : "the katas are: " + katas.stream().map(Kata::id).collect(Collectors.joining(", "));
    }
}
