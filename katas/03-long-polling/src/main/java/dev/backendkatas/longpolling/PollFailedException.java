package dev.backendkatas.longpolling;

/**
 * The client gives up: a permanent error, or too many failures in a row. Given to you.
 */
public final class PollFailedException extends Exception {

    /** The status of a response that had none: the failure was a network error. */
    public static final int NO_STATUS = -1;

    private final int status;

    public PollFailedException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The status of the last response, or {@link #NO_STATUS}. */
    public int status() {
        return status;
    }
}
