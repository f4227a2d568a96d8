package dev.backendkatas.grader;

/** A problem with how the grader was called or with the repository layout: reported in one line, exit code 2. */
public final class GraderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GraderException(String message) {
        super(message);
    }

    public GraderException(String message, Throwable cause) {
        super(message, cause);
    }
}
