package dev.backendkatas.connectionpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;

/**
 * What every pool test needs: a scripted factory, a manual clock and scheduler, leak reports collected, borrowers on
 * their own threads, and everything torn down after the test.
 */
abstract class PoolSandbox {

    /** Generous bound for things that happen on other threads: it only matters when the code under test is broken. */
    static final Duration PATIENCE = Duration.ofSeconds(5);

    final ManualTime time = new ManualTime();
    final FakeFactory factory = new FakeFactory();
    final List<LeakReport> leaks = new CopyOnWriteArrayList<>();
    private final List<Thread> borrowerThreads = new CopyOnWriteArrayList<>();
    private final ExecutorService borrowers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-borrower");
        thread.setDaemon(true);
        borrowerThreads.add(thread);
        return thread;
    });
    ConnectionPool<FakeConnection> pool;

    ConnectionPool<FakeConnection> start(PoolConfig config) {
        pool = new ConnectionPool<>(factory, config, time, time, leaks::add);
        return pool;
    }

    @AfterEach
    void tearDown() {
        borrowers.shutdownNow();
        if (pool != null) {
            try {
                pool.close();
            } catch (RuntimeException e) {
                // close() is Stage 5: the earlier stages must pass without it.
            }
        }
    }

    /** Starts a borrower on its own thread. */
    Future<FakeConnection> borrowInBackground(Duration timeout) {
        return borrowers.submit(() -> pool.borrow(timeout));
    }

    Future<FakeConnection> borrowInBackground() {
        return borrowers.submit(() -> pool.borrow());
    }

    <T> Future<T> inBackground(Callable<T> task) {
        return borrowers.submit(task);
    }

    /** Waits until exactly {@code count} borrowers are blocked in the pool. */
    void awaitWaiting(int count) {
        eventually().untilAsserted(() -> assertThat(pool.stats().waiting())
                .as("borrowers waiting in the pool (PoolStats.waiting)").isEqualTo(count));
    }

    static ConditionFactory eventually() {
        return Awaitility.await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1));
    }

    /** The value of a background borrower that must finish now; a failure shows what it threw. */
    static <T> T done(Future<T> future, String what) throws InterruptedException {
        try {
            return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " threw " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return fail(what + " is still blocked after " + PATIENCE.toSeconds() + " s (a wake-up that was lost?)");
        }
    }

    /** What a background borrower that must fail threw. */
    static Throwable failure(Future<?> future, String what) throws InterruptedException {
        try {
            Object value = future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return fail(what + " should have failed, but got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return fail(what + " is still blocked after " + PATIENCE.toSeconds() + " s, it should have failed");
        }
    }

    /** Runs a call that must not block (it is not waiting for anything): a lock held around a slow call blocks it. */
    <T> T promptly(String what, Callable<T> call) throws InterruptedException {
        return done(borrowers.submit(call), what);
    }

    static void assertStillWaiting(Future<?> future, String what) {
        assertThat(future.isDone()).as(what + " must still be waiting").isFalse();
    }

    /**
     * Waits, without failing, until {@code thread} waits to take a lock (a monitor, or a
     * {@code java.util.concurrent} lock: parked in {@code AbstractQueuedSynchronizer.acquire}) or {@code task} has
     * ended: after an interrupt, the moment it can do nothing more until the lock holder lets go.
     */
    static void awaitWaitingForLockOrDone(Thread thread, Future<?> task) {
        try {
            eventually().until(() -> task.isDone() || waitsForALock(thread));
        } catch (ConditionTimeoutException neither) {
            // A pool that blocks some other way: the interleaving is left to chance, and the test still holds.
        }
    }

    private static boolean waitsForALock(Thread thread) {
        Thread.State state = thread.getState();
        if (state == Thread.State.BLOCKED) {
            return true;
        }
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                && Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("acquire")
                        && frame.getClassName().equals(AbstractQueuedSynchronizer.class.getName()));
    }
}
