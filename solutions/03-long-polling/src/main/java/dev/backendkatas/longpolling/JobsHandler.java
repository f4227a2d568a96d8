package dev.backendkatas.longpolling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Stage 1 — short polling over HTTP: {@code /jobs} and {@code /jobs/{id}}.
 */
public final class JobsHandler implements HttpHandler {

    private static final String BASE = "/jobs";
    /** The body of a job is its input; a bound keeps one request from filling the heap. */
    private static final int MAX_INPUT_BYTES = 64 * 1024;

    private final PollingServerConfig config;
    private final Jobs jobs;

    public JobsHandler(PollingServerConfig config, Jobs jobs) {
        this.config = Objects.requireNonNull(config, "config");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    /** Answers one request on {@code /jobs} by the rules above, and closes the exchange. */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals(BASE)) {
                if (!method.equals("POST")) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                    text(exchange, 405, "use POST to create a job");
                    return;
                }
                create(exchange);
            } else if (path.startsWith(BASE + "/") && path.indexOf('/', BASE.length() + 1) < 0
                    && path.length() > BASE.length() + 1) {
                if (!method.equals("GET")) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                    text(exchange, 405, "use GET to poll a job");
                    return;
                }
                poll(exchange, path.substring(BASE.length() + 1));
            } else {
                text(exchange, 404, "no such resource");
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        byte[] input;
        try (InputStream body = exchange.getRequestBody()) {
            input = body.readNBytes(MAX_INPUT_BYTES + 1);
        }
        if (input.length > MAX_INPUT_BYTES) {
            text(exchange, 413, "a job's input is at most " + MAX_INPUT_BYTES + " bytes");
            return;
        }
        JobStatus status;
        try {
            status = jobs.submit(new String(input, StandardCharsets.UTF_8));
        } catch (QueueFullException full) {
            // Refuse now rather than queue without bound: the client learns when to come back.
            exchange.getResponseHeaders().set("Retry-After", config.retryAfterHeader());
            text(exchange, 503, "too many jobs waiting; retry later");
            return;
        }
        exchange.getResponseHeaders().set("Location", BASE + "/" + status.id());
        json(exchange, 202, status.toJson());
    }

    private void poll(HttpExchange exchange, String id) throws IOException {
        Optional<JobStatus> status = jobs.status(id);
        if (status.isEmpty()) {
            text(exchange, 404, "no such job");
            return;
        }
        if (!status.get().state().finished()) {
            exchange.getResponseHeaders().set("Retry-After", config.retryAfterHeader());
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        json(exchange, 200, status.get().toJson());
    }

    private static void json(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json);
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
