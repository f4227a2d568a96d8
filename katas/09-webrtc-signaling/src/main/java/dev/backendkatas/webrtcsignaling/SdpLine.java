package dev.backendkatas.webrtcsignaling;

import java.util.Objects;

/**
 * One line of a session description, {@code <type>=<value>} (RFC 8866 §5), without its line end. For an attribute
 * line ({@code a=}) the value is {@code <attribute-name>} or {@code <attribute-name>:<attribute-value>} (§5.13).
 *
 * <p>Given. The record holds what it is given: checking a value for line ends or NUL is the parser's and the writer's
 * job (Stage 1).
 *
 * @param type  the one-character type, such as {@code 'v'}, {@code 'o'}, {@code 'a'}
 * @param value everything after the {@code =}, exactly as written
 */
public record SdpLine(char type, String value) {

    public SdpLine {
        Objects.requireNonNull(value, "value");
    }

    /** An attribute line {@code a=name} (a property) or {@code a=name:value}. */
    public static SdpLine attribute(String name, String value) {
        Objects.requireNonNull(name, "name");
        return new SdpLine('a', value == null ? name : name + ":" + value);
    }

    /** Whether this is an {@code a=} line. */
    public boolean isAttribute() {
        return type == 'a';
    }

    /** The attribute name: the value up to the first colon, or the whole value for a property attribute. */
    public String attributeName() {
        requireAttribute();
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** The attribute value: everything after the first colon, or {@code null} for a property attribute. */
    public String attributeValue() {
        requireAttribute();
        int colon = value.indexOf(':');
        return colon < 0 ? null : value.substring(colon + 1);
    }

    private void requireAttribute() {
        if (type != 'a') {
            throw new IllegalStateException("not an attribute line: " + this);
        }
    }

    /** The line as written on the wire, without its CRLF: {@code type=value}. */
    @Override
    public String toString() {
        return type + "=" + value;
    }
}
