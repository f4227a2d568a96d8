package dev.backendkatas.tlshandshake;

import java.util.Arrays;
import java.util.Objects;

/**
 * The content of a record after decryption (RFC 8446 §5.4): the real content type from the TLSInnerPlaintext and the
 * content, with the padding removed.
 *
 * <p>Given.
 *
 * @param type    the inner content type
 * @param content the content
 */
public record Plaintext(ContentType type, byte[] content) {

    public Plaintext {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Plaintext that && type == that.type && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "Plaintext[" + type + ", " + content.length + " bytes]";
    }
}
