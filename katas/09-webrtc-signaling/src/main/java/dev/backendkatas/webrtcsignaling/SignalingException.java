package dev.backendkatas.webrtcsignaling;

/**
 * A request the signaling server refuses: the HTTP status to answer with and a message that says why.
 *
 * <p>Given. The server answers {@code status} with {@code message} as a {@code text/plain} body.
 */
public final class SignalingException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  the HTTP status, 400 to 499 or 503
     * @param message what is wrong, for the client's developer to read
     */
    public SignalingException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }
}
