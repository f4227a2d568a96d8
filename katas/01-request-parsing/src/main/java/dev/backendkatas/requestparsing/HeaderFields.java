package dev.backendkatas.requestparsing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The field lines of a header (or trailer) section in the order they arrived. Lookups ignore the letter case of
 * names (RFC 9110 §5.1); repeated fields are all kept, in order (RFC 9110 §5.3).
 *
 * <p>Given to you: it is not the lesson. Immutable.
 */
public final class HeaderFields {

    private static final HeaderFields EMPTY = new HeaderFields(List.of());

    private final List<HeaderField> fields;

    private HeaderFields(List<HeaderField> fields) {
        this.fields = List.copyOf(fields);
    }

    /** The fields, in the order given. */
    public static HeaderFields of(List<HeaderField> fields) {
        Objects.requireNonNull(fields, "fields");
        return fields.isEmpty() ? EMPTY : new HeaderFields(fields);
    }

    /** Fields from alternating names and values: {@code of("Host", "example.com", "Accept", "*}{@code /*")}. */
    public static HeaderFields of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        List<HeaderField> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new HeaderField(namesAndValues[i], namesAndValues[i + 1]));
        }
        return of(list);
    }

    /** No fields. */
    public static HeaderFields empty() {
        return EMPTY;
    }

    /** The value of the first field with this name, ignoring case. */
    public Optional<String> first(String name) {
        for (HeaderField field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /** The values of every field with this name, ignoring case, in the order they arrived. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (HeaderField field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                values.add(field.value());
            }
        }
        return List.copyOf(values);
    }

    /** Whether a field with this name is present, ignoring case. */
    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** How many field lines there are (a repeated name counts once per line). */
    public int size() {
        return fields.size();
    }

    /** Every field line, in order. */
    public List<HeaderField> asList() {
        return fields;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderFields that && fields.equals(that.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
