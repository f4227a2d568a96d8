package dev.backendkatas.connectionpool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock and a scheduler whose time moves only when the test says so: a deadline passes, the housekeeping runs and
 * a leak is reported when the test calls {@link #advance}, on the test's thread, and never by themselves. No test
 * waits for real time.
 */
final class ManualTime extends Clock implements Scheduler {

    private final List<Task> tasks = new ArrayList<>();
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private long sequence;
    private volatile Thread hookedReader;
    private volatile Runnable hook;

    /**
     * Runs {@code action} once, the next time {@code reader} reads the clock: from inside the pool's own call, at the
     * moment it reads the time, so that a test can act between two steps of that call (a pool reads the time while
     * it checks a returned connection in, under its lock). Pass {@code null} to drop a hook that has not run.
     *
     * @return whether a hook set before was still waiting to run
     */
    boolean onNextReadBy(Thread reader, Runnable action) {
        boolean pending = hook != null;
        hook = null;
        hookedReader = reader;
        hook = action;
        return pending;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task scheduled = new Task(now.plus(delay), sequence++, task);
        tasks.add(scheduled);
        return () -> {
            synchronized (ManualTime.this) {
                tasks.remove(scheduled);
            }
        };
    }

    /** Moves time forward and runs, in time order, every task due by then, with the clock set to its time. */
    void advance(Duration duration) {
        Instant target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            Task due;
            synchronized (this) {
                due = tasks.stream().filter(t -> !t.at.isAfter(target))
                        .min(Comparator.comparing((Task t) -> t.at).thenComparingLong(t -> t.sequence)).orElse(null);
                if (due == null) {
                    now = target;
                    return;
                }
                tasks.remove(due);
                if (due.at.isAfter(now)) {
                    now = due.at;
                }
            }
            due.task.run();
        }
    }

    /** Tasks scheduled and neither run nor cancelled yet: what a pool leaves on a shared timer. */
    synchronized int pendingTasks() {
        return tasks.size();
    }

    /** Runs the tasks that are due now (delay zero), such as the first housekeeping. */
    void runDueTasks() {
        advance(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        Runnable action = hook;
        if (action != null && Thread.currentThread() == hookedReader) {
            hook = null;
            action.run();
        }
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the pool needs no zone");
    }

    private record Task(Instant at, long sequence, Runnable task) {
    }
}
