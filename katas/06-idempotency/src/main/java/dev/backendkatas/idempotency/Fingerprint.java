package dev.backendkatas.idempotency;

/**
 * Stage 3 — what makes two requests "the same request" for a key.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>The fingerprint is SHA-256 over the request's method, its path and its canonical body
 *       ({@link PaymentRequest#canonical()}), as 64 lower-case hex digits (draft-ietf-httpapi-idempotency-key-header
 *       §2.4: "a checksum of the entire request payload"; the method and the path are added so that a key reused on
 *       another endpoint is caught).</li>
 *   <li>The three parts are separated unambiguously: moving characters from one part to the next changes the
 *       fingerprint ({@code ("POST", "/a", "b")} and {@code ("POST", "/ab", "")} differ).</li>
 *   <li>Deterministic: the same three parts always give the same fingerprint, on every server instance and after a
 *       restart (no per-process salt, no {@code hashCode}).</li>
 * </ul>
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** The fingerprint of a request. */
    public static String of(String method, String path, String canonicalBody) {
        throw new UnsupportedOperationException("Stage 3: fingerprint the request"
                + " — see katas/06-idempotency/README.md, 'Stage 3 — Same key, different request'");
    }
}
