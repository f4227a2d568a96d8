package dev.backendkatas.requestparsing;

/**
 * Decides which of the four forms a request-target has, and whether the method may use it (RFC 9112 §3.2).
 */
final class TargetForms {

    private TargetForms() {
    }

    /**
     * @param targetStart the stream offset of the target's first byte: a refused form is reported there
     * @throws HttpParseException 400 when the target has no form this method may use
     */
    static TargetForm classify(String method, String target, long targetStart) throws HttpParseException {
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw new HttpParseException(400, targetStart,
                        "only OPTIONS may use the asterisk-form \"*\", not " + method + " (RFC 9112 §3.2.4)");
            }
            return TargetForm.ASTERISK;
        }
        if (method.equals("CONNECT")) {
            if (!isAuthorityForm(target)) {
                throw new HttpParseException(400, targetStart, "CONNECT needs the authority-form host:port, got \""
                        + target + "\" (RFC 9112 §3.2.3)");
            }
            return TargetForm.AUTHORITY;
        }
        if (target.charAt(0) == '/') {
            return TargetForm.ORIGIN;
        }
        if (isAbsoluteUri(target)) {
            return TargetForm.ABSOLUTE;
        }
        throw new HttpParseException(400, targetStart, "\"" + target + "\" is neither an origin-form (starting with"
                + " '/') nor an absolute URI (scheme \":\" ...) (RFC 9112 §3.2)");
    }

    /** {@code host ":" port}: a non-empty host of host characters, and a port of one or more digits. */
    private static boolean isAuthorityForm(String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            if (!HttpChars.isHostChar(target.charAt(i))) {
                return false;
            }
        }
        for (int i = colon + 1; i < target.length(); i++) {
            if (!HttpChars.isDigit(target.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code scheme ":" ...}, the scheme a letter then letters, digits, {@code + - .} (RFC 3986 §3.1). */
    private static boolean isAbsoluteUri(String target) {
        int colon = target.indexOf(':');
        if (colon <= 0 || !HttpChars.isLetter(target.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = target.charAt(i);
            if (!HttpChars.isLetter(c) && !HttpChars.isDigit(c) && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }
}
