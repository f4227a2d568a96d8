package dev.backendkatas.connectionpool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A bounded pool of connections: one lock guards the bookkeeping, each waiting borrower has its own condition and a
 * place in a FIFO queue, and everything slow (open, validate, close) runs outside the lock.
 */
public final class ConnectionPool<C> implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ConnectionFactory<C> factory;
    private final PoolConfig config;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Consumer<LeakReport> leakListener;
    /** Opens connections off the borrower's thread, so that a hanging connect is bounded by the borrower's deadline. */
    private final ThreadPoolExecutor opener;

    private final ReentrantLock lock = new ReentrantLock();
    /** Every connection the pool owns that is lent or idle, by identity: a proxy's equals() must not fool us. */
    private final Map<C, Entry<C>> entries = new IdentityHashMap<>();
    /** Idle connections, most recently returned first: borrowing takes the warm one, eviction takes the cold end. */
    private final Deque<Entry<C>> idle = new ArrayDeque<>();
    /** Blocked borrowers in arrival order: a connection that comes back goes to the head, never to a newcomer. */
    private final Deque<Waiter<C>> waiters = new ArrayDeque<>();
    private int total;
    private int opening;
    private boolean closed;
    private Scheduler.Cancellable housekeeping;

    /** A pool on the system clock and the {@link Scheduler#shared() shared timer}, leaks logged as warnings. */
    public ConnectionPool(ConnectionFactory<C> factory, PoolConfig config) {
        this(factory, config, Clock.systemUTC(), Scheduler.shared(), LeakReport::log);
    }

    public ConnectionPool(ConnectionFactory<C> factory, PoolConfig config, Clock clock, Scheduler scheduler,
                          Consumer<LeakReport> leakListener) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.leakListener = Objects.requireNonNull(leakListener, "leakListener");
        String name = "connection-pool-" + POOLS.incrementAndGet() + "-opener";
        AtomicInteger threads = new AtomicInteger();
        // At most maxSize connections are ever being opened, so at most maxSize threads; they end when idle.
        this.opener = new ThreadPoolExecutor(config.maxSize(), config.maxSize(), 5, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        opener.allowCoreThreadTimeOut(true);
        lock.lock();
        try {
            housekeeping = scheduler.schedule(Duration.ZERO, this::housekeep);
        } finally {
            lock.unlock();
        }
    }

    public C borrow() throws InterruptedException {
        return borrow(config.connectionTimeout());
    }

    public C borrow(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        Waiter<C> waiter = new Waiter<>(lock.newCondition());
        int toOpen;
        lock.lock();
        try {
            if (closed) {
                throw new PoolClosedException("the pool is closed");
            }
            waiters.addLast(waiter);
            toOpen = dispatch();
        } finally {
            lock.unlock();
        }
        open(toOpen);
        Scheduler.Cancellable deadline = null;
        try {
            while (true) {
                Entry<C> entry;
                lock.lock();
                try {
                    if (waiter.entry == null && waiter.failure == null && deadline == null) {
                        deadline = scheduler.schedule(timeout, () -> expire(waiter, timeout));
                    }
                    while (waiter.entry == null && waiter.failure == null) {
                        waiter.ready.await();
                    }
                    if (waiter.failure != null) {
                        throw waiter.failure;
                    }
                    entry = waiter.entry;
                } finally {
                    lock.unlock();
                }
                if (isUsable(entry)) {
                    lend(entry);
                    return entry.connection;
                }
                // Dead after sitting idle: close it, free its slot, and wait again at the head of the queue.
                destroy(entry.connection);
                lock.lock();
                try {
                    entries.remove(entry.connection);
                    total--;
                    waiter.entry = null;
                    if (closed) {
                        waiter.failure = new PoolClosedException("the pool closed while this borrower waited");
                    } else if (waiter.expired) {
                        waiter.failure = timeout(timeout, 1);
                    } else {
                        waiters.addFirst(waiter);
                    }
                    toOpen = dispatch();
                } finally {
                    lock.unlock();
                }
                open(toOpen);
            }
        } catch (InterruptedException e) {
            leave(waiter);
            throw e;
        } finally {
            if (deadline != null) {
                deadline.cancel();
            }
        }
    }

    public void release(C connection) {
        Objects.requireNonNull(connection, "connection");
        Entry<C> retired = null;
        int toOpen = 0;
        lock.lock();
        try {
            Entry<C> entry = checkIn(connection);
            if (closed || expired(entry, clock.instant())) {
                entries.remove(connection);
                total--;
                retired = entry;
                toOpen = dispatch();
            } else {
                entry.idleSince = clock.instant();
                offer(entry);
            }
        } finally {
            lock.unlock();
        }
        if (retired != null) {
            destroy(retired.connection);
        }
        open(toOpen);
    }

    public void discard(C connection) {
        Objects.requireNonNull(connection, "connection");
        int toOpen;
        lock.lock();
        try {
            checkIn(connection);
            entries.remove(connection);
            total--;
            toOpen = dispatch();
        } finally {
            lock.unlock();
        }
        destroy(connection);
        open(toOpen);
    }

    public PoolStats stats() {
        lock.lock();
        try {
            return stats(0);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        List<Entry<C>> toClose;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Waiter<C> waiter : waiters) {
                waiter.failure = new PoolClosedException("the pool closed while this borrower waited");
                waiter.ready.signal();
            }
            waiters.clear();
            toClose = new ArrayList<>(idle);
            for (Entry<C> entry : idle) {
                entries.remove(entry.connection);
            }
            total -= idle.size();
            idle.clear();
            housekeeping.cancel();
        } finally {
            lock.unlock();
        }
        for (Entry<C> entry : toClose) {
            destroy(entry.connection);
        }
        // Connections being opened are closed when they arrive (closed is set); a hanging connect is interrupted.
        opener.shutdownNow();
    }

    // ---- under the lock --------------------------------------------------------------------------------------------

    /**
     * Matches idle connections with waiters (oldest waiter first), then reserves a slot for every waiter that no
     * connection being opened covers. Returns how many connections the caller must open once it released the lock.
     */
    private int dispatch() {
        while (!waiters.isEmpty() && !idle.isEmpty()) {
            handTo(waiters.pollFirst(), idle.pollFirst());
        }
        int toOpen = 0;
        while (waiters.size() > opening && total < config.maxSize()) {
            total++;
            opening++;
            toOpen++;
        }
        return toOpen;
    }

    /** A connection is free: the longest waiter gets it, else it goes on top of the idle stack (LIFO). */
    private void offer(Entry<C> entry) {
        Waiter<C> head = waiters.pollFirst();
        if (head != null) {
            handTo(head, entry);
        } else {
            idle.addFirst(entry);
        }
    }

    private void handTo(Waiter<C> waiter, Entry<C> entry) {
        entry.inUse = true;
        waiter.entry = entry;
        waiter.ready.signal();
    }

    private Entry<C> checkIn(C connection) {
        Entry<C> entry = entries.get(connection);
        if (entry == null || !entry.inUse) {
            throw new IllegalStateException("connection " + connection + " is not lent by this pool: "
                    + (entry == null ? "it is foreign, or was already retired" : "it was returned twice"));
        }
        entry.inUse = false;
        entry.borrowId++;
        if (entry.leakTimer != null) {
            entry.leakTimer.cancel();
            entry.leakTimer = null;
        }
        return entry;
    }

    private boolean expired(Entry<C> entry, Instant now) {
        return !config.maxLifetime().isZero()
                && !Duration.between(entry.createdAt, now).minus(config.maxLifetime()).isNegative();
    }

    private PoolStats stats(int extraWaiting) {
        int active = 0;
        for (Entry<C> entry : entries.values()) {
            if (entry.inUse) {
                active++;
            }
        }
        return new PoolStats(total, active, idle.size(), waiters.size() + extraWaiting);
    }

    private PoolTimeoutException timeout(Duration waited, int extraWaiting) {
        return new PoolTimeoutException(waited, stats(extraWaiting), null);
    }

    // ---- callbacks ---------------------------------------------------------------------------------------------------

    /** The borrower's deadline passed (scheduler thread). */
    private void expire(Waiter<C> waiter, Duration timeout) {
        lock.lock();
        try {
            waiter.expired = true;
            if (waiter.entry == null && waiter.failure == null && waiters.contains(waiter)) {
                waiter.failure = timeout(timeout, 0);
                waiters.remove(waiter);
                waiter.ready.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** An interrupted borrower leaves: its place, or the connection it was just handed, goes to the next one. */
    private void leave(Waiter<C> waiter) {
        int toOpen = 0;
        lock.lock();
        try {
            waiters.remove(waiter);
            if (waiter.entry != null) {
                // Unused, so its idleSince stands: a connection that sat idle long is still validated.
                waiter.entry.inUse = false;
                offer(waiter.entry);
                waiter.entry = null;
            }
            if (!closed) {
                toOpen = dispatch();
            }
        } finally {
            lock.unlock();
        }
        open(toOpen);
    }

    private void open(int count) {
        for (int i = 0; i < count; i++) {
            try {
                opener.execute(this::openOne);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The pool closed meanwhile: give the reserved slot back.
                opened(null, new PoolClosedException("the pool is closed"));
            }
        }
    }

    /** Runs on an opener thread: the slow part, outside the lock. */
    private void openOne() {
        C connection = null;
        Exception failure = null;
        try {
            connection = factory.create();
            if (connection == null) {
                failure = new NullPointerException("the connection factory returned null");
            }
        } catch (Exception e) {
            failure = e;
        }
        opened(connection, failure);
    }

    private void opened(C connection, Exception failure) {
        boolean closeIt = false;
        int toOpen = 0;
        lock.lock();
        try {
            opening--;
            if (failure != null) {
                total--;
                // The oldest waiter asked for this connection first: it learns why it will not come.
                Waiter<C> head = waiters.pollFirst();
                if (head != null) {
                    head.failure = new ConnectionCreationException("could not open a connection", failure);
                    head.ready.signal();
                }
            } else if (closed) {
                total--;
                closeIt = true;
            } else {
                Entry<C> entry = new Entry<>(connection, clock.instant());
                entries.put(connection, entry);
                offer(entry);
            }
            if (!closed) {
                toOpen = dispatch();
            }
        } finally {
            lock.unlock();
        }
        if (closeIt) {
            destroy(connection);
        }
        open(toOpen);
    }

    /** Retires old and long-idle connections, keeps minIdle warm, and runs again after the period. */
    private void housekeep() {
        List<Entry<C>> toClose = new ArrayList<>();
        int toOpen;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            Instant now = clock.instant();
            for (Iterator<Entry<C>> it = idle.iterator(); it.hasNext(); ) {
                Entry<C> entry = it.next();
                if (expired(entry, now)) {
                    it.remove();
                    toClose.add(entry);
                }
            }
            // The cold end of the stack first, and never below minIdle.
            if (!config.idleTimeout().isZero()) {
                for (Iterator<Entry<C>> it = idle.descendingIterator(); it.hasNext() && idle.size() > config.minIdle(); ) {
                    Entry<C> entry = it.next();
                    if (!Duration.between(entry.idleSince, now).minus(config.idleTimeout()).isNegative()) {
                        it.remove();
                        toClose.add(entry);
                    }
                }
            }
            for (Entry<C> entry : toClose) {
                entries.remove(entry.connection);
                total--;
            }
            toOpen = dispatch();
            int spare = opening - waiters.size();
            while (idle.size() + spare < config.minIdle() && total < config.maxSize()) {
                total++;
                opening++;
                spare++;
                toOpen++;
            }
            housekeeping = scheduler.schedule(config.housekeepingPeriod(), this::housekeep);
        } finally {
            lock.unlock();
        }
        for (Entry<C> entry : toClose) {
            destroy(entry.connection);
        }
        open(toOpen);
    }

    // ---- outside the lock ------------------------------------------------------------------------------------------

    /** A connection that sat idle long enough is validated before it is lent; a throwing check means dead. */
    private boolean isUsable(Entry<C> entry) {
        if (Duration.between(entry.idleSince, clock.instant()).compareTo(config.validateAfterIdle()) < 0) {
            return true;
        }
        try {
            return factory.validate(entry.connection);
        } catch (Exception e) {
            return false;
        }
    }

    private void lend(Entry<C> entry) {
        if (config.leakDetectionThreshold().isZero()) {
            return;
        }
        Throwable borrowedAt = new Throwable("the connection was borrowed here");
        Instant borrowedAtTime = clock.instant();
        lock.lock();
        try {
            long borrowId = entry.borrowId;
            entry.leakTimer = scheduler.schedule(config.leakDetectionThreshold(),
                    () -> reportLeak(entry, borrowId, borrowedAtTime, borrowedAt));
        } finally {
            lock.unlock();
        }
    }

    private void reportLeak(Entry<C> entry, long borrowId, Instant since, Throwable borrowedAt) {
        lock.lock();
        try {
            // Returned meanwhile (the timer raced the release): not a leak.
            if (!entry.inUse || entry.borrowId != borrowId) {
                return;
            }
            entry.leakTimer = null;
        } finally {
            lock.unlock();
        }
        leakListener.accept(new LeakReport(entry.connection.toString(), Duration.between(since, clock.instant()),
                borrowedAt));
    }

    private void destroy(C connection) {
        try {
            factory.close(connection);
        } catch (Exception e) {
            // The connection is forgotten either way; a close that fails must not break the pool.
        }
    }

    private static final class Entry<C> {
        final C connection;
        final Instant createdAt;
        Instant idleSince;
        boolean inUse;
        long borrowId;
        Scheduler.Cancellable leakTimer;

        Entry(C connection, Instant createdAt) {
            this.connection = connection;
            this.createdAt = createdAt;
            this.idleSince = createdAt;
        }
    }

    private static final class Waiter<C> {
        final Condition ready;
        Entry<C> entry;
        RuntimeException failure;
        boolean expired;

        Waiter(Condition ready) {
            this.ready = ready;
        }
    }
}
