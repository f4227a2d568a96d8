package dev.backendkatas.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backendkatas.longpolling.Batch;
import dev.backendkatas.longpolling.CursorExpiredException;
import dev.backendkatas.longpolling.EventLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naive long-polling server kata 03 warns about, for comparison: {@code GET /events?after=N&wait=S} on the JDK
 * {@code HttpServer} with an unbounded (cached) thread pool, whose handler <em>blocks its thread</em> on a monitor
 * until an event after {@code N} exists or the wait ends. Every held poll is a parked thread with its own stack.
 *
 * <p>Correct, as far as it goes (it waits in a loop on the condition, so it has no lost wake-up); it is the cost
 * that is wrong. Not hardened: no parameter validation beyond what the benchmark sends, no cap on waiters.
 */
final class ThreadPerWaiterServer implements AutoCloseable {

    private static final Pattern AFTER = Pattern.compile("(?:^|&)after=(\\d{1,18})");
    private static final Pattern WAIT = Pattern.compile("(?:^|&)wait=(\\d{1,9})");

    private final EventLog log = new EventLog(1000);
    private final Object changed = new Object();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;
    private int held;

    ThreadPerWaiterServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        server.createContext("/events", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Appends an event and wakes every blocked handler; each then writes its own answer on its own thread. */
    long publish(String data) {
        synchronized (changed) {
            long cursor = log.append(data);
            changed.notifyAll();
            return cursor;
        }
    }

    int held() {
        synchronized (changed) {
            return held;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            Matcher after = AFTER.matcher(query == null ? "" : query);
            Matcher wait = WAIT.matcher(query == null ? "" : query);
            if (!after.find()) {
                answer(exchange, 400, "{\"error\":\"after\"}");
                return;
            }
            long cursor = Long.parseLong(after.group(1));
            long waitMillis = wait.find() ? Math.min(30, Long.parseLong(wait.group(1))) * 1000 : 0;
            long deadline = System.currentTimeMillis() + waitMillis;
            synchronized (changed) {
                held++;
                try {
                    for (long left = waitMillis; log.lastCursor() <= cursor && left > 0;
                         left = deadline - System.currentTimeMillis()) {
                        changed.wait(left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    held--;
                }
            }
            Batch batch;
            try {
                batch = log.read(Math.min(cursor, log.lastCursor()), 100);
            } catch (CursorExpiredException e) {
                answer(exchange, 410, "{\"error\":\"cursor expired\",\"oldest\":" + e.oldest() + "}");
                return;
            }
            answer(exchange, 200, batch.toJson());
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
