package dev.backendkatas.longpolling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage 5 — a long-polling client on the JDK {@code HttpClient} that follows the cursor.
 *
 * <p>One loop over one variable, {@code cursor}, that moves only when the listener has taken an event; every failure
 * path leads back to the same poll with the same cursor.
 */
public final class LongPollClient {

    private static final Pattern OLDEST = Pattern.compile("\"oldest\":(\\d{1,19})");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}");

    private final URI server;
    private final ClientConfig config;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final HttpClient http;

    public LongPollClient(URI server, ClientConfig config, Sleeper sleeper, DoubleSupplier random) {
        this.server = Objects.requireNonNull(server, "server");
        this.config = Objects.requireNonNull(config, "config");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Follows the log from {@code after} until {@code stop} says so. */
    public long follow(long after, Consumer<Event> listener, BooleanSupplier stop)
            throws PollFailedException, CursorExpiredException, InterruptedException {
        long cursor = after;
        int failures = 0;
        while (!stop.getAsBoolean()) {
            HttpRequest request = HttpRequest.newBuilder(
                            server.resolve("/events?after=" + cursor + "&wait=" + config.pollWait().toSeconds()))
                    .timeout(config.requestTimeout()).GET().build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                failures = fail(failures, PollFailedException.NO_STATUS, e, Optional.empty());
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                Batch batch;
                try {
                    batch = Batch.parse(response.body());
                } catch (IllegalArgumentException e) {
                    throw new PollFailedException("the server answered 200 without a batch", status, e);
                }
                failures = 0;
                for (Event event : batch.events()) {
                    // A batch sent again (its first answer was lost) repeats events the listener already has.
                    if (event.cursor() > cursor) {
                        listener.accept(event);
                        cursor = event.cursor();
                    }
                }
            } else if (status == 410) {
                Matcher oldest = OLDEST.matcher(response.body());
                throw new CursorExpiredException(cursor, oldest.find() ? Long.parseLong(oldest.group(1)) : 0);
            } else if (status >= 500 || status == 429) {
                failures = fail(failures, status, null, response.headers().firstValue("Retry-After"));
            } else {
                throw new PollFailedException("the server refused the poll", status, null);
            }
        }
        return cursor;
    }

    /** The wait after failure number {@code failures} in a row without a {@code Retry-After}. */
    public Duration backoff(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1");
        }
        Duration base = config.maxBackoff();
        // Doubling stops well before it could overflow: 2^30 times any initial backoff is beyond every sane cap.
        if (failures <= 30) {
            Duration doubled = config.initialBackoff().multipliedBy(1L << (failures - 1));
            if (doubled.compareTo(base) < 0) {
                base = doubled;
            }
        }
        // Equal jitter: never zero (no thundering herd of instant retries), never above the cap.
        long half = base.toNanos() / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * half));
    }

    /** Counts a failure, gives up at the budget, else waits; returns the new count. */
    private int fail(int failures, int status, IOException cause, Optional<String> retryAfter)
            throws PollFailedException, InterruptedException {
        int now = failures + 1;
        if (now >= config.maxFailures()) {
            throw new PollFailedException("gave up after " + now + " failures in a row", status, cause);
        }
        Optional<String> seconds = retryAfter.map(String::trim).filter(v -> SECONDS.matcher(v).matches());
        sleeper.sleep(seconds.isPresent() ? Duration.ofSeconds(Long.parseLong(seconds.get())) : backoff(now));
        return now;
    }
}
