package dev.backendkatas.grader;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;

/** Reads {@code 10}, {@code 10s} or {@code 500ms} (a bare number is seconds). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            } else {
                d = Duration.ofSeconds(Long.parseLong(v));
            }
            if (d.isNegative() || d.isZero()) {
                throw new CommandLine.TypeConversionException("must be positive: " + value);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("not a duration (10, 10s or 500ms): " + value);
        }
    }
}
