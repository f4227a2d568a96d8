package dev.backendkatas.longpolling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Stages 2 and 3 — {@code GET /events?after=N} (short poll) and {@code GET /events?after=N&wait=S} (long poll).
 */
public final class EventsHandler implements HttpHandler {

    private final PollingServerConfig config;
    private final EventLog log;
    private final Waiters waiters;

    public EventsHandler(PollingServerConfig config, EventLog log, Waiters waiters) {
        this.config = Objects.requireNonNull(config, "config");
        this.log = Objects.requireNonNull(log, "log");
        this.waiters = Objects.requireNonNull(waiters, "waiters");
    }

    /** Answers (or holds) one request on {@code /events} by the rules above. */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean heldForLater = false;
        try {
            heldForLater = answerOrHold(exchange);
        } finally {
            // A held exchange belongs to its waiter now; every other one is finished here.
            if (!heldForLater) {
                exchange.close();
            }
        }
    }

    private boolean answerOrHold(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getRawPath().equals("/events")) {
            text(exchange, 404, "no such resource");
            return false;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            text(exchange, 405, "use GET to read events");
            return false;
        }
        String query = exchange.getRequestURI().getRawQuery();
        long after;
        long waitSeconds;
        try {
            after = number(query, "after", true);
            waitSeconds = number(query, "wait", false);
        } catch (IllegalArgumentException malformed) {
            text(exchange, 400, malformed.getMessage());
            return false;
        }
        Batch now;
        try {
            now = log.read(after, config.maxBatch());
        } catch (IllegalArgumentException future) {
            text(exchange, 400, future.getMessage());
            return false;
        } catch (CursorExpiredException expired) {
            send(exchange, 410, "application/json",
                    "{\"error\":\"cursor expired\",\"oldest\":" + expired.oldest() + "}");
            return false;
        }
        if (!now.events().isEmpty() || waitSeconds == 0) {
            batch(exchange, now);
            return false;
        }
        // RFC 6202 §5.5: the server decides how long it holds; asking for more is not an error, it gets the cap.
        Duration wait = Duration.ofSeconds(waitSeconds);
        if (wait.compareTo(config.maxWait()) > 0) {
            wait = config.maxWait();
        }
        boolean held = waiters.await(after, wait, batch -> {
            try {
                batch(exchange, batch);
            } catch (IOException clientGone) {
                // The client left while we held its request: we learn it only now, when we write. Nothing to undo.
            } finally {
                exchange.close();
            }
        });
        if (!held) {
            exchange.getResponseHeaders().set("Retry-After", config.retryAfterHeader());
            text(exchange, 503, "too many polls held; retry later");
            return false;
        }
        return true;
    }

    /**
     * The one value of parameter {@code name}: 1 to 19 ASCII digits within a long. Absent and optional gives 0.
     *
     * @throws IllegalArgumentException if it is absent and required, repeated, or malformed
     */
    private static long number(String query, String name, boolean required) {
        String value = null;
        if (query != null) {
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (key.equals(name)) {
                    if (value != null) {
                        throw new IllegalArgumentException("'" + name + "' is given twice");
                    }
                    value = eq < 0 ? "" : pair.substring(eq + 1);
                }
            }
        }
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException("'" + name + "' is required");
            }
            return 0;
        }
        // Long.parseLong would accept "+5" and non-ASCII digits; the grammar is ASCII digits only.
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + name + "' must be a non-negative whole number, was '" + value + "'");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException tooLarge) {
            throw new IllegalArgumentException("'" + name + "' is too large");
        }
    }

    private static void batch(HttpExchange exchange, Batch batch) throws IOException {
        // A cached batch would hide new events from the next poll.
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, "application/json", batch.toJson());
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", message + "\n");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
