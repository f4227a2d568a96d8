package dev.backendkatas.chunkedupload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link UploadServer} is set up.
 *
 * <p>Given to you: it is not the lesson.
 *
 * <h2>Where uploads live</h2>
 * Everything the server keeps about upload {@code id} lives directly in {@code storageRoot}, in files whose names
 * start with the id. The upload's bytes are in {@code storageRoot/<id>.bin} (the <em>data file</em>): byte {@code i}
 * of the upload is byte {@code i} of that file. After a crash, the data file may hold more bytes than the server ever
 * acknowledged; only the first {@code Upload-Offset} bytes count. Nothing is ever read or written outside
 * {@code storageRoot}.
 *
 * <h2>Time</h2>
 * The server reads the time only from {@code clock} (stage 11, Expiration), so a test can move it forward instead of
 * waiting. An unfinished upload expires {@code expiration} after its creation or its last stored chunk.
 *
 * @param storageRoot   the directory that holds every upload; it must exist
 * @param maxUploadSize the largest {@code Upload-Length} accepted, in bytes (announced as {@code Tus-Max-Size});
 *                      a larger one is answered with 413
 * @param basePath      the creation URL's path, e.g. {@code /uploads}; upload {@code id} is at {@code basePath/id}.
 *                      Starts with '/', does not end with '/'
 * @param lockTimeout   how long a PATCH waits for another PATCH to the same upload to finish before it gives up
 *                      with 409; positive
 * @param clock         where the server reads the time (Expiration)
 * @param expiration    how long an unfinished upload lives after its creation or its last stored chunk; positive
 */
public record UploadServerConfig(Path storageRoot, long maxUploadSize, String basePath, Duration lockTimeout,
        Clock clock, Duration expiration) {

    /** The creation URL path of {@link #of}. */
    public static final String DEFAULT_BASE_PATH = "/uploads";

    /** The expiration of {@link #of}: an unfinished upload untouched for a day is abandoned. */
    public static final Duration DEFAULT_EXPIRATION = Duration.ofHours(24);

    public UploadServerConfig {
        Objects.requireNonNull(storageRoot, "storageRoot");
        Objects.requireNonNull(basePath, "basePath");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(expiration, "expiration");
        if (maxUploadSize < 0) {
            throw new IllegalArgumentException("maxUploadSize must not be negative, got " + maxUploadSize);
        }
        if (!basePath.startsWith("/") || basePath.endsWith("/") || basePath.length() < 2) {
            throw new IllegalArgumentException("basePath must start with '/' and not end with '/', got " + basePath);
        }
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lockTimeout must be positive, got " + lockTimeout);
        }
        if (expiration.isNegative() || expiration.isZero()) {
            throw new IllegalArgumentException("expiration must be positive, got " + expiration);
        }
    }

    /** The system clock (UTC) and {@link #DEFAULT_EXPIRATION}. */
    public UploadServerConfig(Path storageRoot, long maxUploadSize, String basePath, Duration lockTimeout) {
        this(storageRoot, maxUploadSize, basePath, lockTimeout, Clock.systemUTC(), DEFAULT_EXPIRATION);
    }

    /** Uploads under {@code storageRoot} at {@value #DEFAULT_BASE_PATH}, a 5-second lock timeout. */
    public static UploadServerConfig of(Path storageRoot, long maxUploadSize) {
        return new UploadServerConfig(storageRoot, maxUploadSize, DEFAULT_BASE_PATH, Duration.ofSeconds(5));
    }

    /** The same configuration with another clock (a test's clock that it moves forward). */
    public UploadServerConfig withClock(Clock newClock) {
        return new UploadServerConfig(storageRoot, maxUploadSize, basePath, lockTimeout, newClock, expiration);
    }

    /** The same configuration with another expiration period. */
    public UploadServerConfig withExpiration(Duration newExpiration) {
        return new UploadServerConfig(storageRoot, maxUploadSize, basePath, lockTimeout, clock, newExpiration);
    }

    /** The data file of upload {@code id}: {@code storageRoot/<id>.bin}. Call it only with a valid id. */
    public Path dataFile(String id) {
        return storageRoot.resolve(id + ".bin");
    }
}
