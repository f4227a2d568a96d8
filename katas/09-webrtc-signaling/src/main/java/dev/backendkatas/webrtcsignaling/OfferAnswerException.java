package dev.backendkatas.webrtcsignaling;

/**
 * The remote description cannot be answered: it breaks a rule of RFC 3264, RFC 8843 (BUNDLE) or JSEP (RFC 8829). The
 * message names the rule; the signaling server sends it back to the offerer instead of an answer.
 *
 * <p>Given.
 */
public class OfferAnswerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message which rule was broken, with its RFC section */
    public OfferAnswerException(String message) {
        super(message);
    }
}
