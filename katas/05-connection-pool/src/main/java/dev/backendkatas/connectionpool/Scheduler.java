package dev.backendkatas.connectionpool;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once, after a delay: a borrower's deadline, the housekeeping, a leak report.
 *
 * <p>Given to you. Time is injected through this interface (and a {@link java.time.Clock}) so that the tests decide
 * when a deadline passes: they hand the pool a scheduler that runs its tasks only when the test advances time, and
 * no test waits for a real timeout.
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

    /**
     * One scheduler for every pool in the JVM, on one daemon thread ({@code connection-pool-timer}) that is started
     * on first use and lives as long as the JVM, like {@code ForkJoinPool.commonPool()}. Cancelled tasks are removed
     * at once, so a million borrows that did not time out leave nothing behind. Tasks must be short.
     */
    static Scheduler shared() {
        return SharedTimer.SCHEDULER;
    }

    /** Holder idiom: the thread starts only when the first pool asks for it. */
    final class SharedTimer {

        private static final Scheduler SCHEDULER;

        static {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "connection-pool-timer");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            SCHEDULER = using(executor);
        }

        private SharedTimer() {
        }
    }
}
