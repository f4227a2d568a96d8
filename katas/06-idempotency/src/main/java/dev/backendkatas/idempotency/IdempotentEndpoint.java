package dev.backendkatas.idempotency;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Objects;

/**
 * Stages 1 to 5 — a POST endpoint that never runs its operation twice for one key.
 *
 * <h2>Contract, in the order a request meets it</h2>
 * <ol>
 *   <li>The path is exactly the endpoint's path, else {@code 404}; the method is {@code POST}, else {@code 405} with
 *       {@code Allow: POST} (RFC 9110 §15.5.6).</li>
 *   <li>The client is the API key of {@code Authorization: Bearer <api-key>} (RFC 6750 §2.1); without one,
 *       {@code 401} with {@code WWW-Authenticate: Bearer}. Keys are scoped per client: two clients may use the same
 *       key and never see each other's responses (Stage 3).</li>
 *   <li>No {@code Idempotency-Key} field: {@code 400} {@link Problem#keyMissing} (draft-ietf-httpapi-idempotency-key-header
 *       §2.7). A field that {@link IdempotencyKey#parse} rejects: {@code 400} {@link Problem#keyInvalid}.</li>
 *   <li>A body larger than {@link IdempotencyConfig#maxBodyBytes()}: {@code 413} {@link Problem#bodyTooLarge}, without
 *       reading more than that limit (plus one byte). A body that {@link PaymentRequest#parse} rejects: {@code 400}
 *       {@link Problem#invalidRequest}. Nothing ran, so nothing is stored: the client may fix the body and retry with
 *       the same key.</li>
 *   <li>{@link KeyStore#claim} with {@link Fingerprint#of} ({@code POST}, the path, the canonical body):
 *       <ul>
 *         <li>{@link Claim.Acquired}: {@link KeyStore#complete} runs the operation and stores its response; answer it
 *             (a success or a completed failure such as {@code 402}). If the key was taken over meanwhile: {@code 409}
 *             {@link Problem#keyInFlight}. If the database failed: {@link KeyStore#release} the key, then {@code 500}
 *             {@link Problem#internal}.</li>
 *         <li>{@link Claim.Completed}: the stored response byte for byte, plus {@code Idempotent-Replayed: true}
 *             (Stripe's header); the operation does not run.</li>
 *         <li>{@link Claim.InFlight}: {@code 409} {@link Problem#keyInFlight} with {@code Retry-After: 1}
 *             (draft §2.7). Nothing is stored for it.</li>
 *         <li>{@link Claim.Mismatch}: {@code 422} {@link Problem#keyReused} (draft §2.7). Nothing is stored for it.</li>
 *       </ul></li>
 *   <li>The claim itself fails (the database is down): {@code 503} {@link Problem#unavailable} with
 *       {@code Retry-After: 1}; nothing was claimed, the client may retry.</li>
 *   <li>Never catch {@link Error}s: a {@link SimulatedCrash} must leave the server as a crash would.</li>
 *   <li>Every exchange is answered and closed ({@link StoredResponse#send} does both).</li>
 * </ol>
 */
public final class IdempotentEndpoint implements HttpHandler {

    private final String path;
    private final IdempotencyConfig config;
    private final KeyStore store;
    private final PaymentOperation operation;

    /** The endpoint at {@code path} that runs {@code operation} at most once per key. */
    public IdempotentEndpoint(String path, IdempotencyConfig config, KeyStore store, PaymentOperation operation) {
        this.path = Objects.requireNonNull(path, "path");
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        throw new UnsupportedOperationException("Stage 1: check the request and its key"
                + " — see katas/06-idempotency/README.md, 'Stage 1 — The key'");
    }
}
