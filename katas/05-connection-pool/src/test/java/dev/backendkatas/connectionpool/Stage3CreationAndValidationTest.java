package dev.backendkatas.connectionpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 3 of kata 05: slow, failing and dead connections; the README section of the same name. */
@Order(3)
@DisplayName("Stage 3 — Creation and validation faults")
class Stage3CreationAndValidationTest extends PoolSandbox {

    @Test
    @Order(1)
    @DisplayName("a slow connect blocks neither returns, nor stats, nor the borrower who gets the returned connection")
    void slowConnectBlocksNobodyElse() throws Exception {
        start(PoolConfig.ofMaxSize(2));
        FakeConnection held = pool.borrow();
        FakeFactory.Gate slow = factory.hangNext();
        Future<FakeConnection> first = borrowInBackground();
        slow.awaitEntered();

        PoolStats during = promptly("stats() while a connect hangs", pool::stats);
        assertThat(during).as("stats while one is lent and one is being opened for a waiter")
                .isEqualTo(new PoolStats(2, 1, 0, 1));
        promptly("release() while a connect hangs", () -> {
            pool.release(held);
            return null;
        });
        assertThat(done(first, "the waiter, once a connection came back during the slow connect"))
                .as("the waiter gets the returned connection; it need not wait for its own connect").isSameAs(held);

        Future<FakeConnection> second = borrowInBackground();
        awaitWaiting(1);
        slow.release();
        FakeConnection fresh = done(second, "the next borrower, once the slow connect finished");
        assertThat(fresh).as("what the slow connect opened").isNotSameAs(held);
        assertThat(factory.created()).as("connections opened").isEqualTo(2);
    }

    @Test
    @Order(2)
    @DisplayName("connections being opened count against maxSize: three borrowers on a pool of 2 never cause a third connect")
    void connectionsBeingOpenedCount() throws Exception {
        start(PoolConfig.ofMaxSize(2));
        FakeFactory.Gate one = factory.hangNext();
        FakeFactory.Gate two = factory.hangNext();
        List<Future<FakeConnection>> borrowers = List.of(borrowInBackground(), borrowInBackground(),
                borrowInBackground());
        one.awaitEntered();
        two.awaitEntered();
        awaitWaiting(3);

        one.release();
        two.release();
        // The two connections go to the two borrowers that arrived first, whichever of the three they are.
        eventually().untilAsserted(() -> assertThat(borrowers.stream().filter(Future::isDone).count())
                .as("borrowers served by the two connects").isEqualTo(2));
        List<Future<FakeConnection>> served = borrowers.stream().filter(Future::isDone).toList();
        Future<FakeConnection> third = borrowers.stream().filter(b -> !b.isDone()).findFirst().orElseThrow();
        for (Future<FakeConnection> borrower : served) {
            pool.release(done(borrower, "a borrower served by a connect"));
        }
        pool.release(done(third, "the third borrower, once a connection came back"));

        assertThat(factory.createCalls()).as("calls to create() for 3 borrowers on a pool of 2, while 2 connects "
                + "were slow: count connections being opened, not only those lent").isEqualTo(2);
        assertThat(factory.maxOpen()).as("the most connections open at once").isLessThanOrEqualTo(2);
    }

    @Test
    @Order(3)
    @DisplayName("a connect that hangs keeps its borrower waiting only until the borrower's deadline; the connection is kept when it arrives")
    void hangingConnectBoundedByDeadline() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        FakeFactory.Gate hang = factory.hangNext();
        Future<FakeConnection> borrower = borrowInBackground(Duration.ofSeconds(5));
        hang.awaitEntered();
        awaitWaiting(1);

        time.advance(Duration.ofSeconds(5));

        assertThat(failure(borrower, "a borrow(5 s) whose connect hangs, after 5 s"))
                .isInstanceOf(PoolTimeoutException.class);
        hang.release();
        eventually().untilAsserted(() -> assertThat(pool.stats())
                .as("stats once the late connection arrived: nobody waits, so it is kept idle")
                .isEqualTo(new PoolStats(1, 0, 1, 0)));
        assertThat(pool.borrow()).as("the next borrow gets the late connection")
                .isSameAs(factory.createdConnections().get(0));
    }

    @Test
    @Order(4)
    @DisplayName("a failed connect gives the borrower ConnectionCreationException with the factory's exception as cause")
    void failedConnectGivesCause() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        ConnectException refused = new ConnectException("Connection refused");
        factory.failNext(refused);

        Future<FakeConnection> borrower = borrowInBackground();

        Throwable failure = failure(borrower, "a borrow whose connect fails");
        assertThat(failure).as("what the borrower threw").isInstanceOf(ConnectionCreationException.class);
        assertThat(failure.getCause()).as("its cause: the factory's own exception, so the borrower sees why")
                .isSameAs(refused);
        assertThat(pool.stats()).as("stats after the failed connect: its slot is free again")
                .isEqualTo(new PoolStats(0, 0, 0, 0));
    }

    @Test
    @Order(5)
    @DisplayName("failed connects free their slot: after three failures in a row the pool still opens connections")
    void failedConnectsFreeTheirSlot() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        for (int i = 0; i < 3; i++) {
            factory.failNext(new ConnectException("Connection refused #" + i));
            assertThat(failure(borrowInBackground(), "borrow with a failing connect #" + i))
                    .isInstanceOf(ConnectionCreationException.class);
        }

        FakeConnection connection = done(borrowInBackground(), "a borrow once the database is back");
        assertThat(connection).as("the connection opened after three failures on a pool of 1").isNotNull();
        assertThat(pool.stats()).as("stats: the pool did not shrink for good").isEqualTo(new PoolStats(1, 1, 0, 0));
    }

    @Test
    @Order(6)
    @DisplayName("a factory that returns null is a failed connect, not a null connection")
    void nullFromFactoryIsFailure() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        factory.returnNullNext();

        assertThat(failure(borrowInBackground(), "a borrow whose factory returns null"))
                .isInstanceOf(ConnectionCreationException.class);
        assertThat(done(borrowInBackground(), "the next borrow")).as("the connection opened next").isNotNull();
        assertThat(pool.stats()).as("stats").isEqualTo(new PoolStats(1, 1, 0, 0));
    }

    @Test
    @Order(7)
    @DisplayName("a connection returned moments ago is lent without validation (a check per borrow is a round trip per query)")
    void recentConnectionNotValidated() throws Exception {
        start(PoolConfig.ofMaxSize(1).withValidateAfterIdle(Duration.ofMillis(500)));
        FakeConnection connection = pool.borrow();
        pool.release(connection);
        time.advance(Duration.ofMillis(499));

        assertThat(pool.borrow()).as("borrow 499 ms after the return").isSameAs(connection);
        assertThat(factory.validations()).as("validations of a connection idle 499 ms (validateAfterIdle 500 ms)")
                .isZero();
    }

    @Test
    @Order(8)
    @DisplayName("a connection idle for validateAfterIdle is validated before it is lent")
    void idleConnectionValidated() throws Exception {
        start(PoolConfig.ofMaxSize(1).withValidateAfterIdle(Duration.ofMillis(500)));
        FakeConnection connection = pool.borrow();
        pool.release(connection);
        time.advance(Duration.ofMillis(500));

        assertThat(pool.borrow()).as("borrow 500 ms after the return, connection alive").isSameAs(connection);
        assertThat(factory.validations()).as("validations of a connection idle 500 ms").isEqualTo(1);
    }

    @Test
    @Order(9)
    @DisplayName("a dead idle connection is closed and replaced, and the borrower never sees it")
    void deadConnectionReplaced() throws Exception {
        start(PoolConfig.ofMaxSize(1).withValidateAfterIdle(Duration.ofMillis(500)));
        FakeConnection dead = pool.borrow();
        pool.release(dead);
        time.advance(Duration.ofMinutes(5));
        dead.kill(); // the database restarted while the connection sat idle

        FakeConnection lent = done(borrowInBackground(), "a borrow after the idle connection died");

        assertThat(lent).as("what the borrower got: never the dead connection").isNotSameAs(dead);
        assertThat(dead.isClosed()).as("the dead connection was closed").isTrue();
        assertThat(factory.created()).as("connections opened: the dead one and its replacement").isEqualTo(2);
        assertThat(pool.stats()).as("stats on a pool of 1 after the replacement").isEqualTo(new PoolStats(1, 1, 0, 0));
    }

    @Test
    @Order(10)
    @DisplayName("a validation that throws counts as a dead connection")
    void throwingValidationIsDead() throws Exception {
        start(PoolConfig.ofMaxSize(1).withValidateAfterIdle(Duration.ofMillis(500)));
        FakeConnection first = pool.borrow();
        pool.release(first);
        time.advance(Duration.ofSeconds(1));
        factory.validator = c -> {
            if (c == first) {
                throw new IllegalStateException("socket closed by peer");
            }
            return true;
        };

        FakeConnection lent = done(borrowInBackground(), "a borrow whose validation throws");

        assertThat(lent).as("what the borrower got").isNotSameAs(first);
        assertThat(first.isClosed()).as("the connection whose validation threw was closed").isTrue();
    }

    @Test
    @Order(11)
    @DisplayName("connects run on the pool's own daemon threads, named connection-pool-…")
    void connectsRunOnDaemonThreads() throws Exception {
        start(PoolConfig.ofMaxSize(2));
        FakeFactory.Gate slow = factory.hangNext();
        // Borrowers on non-daemon threads: a thread inherits its creator's daemon flag, so only these show that the
        // pool sets it itself.
        Future<FakeConnection> first = borrowOnNonDaemonThread();
        slow.awaitEntered();
        Future<FakeConnection> second = borrowOnNonDaemonThread();
        eventually().untilAsserted(() -> assertThat(factory.createCalls()).as("calls to create()").isEqualTo(2));
        slow.release();
        done(first, "the first borrower");
        done(second, "the second borrower");

        assertThat(factory.createThreads()).as("threads that called create()").isNotEmpty()
                .allSatisfy(thread -> assertThat(thread)
                        .as("a thread that ran create(): a hanging connect must not run on the borrower's thread, "
                                + "and a pool thread must neither keep the JVM alive nor be anonymous in a thread dump")
                        .satisfies(t -> assertThat(t.isDaemon()).as("%s is a daemon", t.getName()).isTrue(),
                                t -> assertThat(t.getName()).startsWith("connection-pool-")));
    }

    private Future<FakeConnection> borrowOnNonDaemonThread() {
        java.util.concurrent.FutureTask<FakeConnection> task = new java.util.concurrent.FutureTask<>(() -> pool.borrow());
        Thread thread = new Thread(task, "test-borrower-non-daemon");
        thread.setDaemon(false);
        thread.start();
        return task;
    }

    @Test
    @Order(12)
    @DisplayName("a failed connect fails the longest waiter only; the next waiter gets a new connect in the freed slot")
    void failedConnectFailsOnlyTheHeadWaiter() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        ConnectException refused = new ConnectException("Connection refused");
        FakeFactory.Gate failing = factory.hangThenFail(refused);
        Future<FakeConnection> first = borrowInBackground();
        failing.awaitEntered();
        awaitWaiting(1);
        Future<FakeConnection> second = borrowInBackground();
        awaitWaiting(2);

        failing.release();

        assertThat(failure(first, "the waiter whose connect failed")).as("what the longest waiter threw")
                .isInstanceOf(ConnectionCreationException.class).hasCause(refused);
        FakeConnection connection = done(second, "the second waiter, after the first connect failed");
        assertThat(connection).as("what the second waiter got: a connection opened in the slot the failure freed")
                .isSameAs(factory.createdConnections().get(0));
        assertThat(pool.stats()).as("stats").isEqualTo(new PoolStats(1, 1, 0, 0));
    }

    @Test
    @Order(13)
    @DisplayName("a borrower whose deadline passes while it validates a connection that turns out dead times out, instead of waiting on")
    void deadlinePassesDuringValidation() throws Exception {
        start(PoolConfig.ofMaxSize(1).withValidateAfterIdle(Duration.ZERO));
        FakeConnection held = pool.borrow();
        java.util.concurrent.CountDownLatch validating = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        factory.validator = c -> {
            validating.countDown();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false; // the connection died
        };
        Future<FakeConnection> borrower = borrowInBackground(Duration.ofSeconds(5));
        awaitWaiting(1);
        pool.release(held); // handed to the borrower, which validates it (validateAfterIdle 0)
        if (!validating.await(PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the borrower never validated the connection (validateAfterIdle 0)");
        }

        time.advance(Duration.ofSeconds(5)); // the deadline passes during the (slow) validation
        answer.countDown();

        assertThat(failure(borrower, "a borrow(5 s) whose only connection was found dead after its deadline"))
                .as("what the borrower threw: its 5 s are over, it must not start waiting again")
                .isInstanceOf(PoolTimeoutException.class).hasMessageContaining("waiting=1");
        assertThat(held.isClosed()).as("the dead connection").isTrue();
        assertThat(pool.stats()).as("stats: the dead connection's slot is free").isEqualTo(new PoolStats(0, 0, 0, 0));
    }
}
