package dev.backendkatas.webrtcsignaling;

/**
 * An event stream went over the parser's bound: a line or an event's data longer than it accepts. A browser has no
 * such bound; a server that reads streams from the network needs one, or a peer that never sends a line end grows its
 * buffer until the heap is gone.
 *
 * <p>Given.
 */
public class SseLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message which bound, and by how much */
    public SseLimitException(String message) {
        super(message);
    }
}
