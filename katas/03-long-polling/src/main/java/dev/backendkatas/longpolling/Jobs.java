package dev.backendkatas.longpolling;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Stage 1 — the jobs behind short polling: accept work at once, run it later, report where it is.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #submit} gives the job a new id (unguessable, URL-safe: {@code [A-Za-z0-9_-]+}), records it as
 *       {@link JobStatus.State#QUEUED} and hands it to the executor; it returns at once, without waiting for the work.
 *       The job must be findable by {@link #status} before the executor can start it: a client that polls the
 *       {@code Location} it was just given must never get 404.</li>
 *   <li>On a worker thread the job becomes {@link JobStatus.State#RUNNING} (progress 0), follows the progress the work
 *       reports (0 to 100; a value outside is clamped), and ends {@link JobStatus.State#DONE} with the work's result
 *       or {@link JobStatus.State#FAILED} with the exception's message as its reason (the exception's class name if it
 *       has no message). A finished job never changes again.</li>
 *   <li>The executor is bounded: it rejects a job with {@link java.util.concurrent.RejectedExecutionException} when
 *       its queue is full. {@link #submit} then throws {@link QueueFullException} and no job is left behind.</li>
 *   <li>Safe to call from any number of threads.</li>
 * </ul>
 */
public final class Jobs {

    private final JobWork work;
    private final Executor executor;

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
        throw new UnsupportedOperationException("Stage 1: accept a job"
                + " — see katas/03-long-polling/README.md, 'Stage 1 — Jobs with short polling'");
    }

    /** The job's status now, or empty if no job has this id. */
    public Optional<JobStatus> status(String id) {
        throw new UnsupportedOperationException("Stage 1: report a job's state"
                + " — see katas/03-long-polling/README.md, 'Stage 1 — Jobs with short polling'");
    }
}
