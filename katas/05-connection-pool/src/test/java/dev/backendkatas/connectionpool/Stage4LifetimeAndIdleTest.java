package dev.backendkatas.connectionpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 4 of kata 05: maxLifetime, idleTimeout, minIdle and the housekeeping; the README section of the same name. */
@Order(4)
@DisplayName("Stage 4 — Lifetime and idle eviction")
class Stage4LifetimeAndIdleTest extends PoolSandbox {

    private static final PoolConfig NO_IDLE_TIMEOUT = PoolConfig.ofMaxSize(2).withIdleTimeout(Duration.ZERO)
            .withMaxLifetime(Duration.ofMinutes(30));

    @Test
    @Order(1)
    @DisplayName("a connection past maxLifetime is retired when it comes back, never while it is lent")
    void lifetimeEndsOnReturn() throws Exception {
        start(NO_IDLE_TIMEOUT);
        FakeConnection old = pool.borrow();

        time.advance(Duration.ofMinutes(31));
        assertThat(old.isClosed()).as("a connection lent for 31 min (maxLifetime 30 min), before it comes back: "
                + "closing it would break the borrower's transaction").isFalse();

        pool.release(old);
        assertThat(old.isClosed()).as("the same connection once it came back, 31 min old").isTrue();
        assertThat(pool.stats()).as("stats after it was retired").isEqualTo(new PoolStats(0, 0, 0, 0));
        assertThat(pool.borrow()).as("the next borrow: a new connection").isNotSameAs(old);
    }

    @Test
    @Order(2)
    @DisplayName("a connection younger than maxLifetime goes back to the pool")
    void youngConnectionKept() throws Exception {
        start(NO_IDLE_TIMEOUT);
        FakeConnection young = pool.borrow();
        time.advance(Duration.ofMinutes(29));

        pool.release(young);

        assertThat(young.isClosed()).as("a 29 min old connection (maxLifetime 30 min) after its return").isFalse();
        assertThat(pool.borrow()).as("the next borrow").isSameAs(young);
    }

    @Test
    @Order(3)
    @DisplayName("the housekeeping retires idle connections past maxLifetime")
    void housekeepingRetiresOldIdleConnections() throws Exception {
        start(NO_IDLE_TIMEOUT);
        FakeConnection connection = pool.borrow();
        pool.release(connection);

        time.advance(Duration.ofMinutes(31));

        assertThat(connection.isClosed()).as("an idle connection 31 min old, after the housekeeping ran").isTrue();
        assertThat(pool.stats()).as("stats after the housekeeping").isEqualTo(new PoolStats(0, 0, 0, 0));
    }

    @Test
    @Order(4)
    @DisplayName("a borrower waiting when a connection is retired gets a new one in its place")
    void retiredSlotRefilledForWaiter() throws Exception {
        start(NO_IDLE_TIMEOUT.withMaxSize(1));
        FakeConnection old = pool.borrow();
        time.advance(Duration.ofMinutes(31));
        Future<FakeConnection> waiter = borrowInBackground(Duration.ofHours(1));
        awaitWaiting(1);

        pool.release(old);

        FakeConnection fresh = done(waiter, "the waiter, after the connection it waited for was retired");
        assertThat(fresh).as("what the waiter got").isNotSameAs(old);
        assertThat(old.isClosed()).as("the retired connection").isTrue();
    }

    @Test
    @Order(5)
    @DisplayName("idleTimeout closes the coldest idle connections, down to minIdle")
    void idleTimeoutDownToMinIdle() throws Exception {
        start(PoolConfig.ofMaxSize(3).withMinIdle(1).withIdleTimeout(Duration.ofMinutes(10))
                .withMaxLifetime(Duration.ZERO));
        FakeConnection a = pool.borrow();
        FakeConnection b = pool.borrow();
        FakeConnection c = pool.borrow();
        pool.release(a);
        time.advance(Duration.ofSeconds(1));
        pool.release(b);
        time.advance(Duration.ofSeconds(1));
        pool.release(c);

        time.advance(Duration.ofMinutes(9));
        assertThat(factory.closedConnections()).as("closed after 9 min idle (idleTimeout 10 min)").isEmpty();

        time.advance(Duration.ofMinutes(2));
        assertThat(factory.closedConnections()).as("closed after 11 min idle, minIdle 1: the two coldest")
                .containsExactlyInAnyOrder(a, b);
        assertThat(pool.stats()).as("stats after the idle timeout").isEqualTo(new PoolStats(1, 0, 1, 0));
        assertThat(pool.borrow()).as("the connection kept").isSameAs(c);
    }

    @Test
    @Order(6)
    @DisplayName("the housekeeping opens connections until minIdle are idle, and refills after borrows")
    void keepsMinIdleWarm() throws Exception {
        start(PoolConfig.ofMaxSize(4).withMinIdle(2));
        time.runDueTasks();
        eventually().untilAsserted(() -> assertThat(pool.stats())
                .as("stats after the first housekeeping, minIdle 2").isEqualTo(new PoolStats(2, 0, 2, 0)));

        pool.borrow();
        pool.borrow();
        assertThat(factory.created()).as("connections opened: the two borrows used the warm ones").isEqualTo(2);

        time.advance(Duration.ofSeconds(30));
        eventually().untilAsserted(() -> assertThat(pool.stats())
                .as("stats after the next housekeeping, 2 lent, minIdle 2").isEqualTo(new PoolStats(4, 2, 2, 0)));

        time.advance(Duration.ofSeconds(30));
        assertThat(factory.createCalls()).as("connects when the pool is full (maxSize 4)").isEqualTo(4);
    }

    @Test
    @Order(7)
    @DisplayName("the housekeeping does not count a connect that a waiter is waiting for as a future idle connection")
    void minIdleIgnoresConnectsClaimedByWaiters() throws Exception {
        start(PoolConfig.ofMaxSize(4).withMinIdle(2));
        time.runDueTasks();
        eventually().untilAsserted(() -> assertThat(pool.stats()).as("stats after the first housekeeping, minIdle 2")
                .isEqualTo(new PoolStats(2, 0, 2, 0)));
        pool.borrow();
        pool.borrow();
        FakeFactory.Gate slow = factory.hangNext();
        Future<FakeConnection> waiter = borrowInBackground(Duration.ofHours(1));
        slow.awaitEntered();
        awaitWaiting(1);

        time.advance(Duration.ofSeconds(30)); // the housekeeping: 0 idle, one connect running, but a waiter claims it

        eventually().untilAsserted(() -> assertThat(factory.createCalls())
                .as("calls to create() after the housekeeping: it must open one more (maxSize 4), because the slow "
                        + "connect belongs to the waiter, it will not be idle").isEqualTo(4));
        slow.release();
        done(waiter, "the waiter");
        eventually().untilAsserted(() -> assertThat(pool.stats()).as("stats once the slow connect arrived")
                .isEqualTo(new PoolStats(4, 3, 1, 0)));
    }
}
