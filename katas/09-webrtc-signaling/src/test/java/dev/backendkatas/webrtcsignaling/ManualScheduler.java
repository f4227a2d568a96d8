package dev.backendkatas.webrtcsignaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scheduler whose time moves only when the test says so: a heartbeat is due when the test calls
 * {@link #advance}, on the test's thread, and never by itself. No test waits for real time to pass.
 */
final class ManualScheduler implements Scheduler {

    private final List<Task> tasks = new ArrayList<>();
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private Duration now = Duration.ZERO;
    private long sequence;

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        delays.add(delay);
        Task scheduled = new Task(now.plus(delay), sequence++, task);
        tasks.add(scheduled);
        return () -> {
            synchronized (ManualScheduler.this) {
                tasks.remove(scheduled);
            }
        };
    }

    /** Moves time forward and runs, in time order, every task that is due by then (outside the lock). */
    void advance(Duration duration) {
        Duration target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            Task due;
            synchronized (this) {
                due = tasks.stream().filter(t -> t.at.compareTo(target) <= 0)
                        .min(Comparator.comparing((Task t) -> t.at).thenComparingLong(t -> t.sequence)).orElse(null);
                if (due == null) {
                    now = target;
                    return;
                }
                tasks.remove(due);
                now = due.at;
            }
            due.task.run();
        }
    }

    /** Tasks scheduled and neither run nor cancelled yet. */
    synchronized int pending() {
        return tasks.size();
    }

    /** Every delay ever asked for, in order. */
    List<Duration> delays() {
        return List.copyOf(delays);
    }

    private record Task(Duration at, long sequence, Runnable task) {
    }
}
