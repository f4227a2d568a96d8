package dev.backendkatas.longpolling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The Stage 6 bench: {@code GET /events?after=N[&wait=S]} over real HTTP, on a <em>virtual</em> clock, counting what
 * each client costs.
 *
 * <p>A stream of events is given up front, each at a virtual time; an event is appended to an {@link EventLog} when
 * the clock reaches it. The clock moves in exactly two ways, so that no real time passes and nothing depends on the
 * machine's speed:
 * <ul>
 *   <li>a client sleeps through {@link #sleeper()} (a short-polling client between two polls);</li>
 *   <li>a long poll finds nothing new: the server moves the clock to the next event, if it comes within the wait, or
 *       to the end of the wait, and answers then. No thread is held; the client simply gets its answer "later".</li>
 * </ul>
 * Every request, every empty answer and each event's delay (virtual time from its append to its delivery to the
 * listener) are recorded. One client at a time: the bench is one virtual world, and a client's polls are its only
 * traffic.
 */
final class VirtualEventsServer implements AutoCloseable {

    static {
        // As in PollingServer: without TCP_NODELAY each small answer waits ~40 ms for a delayed ACK (RFC 896), and a
        // bench of hundreds of polls would take seconds of real time for nothing.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** A client that polls this often without letting time pass is stuck in a loop: stop it and say so. */
    static final int MAX_POLLS = 5_000;

    private final List<Duration> eventTimes;
    private final EventLog log;
    private final int maxBatch;
    private final Map<Long, Duration> appendedAt = new HashMap<>();
    private final List<PollMeasurement.Poll> polls = new ArrayList<>();
    private final List<PollMeasurement.Delivery> deliveries = new ArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final HttpServer server;
    private Duration now = Duration.ZERO;
    private int appended;

    /**
     * @param eventTimes when each event is appended, in order (several may share a time)
     * @param retention  the log's retention
     * @param maxBatch   events per answer, at most
     */
    VirtualEventsServer(List<Duration> eventTimes, int retention, int maxBatch) throws IOException {
        for (int i = 1; i < eventTimes.size(); i++) {
            if (eventTimes.get(i).compareTo(eventTimes.get(i - 1)) < 0) {
                throw new IllegalArgumentException("event times must be in order: " + eventTimes);
            }
        }
        this.eventTimes = List.copyOf(eventTimes);
        this.log = new EventLog(retention);
        this.maxBatch = maxBatch;
        advanceTo(Duration.ZERO);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/events", this::handle);
        server.setExecutor(thread);
        server.start();
    }

    /** A bench with a retention and batch size large enough not to matter. */
    VirtualEventsServer(List<Duration> eventTimes) throws IOException {
        this(eventTimes, 1000, 100);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sleeping moves the virtual clock, and appends the events it passes. */
    Sleeper sleeper() {
        return delay -> {
            synchronized (this) {
                advanceTo(now.plus(delay));
            }
        };
    }

    /** The listener to give the client: records each event's delay from its append to now. */
    Consumer<Event> listener() {
        return event -> {
            synchronized (this) {
                Duration at = appendedAt.get(event.cursor());
                deliveries.add(new PollMeasurement.Delivery(event.cursor(), at == null ? null : now.minus(at)));
            }
        };
    }

    /** "Stop" once the virtual clock reached {@code end} (or the client polled {@link #MAX_POLLS} times). */
    BooleanSupplier until(Duration end) {
        return () -> {
            synchronized (this) {
                return now.compareTo(end) >= 0 || polls.size() >= MAX_POLLS;
            }
        };
    }

    synchronized Duration now() {
        return now;
    }

    /** What the client cost so far. */
    synchronized PollMeasurement measurement() {
        return new PollMeasurement(polls, deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }

    /** Appends every event due by {@code time}, then sets the clock to it. Called with the lock held. */
    private void advanceTo(Duration time) {
        while (appended < eventTimes.size() && eventTimes.get(appended).compareTo(time) <= 0) {
            Duration at = eventTimes.get(appended);
            long cursor = log.append("event " + (appended + 1));
            appendedAt.put(cursor, at);
            appended++;
        }
        now = time;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long after;
            long waitSeconds;
            try {
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                after = Long.parseLong(query.get("after"));
                waitSeconds = query.containsKey("wait") ? Long.parseLong(query.get("wait")) : 0;
            } catch (RuntimeException malformed) {
                answer(exchange, 400, "{\"error\":\"bad query\"}");
                return;
            }
            synchronized (this) {
                Duration sent = now;
                int status = 200;
                String body;
                int events = 0;
                try {
                    Batch batch = log.read(after, maxBatch);
                    if (batch.events().isEmpty() && waitSeconds > 0) {
                        Duration deadline = now.plusSeconds(waitSeconds);
                        boolean eventInTime = appended < eventTimes.size()
                                && eventTimes.get(appended).compareTo(deadline) <= 0;
                        advanceTo(eventInTime ? eventTimes.get(appended) : deadline);
                        batch = log.read(after, maxBatch);
                    }
                    events = batch.events().size();
                    body = batch.toJson();
                } catch (CursorExpiredException e) {
                    status = 410;
                    body = "{\"error\":\"cursor expired\",\"oldest\":" + e.oldest() + "}";
                } catch (IllegalArgumentException e) {
                    status = 400;
                    body = "{\"error\":\"bad cursor\"}";
                }
                polls.add(new PollMeasurement.Poll(sent, after, Duration.ofSeconds(waitSeconds), status, events,
                        now));
                answer(exchange, status, body);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (query.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("repeated parameter");
            }
        }
        return query;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
