package dev.backendkatas.chunkedupload;

import java.io.IOException;

/**
 * An upload the client gives up on: a permanent refusal (a 4xx other than 409), a server that breaks the protocol
 * (an offset that goes backwards, beyond the length, or is missing), or a retry budget spent.
 *
 * <p>Given to you: it is not the lesson.
 */
public final class UploadFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** {@link #status()} when no response was involved (the last failure was an {@code IOException}). */
    public static final int NO_STATUS = -1;

    private final int status;

    /**
     * @param message what went wrong, with the request and the offset
     * @param status  the HTTP status of the response that ended the upload, or {@link #NO_STATUS}
     * @param cause   the last I/O failure, or null
     */
    public UploadFailedException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the response that ended the upload, or {@link #NO_STATUS}. */
    public int status() {
        return status;
    }
}
