package dev.backendkatas.requestparsing;

import java.util.List;
import java.util.Objects;

/**
 * A request that cannot be accepted. Carries the status code the server answers with before it closes the
 * connection, where in the byte stream the problem is, and the requests that the same bytes completed before it.
 *
 * <p>Given to you: it is not the lesson. Statuses used by this kata: 400 Bad Request, 413 Content Too Large,
 * 414 URI Too Long, 431 Request Header Fields Too Large, 501 Not Implemented, 505 HTTP Version Not Supported.
 */
public class HttpParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final long offset;
    private final String detail;
    private final transient List<HttpRequest> requestsBefore;

    /**
     * @param status the status code to answer with
     * @param offset the index in the connection's byte stream (counting from the first byte ever fed to the parser)
     *               of the byte where the problem is; see {@link RequestParser} for which byte that is
     * @param detail what is wrong, in words a person can act on
     */
    public HttpParseException(int status, long offset, String detail) {
        this(status, offset, detail, List.of());
    }

    /**
     * @param requestsBefore complete, valid requests that the bytes of the same {@code feed} call held before the
     *                       problem: they are owed a response, in order, before the error response
     */
    public HttpParseException(int status, long offset, String detail, List<HttpRequest> requestsBefore) {
        super(status + " " + HttpResponse.reasonPhrase(status) + " at byte " + offset + ": " + detail);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a parse error answers with a 4xx or 5xx status, got " + status);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        this.status = status;
        this.offset = offset;
        this.detail = Objects.requireNonNull(detail, "detail");
        this.requestsBefore = List.copyOf(requestsBefore);
    }

    /** The same error, carrying the requests completed before it. */
    public HttpParseException withRequestsBefore(List<HttpRequest> requests) {
        HttpParseException copy = new HttpParseException(status, offset, detail, requests);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** The status code to answer with. */
    public int status() {
        return status;
    }

    /** The index in the byte stream where the problem is. */
    public long offset() {
        return offset;
    }

    /** What is wrong, without the status and offset. */
    public String detail() {
        return detail;
    }

    /** The valid requests completed by the same bytes before the problem, in order; often none. */
    public List<HttpRequest> requestsBefore() {
        return requestsBefore == null ? List.of() : requestsBefore;
    }
}
