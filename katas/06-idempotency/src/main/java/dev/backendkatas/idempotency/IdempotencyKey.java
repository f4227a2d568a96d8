package dev.backendkatas.idempotency;

import java.util.List;

/**
 * Stage 1 — the {@code Idempotency-Key} request header field.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>The field is an Item Structured Field whose value is a String (draft-ietf-httpapi-idempotency-key-header
 *       §2.1): an {@code sf-string} (RFC 8941 §3.3.3), {@code DQUOTE *chr DQUOTE}, where {@code chr} is a printable
 *       ASCII character other than {@code "} and {@code \} (0x20–0x7E), or one of the two escapes {@code \"} and
 *       {@code \\}. The key is the string's content, escapes resolved. Any other escape, an unterminated string,
 *       or anything after the closing quote (a parameter, a second item) is malformed.</li>
 *   <li>Stripe's clients send the key bare, without quotes. This server accepts that form too when it is a
 *       {@code token} of RFC 9110 §5.6.2 ({@code 1*tchar}), which covers UUIDs and random strings; the key is then
 *       the token itself.</li>
 *   <li>The field value is what HTTP delivers: spaces and tabs around it are not part of it (RFC 9110 §5.5), so they
 *       are dropped. Inside the quotes nothing is trimmed.</li>
 *   <li>This server's published key format (the draft's §5 asks a server to fix and validate one): 1 to
 *       {@value IdempotencyConfig#MAX_KEY_LENGTH} characters, each visible ASCII (0x21–0x7E). So an empty key, a key
 *       of spaces, a key with a space or a control character, or a longer key is rejected.</li>
 *   <li>A request carries at most one field (draft §2.1: "Clients MUST NOT include more than one"): more than one
 *       field line is rejected.</li>
 * </ul>
 *
 * @param value the key, as the client chose it
 */
public record IdempotencyKey(String value) {

    /**
     * The key in the {@code Idempotency-Key} field lines of a request.
     *
     * @param fieldLines the values of every {@code Idempotency-Key} field line, in order; not empty
     * @throws IllegalArgumentException if there is more than one line, or the key is malformed, empty or too long;
     *                                  its message says which rule was broken
     */
    public static IdempotencyKey parse(List<String> fieldLines) {
        throw new UnsupportedOperationException("Stage 1: parse the Idempotency-Key field"
                + " — see katas/06-idempotency/README.md, 'Stage 1 — The key'");
    }

    /** The key as a client sends it: an sf-string, quoted, with {@code "} and {@code \} escaped (RFC 8941 §4.1.6). */
    public String toFieldValue() {
        throw new UnsupportedOperationException("Stage 1: serialize the key as an sf-string"
                + " — see katas/06-idempotency/README.md, 'Stage 1 — The key'");
    }
}
