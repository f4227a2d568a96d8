package dev.backendkatas.requestparsing;

/**
 * A request that cannot be accepted. Carries the status code the server answers with before it closes the
 * connection, and where in the byte stream the problem is.
 *
 * <p>Given to you: it is not the lesson. Statuses used by this kata: 400 Bad Request, 413 Content Too Large,
 * 414 URI Too Long, 431 Request Header Fields Too Large, 501 Not Implemented, 505 HTTP Version Not Supported.
 */
public class HttpParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final long offset;

    /**
     * @param status the status code to answer with
     * @param offset the index in the connection's byte stream (counting from the first byte ever fed to the parser)
     *               of the byte where the problem is; see {@link RequestParser} for which byte that is
     * @param detail what is wrong, in words a person can act on
     */
    public HttpParseException(int status, long offset, String detail) {
        super(status + " " + HttpResponse.reasonPhrase(status) + " at byte " + offset + ": " + detail);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a parse error answers with a 4xx or 5xx status, got " + status);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        this.status = status;
        this.offset = offset;
    }

    /** The status code to answer with. */
    public int status() {
        return status;
    }

    /** The index in the byte stream where the problem is. */
    public long offset() {
        return offset;
    }
}
