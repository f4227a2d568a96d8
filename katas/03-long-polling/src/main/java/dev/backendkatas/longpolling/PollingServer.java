package dev.backendkatas.longpolling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server of this kata on the JDK's {@code com.sun.net.httpserver}: {@code /jobs} (short polling, Stage 1) and
 * {@code /events} (a cursor over an event log, Stages 2–4), on the loopback address and a port the system picks.
 *
 * <p>Given to you: the wiring is not the lesson; {@link Jobs}, {@link JobsHandler}, {@link EventLog},
 * {@link EventsHandler} and {@link Waiters} are.
 *
 * <ul>
 *   <li>Requests run on a fixed pool of {@link PollingServerConfig#threads()} threads (4 by default). A long poll
 *       that kept its thread while it waits would stop the fifth client; Stage 4 holds 500 polls on these 4.</li>
 *   <li>Jobs run on their own pool of {@link PollingServerConfig#jobWorkers()} threads in front of a queue of
 *       {@link PollingServerConfig#jobQueueCapacity()} places; a job that finds the queue full is rejected with
 *       {@link java.util.concurrent.RejectedExecutionException}.</li>
 *   <li>A handler that returns has <em>not</em> necessarily answered: a held poll is answered later, from another
 *       thread. So this server never closes an exchange for a handler that returned normally: every handler closes
 *       each exchange itself once it has answered it. A handler that throws before answering gets a 500 that names the
 *       exception, so an unfinished stage shows up as a readable failure.</li>
 *   <li>{@link #publish} appends to the log and then tells the waiters, on the caller's thread.</li>
 * </ul>
 */
public final class PollingServer implements AutoCloseable {

    static {
        // The JDK server writes a response's headers and its body in two segments. With Nagle's algorithm (RFC 896)
        // the body then waits for the client's delayed ACK: about 40 ms per small answer, which is most long-poll
        // answers. TCP_NODELAY sends it at once. Read once, when the JDK server's configuration is first loaded.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final PollingServerConfig config;
    private final ThreadPoolExecutor jobExecutor;
    private final Jobs jobs;
    private final EventLog log;
    private final Waiters waiters;
    private final JobsHandler jobsHandler;
    private final EventsHandler eventsHandler;
    private final ScheduledExecutorService ownScheduler;
    private HttpServer server;
    private ExecutorService requestThreads;
    private boolean closed;

    /** A server whose long polls time out on a real timer thread. */
    public PollingServer(PollingServerConfig config, JobWork work) {
        this(config, work, Executors.newSingleThreadScheduledExecutor(daemonThreads("long-poll-timer")));
    }

    /** A server whose long polls time out through {@code scheduler} (the tests advance time by hand). */
    public PollingServer(PollingServerConfig config, JobWork work, Scheduler scheduler) {
        this(config, work, scheduler, null);
    }

    private PollingServer(PollingServerConfig config, JobWork work, ScheduledExecutorService ownScheduler) {
        this(config, work, Scheduler.using(ownScheduler), ownScheduler);
    }

    private PollingServer(PollingServerConfig config, JobWork work, Scheduler scheduler,
                          ScheduledExecutorService ownScheduler) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(scheduler, "scheduler");
        this.ownScheduler = ownScheduler;
        this.jobExecutor = new ThreadPoolExecutor(config.jobWorkers(), config.jobWorkers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.jobQueueCapacity()), daemonThreads("job-worker"),
                new ThreadPoolExecutor.AbortPolicy());
        this.jobs = new Jobs(work, jobExecutor);
        this.log = new EventLog(config.retention());
        this.waiters = new Waiters(log, scheduler, config);
        this.jobsHandler = new JobsHandler(config, jobs);
        this.eventsHandler = new EventsHandler(config, log, waiters);
    }

    /**
     * Binds the loopback address on a free port and starts serving.
     *
     * @return the port
     * @throws IllegalStateException if the server was started before
     */
    public synchronized int start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        requestThreads = Executors.newFixedThreadPool(config.threads(), daemonThreads("poll-server"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        server.createContext("/jobs", new AnswerUnexpectedFailures(jobsHandler));
        server.createContext("/events", new AnswerUnexpectedFailures(eventsHandler));
        server.setExecutor(requestThreads);
        server.start();
        return server.getAddress().getPort();
    }

    /**
     * The port the server listens on.
     *
     * @throws IllegalStateException if the server is not started
     */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port} followed by {@code pathAndQuery}, e.g. {@code uri("/events?after=0")}. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /**
     * Appends an event to the log and wakes the polls waiting for one.
     *
     * @return the new event's cursor
     */
    public long publish(String data) {
        long cursor = log.append(data);
        try {
            waiters.eventAppended();
        } catch (UnsupportedOperationException stageThreeNotWrittenYet) {
            // Before Stage 3 nobody waits, and the stub's exception must not stop Stages 1 and 2 from publishing.
        }
        return cursor;
    }

    /** The configuration the server runs with. */
    public PollingServerConfig config() {
        return config;
    }

    /** The jobs (Stage 1). */
    public Jobs jobs() {
        return jobs;
    }

    /** The event log (Stage 2). */
    public EventLog log() {
        return log;
    }

    /** The held polls (Stages 3 and 4). */
    public Waiters waiters() {
        return waiters;
    }

    /**
     * Answers every held poll ({@link Waiters#closeAll}), stops serving, and stops the request and job threads.
     * Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            waiters.closeAll();
        } catch (UnsupportedOperationException stageThreeNotWrittenYet) {
            // Nothing can be held before Stage 3.
        }
        if (server != null) {
            server.stop(0);
            requestThreads.shutdownNow();
        }
        jobExecutor.shutdownNow();
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
        try {
            if ((requestThreads != null && !requestThreads.awaitTermination(5, TimeUnit.SECONDS))
                    || !jobExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
                System.getLogger(PollingServer.class.getName()).log(System.Logger.Level.WARNING,
                        "threads still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Turns a handler's unexpected exception into a 500 that names it, instead of a connection left hanging. */
    private static final class AnswerUnexpectedFailures implements HttpHandler {

        private final HttpHandler delegate;

        AnswerUnexpectedFailures(HttpHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try {
                delegate.handle(exchange);
            } catch (RuntimeException | IOException e) {
                try {
                    if (exchange.getResponseCode() == -1) {
                        System.getLogger(PollingServer.class.getName()).log(System.Logger.Level.WARNING,
                                "request handler failed", e);
                        byte[] body = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                        exchange.sendResponseHeaders(500, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                } finally {
                    exchange.close();
                }
            }
        }
    }
}
