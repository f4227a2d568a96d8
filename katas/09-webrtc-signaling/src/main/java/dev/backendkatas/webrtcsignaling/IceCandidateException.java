package dev.backendkatas.webrtcsignaling;

/**
 * A candidate line broke the grammar of RFC 8839 §5.1, or a value is out of its range. The message names the field,
 * the rule, and shows the line. An ICE agent drops such a candidate and keeps the others.
 *
 * <p>Given.
 */
public class IceCandidateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message which field broke which rule, with the line */
    public IceCandidateException(String message) {
        super(message);
    }
}
