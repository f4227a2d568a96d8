package dev.backendkatas.pubsub;

/**
 * A frame that breaks STOMP 1.2 or a limit of this server: malformed, oversized, or not allowed at this point of the
 * conversation. The server answers with an ERROR frame whose {@code message} header is {@link #getMessage()}, then
 * closes the connection (STOMP 1.2, "ERROR").
 */
public class StompProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message a short description for the ERROR frame's {@code message} header (one line) */
    public StompProtocolException(String message) {
        super(message);
    }
}
