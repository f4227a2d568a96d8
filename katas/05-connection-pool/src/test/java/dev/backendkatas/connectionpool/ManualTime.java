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
