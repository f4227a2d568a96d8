package dev.backendkatas.idempotency;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/** Stages 1 to 5 — a POST endpoint that never runs its operation twice for one key. See the stub's Javadoc. */
public final class IdempotentEndpoint implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(IdempotentEndpoint.class.getName());

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
        if (!exchange.getRequestURI().getRawPath().equals(path)) {
            Problem.notFound("no endpoint " + exchange.getRequestURI().getRawPath()).toResponse().send(exchange);
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            Problem.methodNotAllowed(path + " takes POST").toResponse().withHeader("Allow", "POST").send(exchange);
            return;
        }
        String client = client(exchange);
        if (client == null) {
            Problem.unauthorized("send Authorization: Bearer <api key>").toResponse()
                    .withHeader("WWW-Authenticate", "Bearer").send(exchange);
            return;
        }
        List<String> fieldLines = exchange.getRequestHeaders().get("Idempotency-Key");
        if (fieldLines == null || fieldLines.isEmpty()) {
            Problem.keyMissing(path + " requires an Idempotency-Key").toResponse().send(exchange);
            return;
        }
        IdempotencyKey key;
        try {
            key = IdempotencyKey.parse(fieldLines);
        } catch (IllegalArgumentException e) {
            Problem.keyInvalid(e.getMessage()).toResponse().send(exchange);
            return;
        }
        byte[] body = readBounded(exchange);
        if (body == null) {
            Problem.bodyTooLarge("bodies are limited to " + config.maxBodyBytes() + " bytes").toResponse()
                    .send(exchange);
            return;
        }
        PaymentRequest request;
        try {
            request = PaymentRequest.parse(body);
        } catch (ValidationException e) {
            // Checked before the claim: a request that never started stores nothing, so the client can fix it.
            Problem.invalidRequest(e.getMessage()).toResponse().send(exchange);
            return;
        }
        String fingerprint = Fingerprint.of("POST", path, request.canonical());
        Claim claim;
        try {
            claim = store.claim(client, key.value(), fingerprint);
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "claim failed", e);
            Problem.unavailable("the key could not be claimed; nothing happened, retry").toResponse()
                    .withHeader("Retry-After", "1").send(exchange);
            return;
        }
        if (claim instanceof Claim.Completed completed) {
            exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
            completed.response().send(exchange);
        } else if (claim instanceof Claim.InFlight) {
            inFlight("a request with this Idempotency-Key is being processed").send(exchange);
        } else if (claim instanceof Claim.Mismatch) {
            Problem.keyReused("this Idempotency-Key was used for a different request").toResponse().send(exchange);
        } else {
            run((Claim.Acquired) claim, request, exchange);
        }
    }

    private void run(Claim.Acquired claim, PaymentRequest request, HttpExchange exchange) throws IOException {
        StoredResponse response;
        try {
            response = store.complete(claim, tx -> operation.perform(tx, claim.client(), request));
        } catch (SQLException e) {
            // Nothing was committed: give the key back so that a retry runs the operation, once.
            LOG.log(System.Logger.Level.WARNING, "operation failed", e);
            store.release(claim);
            Problem.internal("the operation failed and was rolled back; retry with the same key").toResponse()
                    .send(exchange);
            return;
        }
        if (response == null) {
            inFlight("this request's lease on the key ended and another request took it over").send(exchange);
            return;
        }
        response.send(exchange);
    }

    private static StoredResponse inFlight(String detail) {
        return Problem.keyInFlight(detail).toResponse().withHeader("Retry-After", "1");
    }

    /** The API key of {@code Authorization: Bearer <key>} (RFC 6750 §2.1), or null. */
    private static String client(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /** The body, or null if it is larger than the limit; never reads more than the limit plus one byte. */
    private byte[] readBounded(HttpExchange exchange) throws IOException {
        int limit = config.maxBodyBytes();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > limit) {
                    return null; // refused before reading a byte of it
                }
            } catch (NumberFormatException e) {
                // the JDK server already rejects an invalid Content-Length; read and count instead
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? null : body;
        }
    }
}
