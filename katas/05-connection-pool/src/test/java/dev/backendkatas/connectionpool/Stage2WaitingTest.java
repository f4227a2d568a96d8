package dev.backendkatas.connectionpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 2 of kata 05: an exhausted pool makes borrowers wait, in order, until a deadline; the README section. */
@Order(2)
@DisplayName("Stage 2 — Waiting, with a deadline")
class Stage2WaitingTest extends PoolSandbox {

    @Test
    @Order(1)
    @DisplayName("a borrower waits while all connections are lent, and gets the next one returned")
    void waitsForReturn() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        FakeConnection held = pool.borrow();
        Future<FakeConnection> waiter = borrowInBackground();
        awaitWaiting(1);
        assertThat(pool.stats()).as("stats with one lent and one borrower waiting").isEqualTo(new PoolStats(1, 1, 0, 1));

        pool.release(held);

        assertThat(done(waiter, "the waiting borrower after the release")).as("what the waiter got").isSameAs(held);
        assertThat(factory.created()).as("physical connections on a pool of 1").isEqualTo(1);
        assertThat(pool.stats()).as("stats after the hand-over").isEqualTo(new PoolStats(1, 1, 0, 0));
    }

    @Test
    @Order(2)
    @DisplayName("a borrower that waited its whole timeout fails with PoolTimeoutException stating total, active, idle, waiting")
    void timesOutWithPoolState() throws Exception {
        start(PoolConfig.ofMaxSize(2));
        pool.borrow();
        pool.borrow();
        Future<FakeConnection> waiter = borrowInBackground();
        awaitWaiting(1);

        time.advance(Duration.ofSeconds(30));

        Throwable failure = failure(waiter, "the borrower after its 30 s connectionTimeout passed");
        assertThat(failure).as("what the borrower threw after 30 s").isInstanceOf(PoolTimeoutException.class);
        assertThat(failure.getMessage()).as("the timeout message: an engineer must see why there was no connection")
                .contains("30000ms").contains("total=2, active=2, idle=0, waiting=1");
        assertThat(pool.stats()).as("stats once the borrower gave up").isEqualTo(new PoolStats(2, 2, 0, 0));
    }

    @Test
    @Order(3)
    @DisplayName("a borrower's own timeout is its deadline: still waiting just before it, failed at it")
    void deadlineIsTheBorrowersTimeout() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        pool.borrow();
        Future<FakeConnection> waiter = borrowInBackground(Duration.ofSeconds(5));
        awaitWaiting(1);

        time.advance(Duration.ofMillis(4999));
        assertStillWaiting(waiter, "a borrow(5 s) after 4.999 s");
        assertThat(pool.stats().waiting()).as("waiting after 4.999 s of a 5 s timeout").isEqualTo(1);

        time.advance(Duration.ofMillis(1));
        assertThat(failure(waiter, "a borrow(5 s) after 5 s")).isInstanceOf(PoolTimeoutException.class)
                .hasMessageContaining("5000ms");
    }

    @Test
    @Order(4)
    @DisplayName("waiters are served in arrival order (FIFO)")
    void servesWaitersInArrivalOrder() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        FakeConnection held = pool.borrow();
        List<String> served = new CopyOnWriteArrayList<>();
        List<Future<FakeConnection>> waiters = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String name = "waiter-" + i;
            waiters.add(inBackground(() -> {
                FakeConnection c = pool.borrow();
                served.add(name);
                pool.release(c);
                return c;
            }));
            awaitWaiting(i);
        }

        pool.release(held);

        for (Future<FakeConnection> waiter : waiters) {
            done(waiter, "a waiter");
        }
        assertThat(served).as("the order in which the waiters got the connection; they arrived 1, 2, 3, 4")
                .containsExactly("waiter-1", "waiter-2", "waiter-3", "waiter-4");
    }

    @Test
    @Order(5)
    @DisplayName("a returned connection goes straight to the longest waiter: a borrower arriving just then does not barge in")
    void handsOverWithoutBarging() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        FakeConnection held = pool.borrow();
        List<String> served = new CopyOnWriteArrayList<>();
        CountDownLatch letGo = new CountDownLatch(1);
        Future<FakeConnection> waiter = inBackground(() -> {
            FakeConnection c = pool.borrow();
            served.add("waiter");
            letGo.await(); // holds the connection until the test has looked
            pool.release(c);
            return c;
        });
        awaitWaiting(1);

        pool.release(held);
        int idleRightAfterRelease = pool.stats().idle();
        Future<FakeConnection> newcomer = inBackground(() -> { // arrives after the release
            FakeConnection c = pool.borrow();
            served.add("newcomer");
            pool.release(c);
            return c;
        });
        eventually().untilAsserted(() -> assertThat(pool.stats().waiting() + served.size())
                .as("the newcomer waits, or barged in and got the connection").isEqualTo(2));
        letGo.countDown();
        done(waiter, "the waiter");
        done(newcomer, "the newcomer");

        assertThat(idleRightAfterRelease).as("idle connections right after a release while a borrower waits: the "
                + "connection must be handed to the waiter, not left in the pool for whoever comes first").isZero();
        assertThat(served).as("who got the connection first: the waiter was there before the newcomer")
                .containsExactly("waiter", "newcomer");
    }

    @Test
    @Order(6)
    @DisplayName("an interrupted waiter leaves with InterruptedException and the next waiter keeps its turn")
    void interruptedWaiterLeaves() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        FakeConnection held = pool.borrow();
        Thread[] first = new Thread[1];
        Future<FakeConnection> interrupted = inBackground(() -> {
            first[0] = Thread.currentThread();
            return pool.borrow();
        });
        awaitWaiting(1);
        Future<FakeConnection> next = borrowInBackground();
        awaitWaiting(2);

        first[0].interrupt();

        assertThat(failure(interrupted, "the interrupted waiter")).as("what the interrupted waiter threw")
                .isInstanceOf(InterruptedException.class);
        awaitWaiting(1);
        pool.release(held);
        assertThat(done(next, "the waiter behind the interrupted one")).as("what the next waiter got").isSameAs(held);
    }

    @Test
    @Order(7)
    @DisplayName("a waiter interrupted just as the connection is handed to it passes it on: the next waiter's wake-up is not lost")
    void interruptDuringHandOverLosesNothing() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        for (int round = 0; round < 20; round++) {
            FakeConnection held = pool.borrow();
            Thread[] first = new Thread[1];
            Future<FakeConnection> interrupted = inBackground(() -> {
                first[0] = Thread.currentThread();
                return pool.borrow();
            });
            awaitWaiting(1);
            Future<FakeConnection> next = borrowInBackground();
            awaitWaiting(2);

            // The interleaving that matters: the first waiter is interrupted, and the connection is handed to it
            // before it can leave. A pool reads the clock while it checks a returned connection in: at that moment
            // the waiter is interrupted, and the release goes on once the waiter waits for the pool's lock (or has
            // already left). A pool that reads no clock there gets the interrupt after release(), as it comes.
            time.onNextReadBy(Thread.currentThread(), () -> {
                first[0].interrupt();
                awaitWaitingForLockOrDone(first[0], interrupted);
            });
            pool.release(held);
            if (time.onNextReadBy(null, null)) {
                first[0].interrupt();
            }

            try {
                FakeConnection got = done(interrupted, "the interrupted waiter");
                pool.release(got); // it was handed the connection before it saw the interrupt, and kept it
            } catch (AssertionError threw) {
                assertThat(threw.getCause()).as("round %d: what the interrupted waiter threw", round)
                        .isInstanceOf(InterruptedException.class);
            }
            assertThat(done(next, "round " + round + ": the waiter behind the interrupted one"))
                    .as("round %d: what the next waiter got: an interrupted waiter that was handed the connection "
                            + "must pass it on", round).isSameAs(held);
            pool.release(held);
            assertThat(pool.stats()).as("round %d: stats at the end", round).isEqualTo(new PoolStats(1, 0, 1, 0));
        }
    }
}
