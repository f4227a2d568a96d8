package dev.backendkatas.requestparsing;

import java.util.Objects;

/**
 * One field line of a header or trailer section, as received: the name keeps the sender's letter case, the value has
 * its leading and trailing whitespace (OWS) removed (RFC 9112 §5).
 *
 * <p>Given to you: it is not the lesson.
 *
 * @param name  the field name, exactly as sent
 * @param value the field value without surrounding whitespace; bytes above 0x7F are decoded as ISO-8859-1
 */
public record HeaderField(String name, String value) {
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
