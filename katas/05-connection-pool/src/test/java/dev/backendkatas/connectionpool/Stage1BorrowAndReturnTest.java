package dev.backendkatas.connectionpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 1 of kata 05: lend, take back, reuse, never more than maxSize; the README section of the same name. */
@Order(1)
@DisplayName("Stage 1 — Borrow and return")
class Stage1BorrowAndReturnTest extends PoolSandbox {

    @Test
    @Order(1)
    @DisplayName("opens a connection on the first borrow, not before, and counts it as active")
    void opensOnFirstBorrow() throws Exception {
        start(PoolConfig.ofMaxSize(2));
        assertThat(factory.createCalls()).as("connections opened by merely constructing a pool with minIdle 0")
                .isZero();

        FakeConnection connection = pool.borrow();

        assertThat(connection).as("borrow() with an empty pool").isSameAs(factory.createdConnections().get(0));
        assertThat(pool.stats()).as("stats after one borrow").isEqualTo(new PoolStats(1, 1, 0, 0));
    }

    @Test
    @Order(2)
    @DisplayName("reuses a returned connection instead of opening another")
    void reusesReturnedConnection() throws Exception {
        start(PoolConfig.ofMaxSize(2));
        FakeConnection first = pool.borrow();
        pool.release(first);
        assertThat(pool.stats()).as("stats after borrow + release").isEqualTo(new PoolStats(1, 0, 1, 0));

        FakeConnection second = pool.borrow();

        assertThat(second).as("the second borrow, after the first connection came back").isSameAs(first);
        assertThat(factory.created()).as("physical connections opened for borrow, release, borrow").isEqualTo(1);
        assertThat(first.isClosed()).as("a returned connection stays open: closing it is what a pool avoids").isFalse();
    }

    @Test
    @Order(3)
    @DisplayName("opens up to maxSize distinct connections for borrowers that hold them")
    void opensUpToMaxSize() throws Exception {
        start(PoolConfig.ofMaxSize(3));

        List<FakeConnection> held = List.of(pool.borrow(), pool.borrow(), pool.borrow());

        assertThat(held).as("three borrows held at once").doesNotHaveDuplicates();
        assertThat(factory.created()).as("physical connections for three concurrent holders").isEqualTo(3);
        assertThat(pool.stats()).as("stats with three lent").isEqualTo(new PoolStats(3, 3, 0, 0));
    }

    @Test
    @Order(4)
    @DisplayName("lends the most recently returned connection first (LIFO, as HikariCP and commons-pool2 do)")
    void reusesInLifoOrder() throws Exception {
        start(PoolConfig.ofMaxSize(3));
        FakeConnection a = pool.borrow();
        FakeConnection b = pool.borrow();
        FakeConnection c = pool.borrow();
        pool.release(a);
        pool.release(b);
        pool.release(c);

        assertThat(List.of(pool.borrow(), pool.borrow(), pool.borrow()))
                .as("returned in the order %s, %s, %s; LIFO lends the warmest first, and lets the coldest idle "
                        + "long enough to be closed (FIFO would keep all of them busy)", a, b, c)
                .containsExactly(c, b, a);
    }

    @Test
    @Order(5)
    @DisplayName("never opens more than maxSize, however many borrow/return rounds")
    void neverMoreThanMaxSize() throws Exception {
        start(PoolConfig.ofMaxSize(2));
        for (int round = 0; round < 50; round++) {
            FakeConnection x = pool.borrow();
            FakeConnection y = pool.borrow();
            pool.release(round % 2 == 0 ? x : y);
            FakeConnection z = pool.borrow();
            pool.release(z);
            pool.release(round % 2 == 0 ? y : x);
        }
        assertThat(factory.created()).as("physical connections after 50 rounds on a pool of 2").isEqualTo(2);
        assertThat(pool.stats()).as("stats after every connection came back").isEqualTo(new PoolStats(2, 0, 2, 0));
    }

    @Test
    @Order(6)
    @DisplayName("refuses a connection returned twice with IllegalStateException, and keeps it once")
    void refusesDoubleReturn() throws Exception {
        start(PoolConfig.ofMaxSize(2));
        FakeConnection connection = pool.borrow();
        pool.release(connection);

        assertThatThrownBy(() -> pool.release(connection))
                .as("releasing %s a second time: two borrowers would later get the same connection", connection)
                .isInstanceOf(IllegalStateException.class);

        assertThat(pool.stats()).as("stats after the refused second return").isEqualTo(new PoolStats(1, 0, 1, 0));
        FakeConnection x = pool.borrow();
        FakeConnection y = pool.borrow();
        assertThat(y).as("the next two borrows must be two different connections").isNotSameAs(x);
    }

    @Test
    @Order(7)
    @DisplayName("refuses a connection it did not lend with IllegalStateException")
    void refusesForeignConnection() throws Exception {
        start(PoolConfig.ofMaxSize(2));
        FakeConnection mine = pool.borrow();
        FakeConnection foreign = new FakeConnection(99, "foreign");

        assertThatThrownBy(() -> pool.release(foreign))
                .as("releasing a connection that another pool (or nobody) lent").isInstanceOf(IllegalStateException.class);

        assertThat(pool.stats()).as("stats after the refused foreign return").isEqualTo(new PoolStats(1, 1, 0, 0));
        pool.release(mine);
    }

    @Test
    @Order(8)
    @DisplayName("tells connections apart by identity, not equals(): two equal connections are two connections")
    void tellsConnectionsApartByIdentity() throws Exception {
        factory.sameLabel = true;
        start(PoolConfig.ofMaxSize(2));
        FakeConnection a = pool.borrow();
        FakeConnection b = pool.borrow();
        assertThat(a).as("the factory made two connections that are equals() but not ==").isEqualTo(b).isNotSameAs(b);

        pool.release(a);
        assertThatThrownBy(() -> pool.release(a)).as("a returned twice, while an equal b is still lent")
                .isInstanceOf(IllegalStateException.class);
        pool.release(b);

        assertThat(pool.stats()).as("stats after both came back").isEqualTo(new PoolStats(2, 0, 2, 0));
    }

    @Test
    @Order(9)
    @DisplayName("refuses a timeout that is zero or negative with IllegalArgumentException")
    void refusesNonPositiveTimeout() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        pool.release(pool.borrow(Duration.ofSeconds(1)));

        assertThatThrownBy(() -> pool.borrow(Duration.ZERO)).as("borrow(0 s)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool.borrow(Duration.ofMillis(-1))).as("borrow(-1 ms)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(pool.stats()).as("stats after the refused borrows").isEqualTo(new PoolStats(1, 0, 1, 0));
    }

    @Test
    @Order(10)
    @DisplayName("a pool cannot be configured with zero or negative sizes and timeouts, or minIdle above maxSize")
    void refusesImpossibleConfiguration() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        pool.release(pool.borrow());
        PoolConfig valid = PoolConfig.defaults();

        assertThatThrownBy(() -> valid.withMaxSize(0)).as("maxSize 0").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withMaxSize(-3)).as("maxSize -3").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withMinIdle(-1)).as("minIdle -1").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withMaxSize(4).withMinIdle(5)).as("minIdle 5 > maxSize 4")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withConnectionTimeout(Duration.ZERO)).as("connectionTimeout 0")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withIdleTimeout(Duration.ofSeconds(-1))).as("idleTimeout -1 s")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withMaxLifetime(Duration.ofSeconds(-1))).as("maxLifetime -1 s")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withHousekeepingPeriod(Duration.ZERO)).as("housekeepingPeriod 0")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
