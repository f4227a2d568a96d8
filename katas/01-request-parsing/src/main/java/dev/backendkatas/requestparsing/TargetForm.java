package dev.backendkatas.requestparsing;

/**
 * The four forms of a request-target (RFC 9112 §3.2). Which one a request uses depends on its method and on whether
 * it goes to an origin server or a proxy.
 *
 * <p>Given to you: it is not the lesson.
 */
public enum TargetForm {
    /** {@code /path?query}: the usual form, sent to an origin server (§3.2.1). */
    ORIGIN,
    /** {@code http://example.com/path}: a complete URI, sent to a proxy (§3.2.2). */
    ABSOLUTE,
    /** {@code example.com:443}: host and port, used only by CONNECT to open a tunnel (§3.2.3). */
    AUTHORITY,
    /** {@code *}: the server as a whole, used only by a server-wide OPTIONS (§3.2.4). */
    ASTERISK
}
