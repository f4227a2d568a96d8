package dev.backendkatas.connectionpool;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Stages 1 to 5 — a bounded pool that lends connections, one borrower at a time per connection.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Stage 1 — borrow and return.</b> Connections are opened lazily, by {@link ConnectionFactory#create()},
 *       when a borrower needs one and none is idle; never more than {@link PoolConfig#maxSize()} exist at once
 *       (idle + lent + being opened). A returned connection is reused. Reuse order is <b>LIFO</b>: the connection
 *       returned last is lent first, so the warm one is used and the cold ones can time out (HikariCP and
 *       commons-pool2, {@code lifo=true} by default). Returning a connection twice, or one this pool did not lend,
 *       throws {@link IllegalStateException} and changes nothing. Connections are told apart by identity
 *       ({@code ==}), never by {@code equals}.</li>
 *   <li><b>Stage 2 — waiting, with a deadline.</b> When all {@code maxSize} connections are lent, a borrower waits
 *       up to its timeout, then throws {@link PoolTimeoutException} whose message states the pool's state. Waiters
 *       are served in arrival order: a returned connection goes straight to the borrower that has waited longest,
 *       never to one that arrives later (no barging). The deadline is enforced by a task on the injected
 *       {@link Scheduler}, so a test decides when it passes. An interrupted waiter leaves with
 *       {@link InterruptedException}; a connection handed to it at that moment goes to the next waiter, and the
 *       other waiters lose nothing.</li>
 *   <li><b>Stage 3 — creation and validation faults.</b> The factory is never called while the pool's lock is held:
 *       a slow or hanging connect does not block returns, stats or other borrowers, and a hanging connect keeps its
 *       borrower waiting only until its deadline. A failed creation (the factory throws or returns {@code null})
 *       frees its slot and fails the borrower that has waited longest with {@link ConnectionCreationException}
 *       carrying the factory's exception as cause. An idle connection that sat idle at least
 *       {@link PoolConfig#validateAfterIdle()} is validated before it is lent; one that fails validation (or whose
 *       validation throws) is closed and replaced, and the borrower never sees it. A connection returned moments
 *       ago is lent without a check.</li>
 *   <li><b>Stage 4 — lifetime and idle eviction.</b> A connection older than {@link PoolConfig#maxLifetime()} is
 *       closed when it comes back (never while it is lent) or by the housekeeping if it is idle. The housekeeping
 *       task runs on the scheduler right after construction and then every
 *       {@link PoolConfig#housekeepingPeriod()}: it closes connections idle for at least
 *       {@link PoolConfig#idleTimeout()}, coldest first, but never below {@link PoolConfig#minIdle()}, and opens
 *       connections until {@code minIdle} are idle (within {@code maxSize}); a connect already running counts only
 *       if no waiter claims it. A closed slot is refilled for borrowers
 *       that are waiting. Time comes from the injected {@link Clock}.</li>
 *   <li><b>Stage 5 — leaks and shutdown.</b> A connection lent for {@link PoolConfig#leakDetectionThreshold()}
 *       (when not zero) is reported once to the leak listener, with the stack trace of its borrow; returning it
 *       before cancels the report. {@link #close()} fails every waiting borrower at once with
 *       {@link PoolClosedException}, closes the idle connections, closes lent ones when they come back (their
 *       return does not throw), closes connections still being opened when they arrive, refuses later borrows, is
 *       idempotent, and leaves no thread of the pool's behind. Nothing piles up on the scheduler (it may be shared
 *       by every pool of the JVM): a served borrower's deadline and a returned connection's leak timer are
 *       cancelled, and {@code close()} cancels the housekeeping.</li>
 *   <li>Safe to call from any number of threads. Any thread the pool starts is a daemon whose name starts with
 *       {@code connection-pool-}.</li>
 * </ul>
 *
 * @param <C> the type of the connections
 */
public final class ConnectionPool<C> implements AutoCloseable {

    private final ConnectionFactory<C> factory;
    private final PoolConfig config;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Consumer<LeakReport> leakListener;

    /** A pool on the system clock and the {@link Scheduler#shared() shared timer}, leaks logged as warnings. */
    public ConnectionPool(ConnectionFactory<C> factory, PoolConfig config) {
        this(factory, config, Clock.systemUTC(), Scheduler.shared(), LeakReport::log);
    }

    /**
     * A pool whose time comes from {@code clock} and {@code scheduler} (the tests pass a manual pair), which reports
     * leaks to {@code leakListener}. Opens no connection by itself before the first housekeeping run.
     */
    public ConnectionPool(ConnectionFactory<C> factory, PoolConfig config, Clock clock, Scheduler scheduler,
                          Consumer<LeakReport> leakListener) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.leakListener = Objects.requireNonNull(leakListener, "leakListener");
    }

    /**
     * Lends a connection, waiting at most {@link PoolConfig#connectionTimeout()}: {@code borrow(config.connectionTimeout())}.
     */
    public C borrow() throws InterruptedException {
        throw new UnsupportedOperationException("Stage 1: borrow a connection"
                + " — see katas/05-connection-pool/README.md, 'Stage 1 — Borrow and return'");
    }

    /**
     * Lends a connection: an idle one (the most recently returned), else a new one if fewer than {@code maxSize}
     * exist, else the next one returned, in arrival order (Stage 2).
     *
     * @param timeout how long to wait at most; positive, else {@link IllegalArgumentException}
     * @return a connection no other borrower holds until it is returned
     * @throws PoolTimeoutException         no connection within {@code timeout} (Stage 2)
     * @throws ConnectionCreationException  the factory failed to open the connection this borrower waited for (Stage 3)
     * @throws PoolClosedException          the pool is closed, or closed while this borrower waited (Stage 5)
     * @throws InterruptedException         the borrower was interrupted while it waited (Stage 2)
     */
    public C borrow(Duration timeout) throws InterruptedException {
        throw new UnsupportedOperationException("Stage 1: borrow a connection"
                + " — see katas/05-connection-pool/README.md, 'Stage 1 — Borrow and return'");
    }

    /**
     * Gives a lent connection back: to the longest waiting borrower, else to the top of the idle stack; retired
     * instead if it outlived {@code maxLifetime} (Stage 4) or the pool is closed (Stage 5).
     *
     * @throws IllegalStateException the connection is not lent by this pool: returned twice, or foreign
     */
    public void release(C connection) {
        throw new UnsupportedOperationException("Stage 1: return a connection"
                + " — see katas/05-connection-pool/README.md, 'Stage 1 — Borrow and return'");
    }

    /**
     * Gives back a lent connection that the borrower knows is broken: the pool closes it and frees its slot (a
     * waiting borrower gets a new one).
     *
     * @throws IllegalStateException the connection is not lent by this pool
     */
    public void discard(C connection) {
        throw new UnsupportedOperationException("Stage 6: discard a broken connection"
                + " — see katas/05-connection-pool/README.md, 'Stage 6 — A real database'");
    }

    /** The pool's state right now: total, active, idle, waiting (see {@link PoolStats}). */
    public PoolStats stats() {
        throw new UnsupportedOperationException("Stage 1: count the connections"
                + " — see katas/05-connection-pool/README.md, 'Stage 1 — Borrow and return'");
    }

    /** Shuts the pool down, by the Stage 5 rules above. Idempotent. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("Stage 5: close the pool"
                + " — see katas/05-connection-pool/README.md, 'Stage 5 — Leaks and shutdown'");
    }
}
