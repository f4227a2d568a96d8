package dev.backendkatas.longpolling;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Stages 3 and 4 — the polls that are being held: who waits after which cursor, and how each one ends.
 *
 * <p>A held poll is a small object in a concurrent set: its cursor, its reply, its timer, and a flag that is won
 * exactly once. No thread waits for it. Whoever wins the flag (the appender, the timer or the shutdown) removes the
 * waiter, cancels its timer and replies; the others see the flag taken and do nothing.
 */
public final class Waiters {

    private final EventSource log;
    private final Scheduler scheduler;
    private final PollingServerConfig config;
    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
    /** Held polls, counted apart from the set so that the cap is checked and taken in one atomic step. */
    private final AtomicInteger held = new AtomicInteger();
    private volatile boolean closed;

    public Waiters(EventSource log, Scheduler scheduler, PollingServerConfig config) {
        this.log = Objects.requireNonNull(log, "log");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Holds a poll for the events after {@code after} for at most {@code wait}, and calls {@code reply} exactly once.
     *
     * @return {@code true} if the poll is held or was answered, {@code false} if it was refused
     */
    public boolean await(long after, Duration wait, Consumer<Batch> reply) {
        Objects.requireNonNull(wait, "wait");
        Objects.requireNonNull(reply, "reply");
        if (closed) {
            return false;
        }
        if (held.incrementAndGet() > config.maxWaiters()) {
            held.decrementAndGet();
            return false;
        }
        Waiter waiter = new Waiter(after, reply);
        // Register first, then look: an append that lands after our caller's read but before this line is seen by
        // the read below; one that lands after this line finds us in the set. Either way nobody sleeps through it.
        waiting.add(waiter);
        if (closed) {
            // closeAll may have swept the set just before we joined it.
            waiter.complete(Batch.empty(after));
            return true;
        }
        Optional<Batch> now = read(after);
        if (now.isEmpty() || !now.get().events().isEmpty()) {
            waiter.complete(now.orElse(Batch.empty(after)));
            return true;
        }
        Scheduler.Cancellable timer = scheduler.schedule(wait, () -> waiter.complete(Batch.empty(after)));
        waiter.timer = timer;
        if (waiter.done.get()) {
            // An event completed the waiter before its timer was set: it could not cancel it, so we do.
            timer.cancel();
        }
        return true;
    }

    /** An event was appended to the log: every held poll replies with the events after its cursor. */
    public void eventAppended() {
        for (Waiter waiter : waiting) {
            if (waiter.done.get()) {
                continue;
            }
            Optional<Batch> batch = read(waiter.after);
            if (batch.isEmpty() || !batch.get().events().isEmpty()) {
                waiter.complete(batch.orElse(Batch.empty(waiter.after)));
            }
        }
    }

    /** How many polls are held right now. */
    public int count() {
        return held.get();
    }

    /** Answers every held poll with an empty batch and refuses new ones: the server is stopping. Idempotent. */
    public void closeAll() {
        closed = true;
        for (Waiter waiter : waiting) {
            waiter.complete(Batch.empty(waiter.after));
        }
    }

    /** The events after {@code after} now; empty if they expired (the client's next poll will hear the 410). */
    private Optional<Batch> read(long after) {
        try {
            return Optional.of(log.read(after, config.maxBatch()));
        } catch (CursorExpiredException expired) {
            return Optional.empty();
        }
    }

    private final class Waiter {
        final long after;
        final Consumer<Batch> reply;
        final AtomicBoolean done = new AtomicBoolean();
        volatile Scheduler.Cancellable timer;

        Waiter(long after, Consumer<Batch> reply) {
            this.after = after;
            this.reply = reply;
        }

        /** Replies if nobody replied before; the one place where a poll ends. */
        void complete(Batch batch) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            waiting.remove(this);
            held.decrementAndGet();
            Scheduler.Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
            try {
                reply.accept(batch);
            } catch (RuntimeException e) {
                // One broken reply must not stop the wake-up of the others.
                System.getLogger(Waiters.class.getName()).log(System.Logger.Level.WARNING, "reply failed", e);
            }
        }
    }
}
