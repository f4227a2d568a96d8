package dev.backendkatas.connectionpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 5 of kata 05: leak reports, shutdown, and everything at once under load; the README section. */
@Order(5)
@DisplayName("Stage 5 — Leaks and shutdown")
class Stage5LeaksAndShutdownTest extends PoolSandbox {

    @Test
    @Order(1)
    @DisplayName("a connection held past leakDetectionThreshold is reported once, with the stack trace of its borrow")
    void reportsLeakOnce() throws Exception {
        start(PoolConfig.ofMaxSize(2).withLeakDetectionThreshold(Duration.ofMinutes(2)));
        FakeConnection leaked = borrowAndForget();

        time.advance(Duration.ofSeconds(119));
        assertThat(leaks).as("leak reports after 1 min 59 s (threshold 2 min)").isEmpty();

        time.advance(Duration.ofSeconds(1));
        assertThat(leaks).as("leak reports after 2 min").hasSize(1);
        LeakReport report = leaks.get(0);
        assertThat(report.connection()).as("the report names the connection").isEqualTo(leaked.toString());
        assertThat(report.heldFor()).as("how long it had been held").isEqualTo(Duration.ofMinutes(2));
        assertThat(Arrays.stream(report.borrowedAt().getStackTrace()).map(StackTraceElement::getMethodName))
                .as("the stack trace of the borrow must point at the code that leaks").contains("borrowAndForget");

        time.advance(Duration.ofMinutes(30));
        assertThat(leaks).as("leak reports after 32 min: a leak is reported once, not every housekeeping").hasSize(1);
    }

    private FakeConnection borrowAndForget() throws InterruptedException {
        return pool.borrow();
    }

    @Test
    @Order(2)
    @DisplayName("a connection returned before leakDetectionThreshold is never reported")
    void returnedInTimeIsNoLeak() throws Exception {
        start(PoolConfig.ofMaxSize(2).withLeakDetectionThreshold(Duration.ofMinutes(2)));
        FakeConnection connection = pool.borrow();
        time.advance(Duration.ofMinutes(1));
        pool.release(connection);

        time.advance(Duration.ofMinutes(10));

        assertThat(leaks).as("reports for a connection held 1 min (threshold 2 min)").isEmpty();
    }

    @Test
    @Order(3)
    @DisplayName("close() fails every waiting borrower at once with PoolClosedException")
    void closeFailsWaiters() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        pool.borrow();
        Future<FakeConnection> first = borrowInBackground();
        awaitWaiting(1);
        Future<FakeConnection> second = borrowInBackground();
        awaitWaiting(2);

        pool.close();

        assertThat(failure(first, "waiter 1 after close()")).as("what waiter 1 threw")
                .isInstanceOf(PoolClosedException.class);
        assertThat(failure(second, "waiter 2 after close()")).as("what waiter 2 threw")
                .isInstanceOf(PoolClosedException.class);
        assertThat(pool.stats()).as("stats after close() failed both waiters: one lent, nobody waiting")
                .isEqualTo(new PoolStats(1, 1, 0, 0));
    }

    @Test
    @Order(4)
    @DisplayName("close() closes idle connections now and lent ones when they come back, without failing their return")
    void closeClosesIdleNowAndLentLater() throws Exception {
        start(PoolConfig.ofMaxSize(2));
        FakeConnection lent = pool.borrow();
        FakeConnection idle = pool.borrow();
        pool.release(idle);

        pool.close();
        assertThat(idle.isClosed()).as("the idle connection right after close()").isTrue();
        assertThat(lent.isClosed()).as("the lent connection right after close(): its borrower is still using it")
                .isFalse();
        assertThat(pool.stats()).as("stats right after close(): the idle connection is gone, the lent one still exists")
                .isEqualTo(new PoolStats(1, 1, 0, 0));

        pool.release(lent);
        assertThat(lent.isClosed()).as("the lent connection once it came back to the closed pool").isTrue();
        assertThat(factory.open()).as("connections still open").isZero();
        assertThat(pool.stats()).as("stats once the lent connection came back to the closed pool")
                .isEqualTo(new PoolStats(0, 0, 0, 0));
        assertThatThrownBy(() -> pool.release(lent)).as("returning it again after close()")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Order(5)
    @DisplayName("after close(), borrow() fails with PoolClosedException, and a second close() changes nothing")
    void borrowAfterCloseFailsAndCloseIsIdempotent() throws Exception {
        start(PoolConfig.ofMaxSize(2));
        pool.release(pool.borrow());
        pool.close();

        assertThatThrownBy(() -> pool.borrow()).as("borrow() after close()").isInstanceOf(PoolClosedException.class);
        pool.close();
        assertThat(factory.closedConnections()).as("connections closed by two close() calls").hasSize(1);
        assertThat(factory.doubleCloses()).as("connections closed twice").isZero();
        assertThat(factory.createCalls()).as("connects after close()").isEqualTo(1);
    }

    @Test
    @Order(6)
    @DisplayName("a connection still being opened when the pool closes is closed when it arrives")
    void connectionArrivingAfterCloseIsClosed() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        FakeFactory.Gate slow = factory.hangNext();
        Future<FakeConnection> borrower = borrowInBackground();
        slow.awaitEntered();

        pool.close();
        assertThat(failure(borrower, "the borrower waiting for a connect when the pool closed"))
                .isInstanceOf(PoolClosedException.class);
        slow.release();

        eventually().untilAsserted(() -> assertThat(factory.open())
                .as("connections open once the late connect finished after close()").isZero());
    }

    @Test
    @Order(7)
    @DisplayName("close() leaves no thread of the pool's behind")
    void closeLeavesNoThread() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        start(PoolConfig.ofMaxSize(4));
        List<FakeConnection> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(done(borrowInBackground(), "borrow #" + i));
        }
        held.forEach(pool::release);

        pool.close();

        eventually().untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> !before.contains(t) && t.getName().startsWith("connection-pool-"))
                        .map(Thread::getName).collect(Collectors.toList()))
                .as("threads the pool started that are still alive after close()").isEmpty());
    }

    @Test
    @Order(8)
    @DisplayName("returns cancel their deadline and leak timers, and close() cancels the housekeeping: nothing piles up on a shared scheduler")
    void leavesNoTaskOnTheScheduler() throws Exception {
        start(PoolConfig.ofMaxSize(2).withLeakDetectionThreshold(Duration.ofMinutes(2)));
        time.runDueTasks();
        int before = time.pendingTasks();
        for (int round = 0; round < 5; round++) {
            FakeConnection a = pool.borrow();
            FakeConnection b = pool.borrow();
            pool.release(a);
            pool.release(b);
        }
        assertThat(time.pendingTasks()).as("tasks on the scheduler after 10 borrows returned in time, compared with "
                + "the %d before: a served borrower's deadline and a returned connection's leak timer must be "
                + "cancelled, or a busy pool fills the shared timer with dead tasks", before).isEqualTo(before);

        pool.close();

        assertThat(time.pendingTasks()).as("tasks of the closed pool still on the scheduler (the housekeeping "
                + "included): a shared timer would keep the closed pool reachable").isZero();
    }

    @Test
    @Order(9)
    @DisplayName("100 threads on a pool of 2 with failing connects and validations: never more than 2 open, never shared, nothing leaked")
    void hundredThreadsOnTwoConnections() throws Exception {
        Random random = new Random(5);
        factory.validator = c -> random.nextInt(5) != 0;
        start(PoolConfig.ofMaxSize(2).withValidateAfterIdle(Duration.ZERO));
        Set<FakeConnection> inUse = ConcurrentHashMap.newKeySet();
        AtomicInteger shared = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        AtomicInteger creationFailures = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> threads = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            threads.add(inBackground(() -> {
                go.await();
                for (int i = 0; i < 20; i++) {
                    if (i % 7 == 3) {
                        factory.failNext(new ConnectException("refused"));
                    }
                    FakeConnection c;
                    try {
                        c = pool.borrow();
                    } catch (ConnectionCreationException e) {
                        creationFailures.incrementAndGet();
                        continue;
                    }
                    if (!inUse.add(c) || c.isClosed()) {
                        shared.incrementAndGet();
                    }
                    served.incrementAndGet();
                    inUse.remove(c);
                    pool.release(c);
                }
                return 0;
            }));
        }
        go.countDown();
        for (Future<Integer> thread : threads) {
            done(thread, "a hammering thread");
        }

        assertThat(shared).as("borrows that got a connection another borrower held, or a closed one").hasValue(0);
        assertThat(served.get() + creationFailures.get()).as("borrows that ended").isEqualTo(2000);
        assertThat(factory.maxOpen()).as("the most physical connections open at once, pool of 2")
                .isLessThanOrEqualTo(2);
        // A connect started for a borrower that was served by a return meanwhile may still be running: wait for it.
        eventually().untilAsserted(() -> assertThat(pool.stats()).as("stats at the end").satisfies(s -> {
            assertThat(s.active()).as("active").isZero();
            assertThat(s.waiting()).as("waiting").isZero();
            assertThat(s.total()).as("total (no connect still running)").isEqualTo(s.idle()).isLessThanOrEqualTo(2);
        }));
        pool.close();
        assertThat(factory.open()).as("connections left open after close()").isZero();
        assertThat(factory.doubleCloses()).as("connections closed twice").isZero();
    }
}
