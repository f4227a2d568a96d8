package dev.backendkatas.idempotency;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** Stage 7 — a client on the JDK {@code HttpClient} that makes POSTs safe to retry. See the stub's Javadoc. */
public final class PaymentsClient {

    private final URI server;
    private final String apiKey;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final Clock clock;
    private final Supplier<String> keys;
    private final HttpClient http;

    public PaymentsClient(URI server, String apiKey, RetryPolicy policy, Sleeper sleeper, DoubleSupplier random,
                          Clock clock, Supplier<String> keys) {
        this.server = Objects.requireNonNull(server, "server");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(policy.requestTimeout()).build();
    }

    public PaymentsClient(URI server, String apiKey) {
        this(server, apiKey, RetryPolicy.defaults(), Sleeper.REAL, Math::random, Clock.systemUTC(),
                () -> UUID.randomUUID().toString());
    }

    /** POSTs {@code json} to {@code path} as one logical operation: one key, as many attempts as allowed. */
    public PaymentResponse post(String path, String json) throws PaymentFailedException, InterruptedException {
        String key = keys.get(); // once per operation: every retry must carry the same key
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(policy.requestTimeout())
                .header("Idempotency-Key", new IdempotencyKey(key).toFieldValue())
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        for (int attempt = 1; ; attempt++) {
            int status = PaymentFailedException.NO_STATUS;
            IOException cause = null;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (!retryable(status)) {
                    return new PaymentResponse(status, response.body(), response.headers().firstValue("Location"),
                            key, response.headers().firstValue("Idempotent-Replayed").orElse("").equals("true"),
                            attempt);
                }
                retryAfter = response.headers().firstValue("Retry-After").flatMap(this::retryAfter);
            } catch (IOException e) {
                cause = e; // sent or not, processed or not: unknown, and the same key makes a retry safe
            }
            if (attempt >= policy.maxAttempts()) {
                throw new PaymentFailedException(key, status, cause);
            }
            int failures = attempt; // every attempt so far failed
            sleeper.sleep(retryAfter.orElseGet(() -> backoff(failures)));
        }
    }

    /** 409 (still in flight) and 5xx may succeed later; every other 4xx is final, and so is a 2xx. */
    private static boolean retryable(int status) {
        return status == 409 || status >= 500;
    }

    /** Full jitter: random × min(maxBackoff, initialBackoff × 2^(n−1)). */
    public Duration backoff(int failures) {
        long cap = policy.maxBackoff().toNanos();
        long base = policy.initialBackoff().toNanos();
        // Double until the cap; never shift into overflow.
        for (int i = 1; i < failures && base < cap; i++) {
            base = base > cap / 2 ? cap : base * 2;
        }
        base = Math.min(base, cap);
        return Duration.ofNanos((long) (random.getAsDouble() * base));
    }

    /** RFC 9110 §10.2.3: delay-seconds, or an HTTP-date counted from the clock's now; empty if invalid. */
    private Optional<Duration> retryAfter(String value) {
        String text = value.strip();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
