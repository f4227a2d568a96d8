package dev.backendkatas.longpolling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage 6 — a short-polling client: ask, get an answer at once, and ask again one interval later.
 *
 * <p>The same cursor discipline as {@link LongPollClient}; the only differences are the missing {@code wait} and the
 * sleep after an empty answer. That sleep is where short polling's delay comes from, and the empty answers before it
 * are where its cost comes from.
 */
public final class ShortPollClient {

    private static final Pattern OLDEST = Pattern.compile("\"oldest\":(\\d{1,19})");
    /** A short poll is answered at once; this only bounds a server that does not answer at all. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI server;
    private final Duration interval;
    private final Sleeper sleeper;
    private final HttpClient http;

    public ShortPollClient(URI server, Duration interval, Sleeper sleeper) {
        this.server = Objects.requireNonNull(server, "server");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Follows the log from {@code after} with short polls until {@code stop} says so. */
    public long follow(long after, Consumer<Event> listener, BooleanSupplier stop)
            throws PollFailedException, CursorExpiredException, InterruptedException {
        long cursor = after;
        while (!stop.getAsBoolean()) {
            HttpRequest request = HttpRequest.newBuilder(server.resolve("/events?after=" + cursor))
                    .timeout(REQUEST_TIMEOUT).GET().build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new PollFailedException("the poll failed", PollFailedException.NO_STATUS, e);
            }
            int status = response.statusCode();
            if (status == 410) {
                Matcher oldest = OLDEST.matcher(response.body());
                throw new CursorExpiredException(cursor, oldest.find() ? Long.parseLong(oldest.group(1)) : 0);
            }
            if (status != 200) {
                throw new PollFailedException("the server refused the poll", status, null);
            }
            Batch batch;
            try {
                batch = Batch.parse(response.body());
            } catch (IllegalArgumentException e) {
                throw new PollFailedException("the server answered 200 without a batch", status, e);
            }
            if (batch.events().isEmpty()) {
                // Nothing new: this is the request short polling pays for nothing. Wait before the next one.
                sleeper.sleep(interval);
                continue;
            }
            // Events came: ask again at once, because a full batch may have left more behind it.
            for (Event event : batch.events()) {
                if (event.cursor() > cursor) {
                    listener.accept(event);
                    cursor = event.cursor();
                }
            }
        }
        return cursor;
    }
}
