package dev.backendkatas.longpolling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Objects;

/**
 * Stage 1 — short polling over HTTP: {@code /jobs} and {@code /jobs/{id}}.
 *
 * <h2>POST /jobs (RFC 9110 §15.3.3 202 Accepted, §10.2.2 Location)</h2>
 * The request body (UTF-8) is the job's input. {@link Jobs#submit} it and answer at once, without waiting for the
 * work: {@code 202 Accepted}, {@code Location: /jobs/<id>} (a relative reference), and the job's status as
 * {@link JobStatus#toJson()} ({@code Content-Type: application/json}). When the queue is full: {@code 503 Service
 * Unavailable} (§15.6.4) with {@code Retry-After:} {@link PollingServerConfig#retryAfterHeader()} (§10.2.3), and no
 * job.
 *
 * <h2>GET /jobs/{id}</h2>
 * {@code 200} with the status as JSON and {@code Cache-Control: no-store} (a cached "running" would be a lie).
 * While the job is not finished, {@code Retry-After} tells the client when to ask again; a finished job has none.
 * An unknown id is {@code 404}.
 *
 * <h2>Everything else</h2>
 * A path that is neither {@code /jobs} nor {@code /jobs/<one segment>} is 404. A method the path does not support is
 * {@code 405} with {@code Allow} ({@code POST} on {@code /jobs}, {@code GET} on {@code /jobs/{id}}) (§15.5.6).
 * Error responses carry a short {@code text/plain} body saying why.
 *
 * <p>The handler closes every exchange it answers (see {@link PollingServer}).
 */
public final class JobsHandler implements HttpHandler {

    private final PollingServerConfig config;
    private final Jobs jobs;

    public JobsHandler(PollingServerConfig config, Jobs jobs) {
        this.config = Objects.requireNonNull(config, "config");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    /** Answers one request on {@code /jobs} by the rules above, and closes the exchange. */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        throw new UnsupportedOperationException("Stage 1: answer POST /jobs and GET /jobs/{id}"
                + " — see katas/03-long-polling/README.md, 'Stage 1 — Jobs with short polling'");
    }
}
