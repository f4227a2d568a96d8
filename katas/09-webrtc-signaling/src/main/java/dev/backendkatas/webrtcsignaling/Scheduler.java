package dev.backendkatas.webrtcsignaling;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once, after a delay: the timer behind the signaling server's heartbeats.
 *
 * <p>Given to you. Time is injected through this interface so that the tests decide when a heartbeat is due: they hand the
 * server a scheduler that runs its tasks only when the test advances it, and no test waits for real time to pass.
 */
@FunctionalInterface
public interface Scheduler {

    /**
     * Runs {@code task} once, on a thread of the scheduler's choosing, after {@code delay}, unless it is cancelled
     * first.
     */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface Cancellable {

        /** Calls the task off if it has not run yet; harmless when it ran or was cancelled before. */
        void cancel();
    }

    /** A scheduler on a real {@link ScheduledExecutorService}. */
    static Scheduler using(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (delay, task) -> {
            ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
