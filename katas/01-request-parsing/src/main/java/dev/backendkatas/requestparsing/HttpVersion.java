package dev.backendkatas.requestparsing;

/**
 * The protocol version of a request line: {@code HTTP/<major>.<minor>}, one digit each (RFC 9112 §2.3).
 *
 * <p>Given to you: it is not the lesson.
 *
 * @param major the major version digit, 0 to 9
 * @param minor the minor version digit, 0 to 9
 */
public record HttpVersion(int major, int minor) {

    /** HTTP/1.0: connections close after each response unless the client asks for keep-alive. */
    public static final HttpVersion HTTP_1_0 = new HttpVersion(1, 0);
    /** HTTP/1.1: connections stay open unless either side says {@code Connection: close}. */
    public static final HttpVersion HTTP_1_1 = new HttpVersion(1, 1);

    public HttpVersion {
        if (major < 0 || major > 9 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("HTTP version digits are 0-9, got " + major + "." + minor);
        }
    }

    /**
     * Whether a message of this version defaults to a persistent connection (RFC 9112 §9.3): HTTP/1.1 and any later
     * 1.x minor version do; HTTP/1.0 does not.
     */
    public boolean persistentByDefault() {
        return major == 1 && minor >= 1;
    }

    @Override
    public String toString() {
        return "HTTP/" + major + "." + minor;
    }
}
