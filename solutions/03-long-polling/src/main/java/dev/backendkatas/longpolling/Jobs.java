package dev.backendkatas.longpolling;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Stage 1 — the jobs behind short polling: accept work at once, run it later, report where it is.
 *
 * <p>Each job's latest status is one immutable {@link JobStatus} in a concurrent map: a reader always sees a whole
 * status, and the worker is the only writer of its job once it started.
 */
public final class Jobs {

    private final JobWork work;
    private final Executor executor;
    private final Map<String, JobStatus> statuses = new ConcurrentHashMap<>();

    /** Jobs that run {@code work} on {@code executor} (a bounded pool, built by {@link PollingServer}). */
    public Jobs(JobWork work, Executor executor) {
        this.work = Objects.requireNonNull(work, "work");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Accepts a job for {@code input} and returns its status as it is now (queued, or already running).
     *
     * @throws QueueFullException if the executor's queue is full; no job was created
     */
    public JobStatus submit(String input) throws QueueFullException {
        // A random UUID: a job's result may be private, and a counter would let anyone read everybody's.
        String id = UUID.randomUUID().toString();
        // Recorded before the executor sees it: a worker may start (and the client poll) before execute returns.
        statuses.put(id, JobStatus.queued(id));
        try {
            executor.execute(() -> run(id, input));
        } catch (RejectedExecutionException full) {
            statuses.remove(id);
            throw new QueueFullException("the job queue is full");
        }
        return statuses.get(id);
    }

    /** The job's status now, or empty if no job has this id. */
    public Optional<JobStatus> status(String id) {
        return Optional.ofNullable(statuses.get(id));
    }

    private void run(String id, String input) {
        statuses.put(id, JobStatus.running(id, 0));
        try {
            String result = work.run(input, percent -> {
                int clamped = Math.max(0, Math.min(100, percent));
                // Only while running: a late progress call from the work must not resurrect a finished job.
                statuses.computeIfPresent(id, (key, now) -> now.state() == JobStatus.State.RUNNING
                        ? JobStatus.running(id, clamped) : now);
            });
            statuses.put(id, JobStatus.done(id, Objects.requireNonNullElse(result, "")));
        } catch (Exception e) {
            statuses.put(id, JobStatus.failed(id, e.getMessage() != null ? e.getMessage() : e.getClass().getName()));
        }
    }
}
