package dev.backendkatas.chunkedupload;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ResumableUploadClient} uploads.
 *
 * <p>Given to you: it is not the lesson.
 *
 * @param chunkSize      the most bytes one PATCH carries; positive. Memory per upload is one chunk.
 * @param retryPolicy    how many failures in a row are tolerated, and the waits between them
 * @param sleeper        does the waiting
 * @param connectTimeout how long to wait for a TCP connection; positive
 * @param requestTimeout how long one request may take until its response headers arrive; positive
 */
public record ClientConfig(int chunkSize, RetryPolicy retryPolicy, Sleeper sleeper, Duration connectTimeout,
        Duration requestTimeout) {

    public ClientConfig {
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be positive, got " + chunkSize);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** {@code chunkSize}-byte chunks, {@link RetryPolicy#DEFAULT}, real sleeping, 5 s to connect, 30 s per request. */
    public static ClientConfig of(int chunkSize) {
        return new ClientConfig(chunkSize, RetryPolicy.DEFAULT, Sleeper.REAL, Duration.ofSeconds(5),
                Duration.ofSeconds(30));
    }
}
