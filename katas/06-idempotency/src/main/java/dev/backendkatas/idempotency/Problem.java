package dev.backendkatas.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * An error answer as "problem details" JSON (RFC 9457): {@code Content-Type: application/problem+json} and a body with
 * {@code type}, {@code title}, {@code status} and {@code detail} (§3.1). Given to you, with the problem types of this
 * API; the lesson is <em>which</em> one to answer, and whether to store it.
 *
 * @param status the HTTP status, repeated in the body (RFC 9457 §3.1.2)
 * @param type   a URI that names the kind of problem (§3.1.1); clients switch on it, not on the title
 * @param title  a short summary of the type, the same for every occurrence (§3.1.3)
 * @param detail what went wrong with this request (§3.1.4)
 */
public record Problem(int status, String type, String title, String detail) {

    /** Where the problem types of this API live. */
    public static final String TYPES = "https://backendkatas.dev/problems/";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
    }

    /** 400: the endpoint requires an {@code Idempotency-Key} and the request has none. */
    public static Problem keyMissing(String detail) {
        return new Problem(400, TYPES + "idempotency-key-missing", "Idempotency-Key is missing", detail);
    }

    /** 400: the {@code Idempotency-Key} is empty, too long, malformed, or sent more than once. */
    public static Problem keyInvalid(String detail) {
        return new Problem(400, TYPES + "idempotency-key-invalid", "Idempotency-Key is invalid", detail);
    }

    /** 422: the key was already used for a different request (draft-ietf-httpapi-idempotency-key-header §2.7). */
    public static Problem keyReused(String detail) {
        return new Problem(422, TYPES + "idempotency-key-reused", "Idempotency-Key is already used", detail);
    }

    /** 409: a request with this key is still being processed (draft-ietf-httpapi-idempotency-key-header §2.7). */
    public static Problem keyInFlight(String detail) {
        return new Problem(409, TYPES + "idempotency-key-in-flight",
                "A request is outstanding for this Idempotency-Key", detail);
    }

    /** 400: the body is not a valid payment request ({@link ValidationException}). */
    public static Problem invalidRequest(String detail) {
        return new Problem(400, TYPES + "invalid-request", "The request is invalid", detail);
    }

    /** 413: the body is larger than the server reads (RFC 9110 §15.5.14). */
    public static Problem bodyTooLarge(String detail) {
        return new Problem(413, TYPES + "body-too-large", "The request body is too large", detail);
    }

    /** 401: no API key ({@code Authorization: Bearer <key>}, RFC 6750 §2.1). */
    public static Problem unauthorized(String detail) {
        return new Problem(401, TYPES + "unauthorized", "An API key is required", detail);
    }

    /** 405: the endpoint takes POST only (RFC 9110 §15.5.6). */
    public static Problem methodNotAllowed(String detail) {
        return new Problem(405, TYPES + "method-not-allowed", "Method not allowed", detail);
    }

    /** 404: no such endpoint. */
    public static Problem notFound(String detail) {
        return new Problem(404, TYPES + "not-found", "Not found", detail);
    }

    /** 402: the card was declined. A decided, completed outcome of the operation. */
    public static Problem cardDeclined(String detail) {
        return new Problem(402, TYPES + "card-declined", "The card was declined", detail);
    }

    /** 503: the server could not do it now (its database failed); nothing happened, try again (RFC 9110 §15.6.4). */
    public static Problem unavailable(String detail) {
        return new Problem(503, TYPES + "unavailable", "Try again later", detail);
    }

    /** 500: an unexpected failure; nothing was committed, nothing is stored. */
    public static Problem internal(String detail) {
        return new Problem(500, TYPES + "internal", "Internal error", detail);
    }

    /** The body: {@code {"type":…,"title":…,"status":…,"detail":…}}. */
    public String toJson() {
        return "{\"type\":" + Json.string(type) + ",\"title\":" + Json.string(title) + ",\"status\":" + status
                + ",\"detail\":" + Json.string(detail) + "}";
    }

    /** This problem as a response: its status, {@code Content-Type: application/problem+json}, the JSON body. */
    public StoredResponse toResponse() {
        return new StoredResponse(status, Map.of("Content-Type", "application/problem+json"),
                toJson().getBytes(StandardCharsets.UTF_8));
    }
}
