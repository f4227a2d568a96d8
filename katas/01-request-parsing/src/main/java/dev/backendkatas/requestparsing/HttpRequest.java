package dev.backendkatas.requestparsing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A complete request, as the parser hands it over once its last byte has arrived.
 *
 * <p>Given to you: it is not the lesson. Immutable: the body is copied in and out.
 *
 * @param method     the method token, case-sensitive ({@code GET} and {@code get} are different methods, RFC 9110 §9.1)
 * @param target     the request-target exactly as sent
 * @param targetForm which of the four forms the target has (RFC 9112 §3.2)
 * @param version    the protocol version of the request line
 * @param headers    the header section's field lines, in order
 * @param body       the message body after removing the transfer coding (empty when the request has none)
 * @param trailers   the trailer section of a chunked body (RFC 9112 §7.1.2); empty otherwise
 * @param keepAlive  whether the connection stays open after the response (RFC 9112 §9.3)
 */
public record HttpRequest(
        String method,
        String target,
        TargetForm targetForm,
        HttpVersion version,
        HeaderFields headers,
        byte[] body,
        HeaderFields trailers,
        boolean keepAlive) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetForm, "targetForm");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(trailers, "trailers");
        body = body == null ? new byte[0] : body.clone();
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8, for tests and handlers that deal in text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpRequest that
                && method.equals(that.method)
                && target.equals(that.target)
                && targetForm == that.targetForm
                && version.equals(that.version)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body)
                && trailers.equals(that.trailers)
                && keepAlive == that.keepAlive;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, targetForm, version, headers, Arrays.hashCode(body), trailers, keepAlive);
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version + " (" + targetForm + ")"
                + " headers=" + headers
                + " body=" + body.length + " bytes"
                + (trailers.size() > 0 ? " trailers=" + trailers : "")
                + (keepAlive ? " keep-alive" : " close");
    }
}
