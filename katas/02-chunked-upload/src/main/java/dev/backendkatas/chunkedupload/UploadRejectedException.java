package dev.backendkatas.chunkedupload;

/**
 * A request the server refuses with a tus status: 404, 409, 413, 460 and friends. Whoever finds the problem throws
 * it; the request handler turns it into the response.
 *
 * <p>Given to you: it is not the lesson.
 */
public final class UploadRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final long currentOffset;

    /**
     * @param status        the HTTP status to answer with
     * @param reason        why, for the response body and the logs
     * @param currentOffset the upload's acknowledged offset, sent as {@code Upload-Offset} with a 409; -1 if unknown
     *                      or not relevant
     */
    public UploadRejectedException(int status, String reason, long currentOffset) {
        super(reason);
        this.status = status;
        this.currentOffset = currentOffset;
    }

    /** A refusal that needs no offset. */
    public UploadRejectedException(int status, String reason) {
        this(status, reason, -1);
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** The upload's acknowledged offset, or -1. */
    public long currentOffset() {
        return currentOffset;
    }
}
