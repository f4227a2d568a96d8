package dev.backendkatas.requestparsing;

/** The three parts of a request line once it has been checked (RFC 9112 §3). */
record RequestLine(String method, String target, TargetForm targetForm, HttpVersion version) {
}
