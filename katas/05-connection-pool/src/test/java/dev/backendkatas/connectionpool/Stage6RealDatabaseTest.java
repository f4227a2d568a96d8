package dev.backendkatas.connectionpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage 6 of kata 05: pooling real JDBC connections to an H2 server on loopback, through a proxy that resets the
 * session on close; the README section of the same name.
 */
@Order(6)
@DisplayName("Stage 6 — A real database")
class Stage6RealDatabaseTest extends PoolSandbox {

    @TempDir
    Path databaseFiles;

    private H2Server server;
    private CountingJdbcFactory jdbc;
    private PooledDataSource dataSource;

    @BeforeEach
    void startDatabase() throws SQLException {
        server = new H2Server(databaseFiles);
        jdbc = new CountingJdbcFactory(new JdbcConnectionFactory(server.url(), "sa", "", Duration.ofSeconds(2)));
    }

    @AfterEach
    void stopDatabase() {
        if (dataSource != null) {
            try {
                dataSource.close();
            } catch (RuntimeException e) {
                // The test already failed; stop the server anyway.
            }
        }
        server.close();
    }

    private PooledDataSource dataSource(PoolConfig config) {
        dataSource = new PooledDataSource(jdbc, config, time, time, leaks::add);
        return dataSource;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    @Order(1)
    @DisplayName("lends a working JDBC connection whose close() gives the physical connection back for reuse")
    void lendsAndReuses() throws Exception {
        dataSource(PoolConfig.ofMaxSize(2));
        try (Connection connection = dataSource.getConnection()) {
            assertThat(count(connection, "SELECT 41 + 1")).as("SELECT 41 + 1 through the pooled connection")
                    .isEqualTo(42);
        }
        assertThat(dataSource.stats()).as("stats after close()").isEqualTo(new PoolStats(1, 0, 1, 0));
        try (Connection connection = dataSource.getConnection()) {
            assertThat(count(connection, "SELECT 1")).isEqualTo(1);
        }
        assertThat(jdbc.created()).as("physical connections for two borrows in a row").isEqualTo(1);
    }

    @Test
    @Order(2)
    @DisplayName("discard() closes a broken connection and frees its slot for a waiting borrower")
    void discardFreesTheSlot() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        FakeConnection broken = pool.borrow();
        Future<FakeConnection> waiter = borrowInBackground();
        awaitWaiting(1);

        pool.discard(broken);

        assertThat(broken.isClosed()).as("the discarded connection").isTrue();
        assertThat(done(waiter, "the waiter after discard()")).as("what the waiter got").isNotSameAs(broken);
        assertThatThrownBy(() -> pool.discard(broken)).as("discarding it again")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Order(3)
    @DisplayName("close() rolls back a transaction the borrower left open, and restores auto-commit")
    void closeRollsBack() throws Exception {
        dataSource(PoolConfig.ofMaxSize(1));
        try (Connection setup = dataSource.getConnection(); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE payments(id INT PRIMARY KEY, amount INT)");
        }

        Connection careless = dataSource.getConnection();
        careless.setAutoCommit(false);
        try (Statement statement = careless.createStatement()) {
            statement.executeUpdate("INSERT INTO payments VALUES (1, 100)");
        }
        careless.close(); // no commit: the borrower failed half-way

        try (Connection next = dataSource.getConnection()) {
            assertThat(next.getAutoCommit()).as("auto-commit for the next borrower of the same physical connection")
                    .isTrue();
            assertThat(count(next, "SELECT COUNT(*) FROM payments"))
                    .as("rows inserted by a borrower that closed without commit: its half-done work must not leak "
                            + "into the next borrower's transaction").isZero();
        }
        assertThat(jdbc.created()).as("physical connections on a pool of 1").isEqualTo(1);
    }

    @Test
    @Order(4)
    @DisplayName("close() restores read-only and the transaction isolation the borrower changed")
    void closeRestoresSessionSettings() throws Exception {
        dataSource(PoolConfig.ofMaxSize(1));
        int isolation;
        try (Connection first = dataSource.getConnection()) {
            isolation = first.getTransactionIsolation();
            first.setReadOnly(true);
            first.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        }

        try (Connection next = dataSource.getConnection()) {
            assertThat(next.isReadOnly()).as("read-only for the next borrower").isFalse();
            assertThat(next.getTransactionIsolation()).as("isolation for the next borrower").isEqualTo(isolation);
        }
    }

    @Test
    @Order(5)
    @DisplayName("a closed connection can no longer be used, and closing it again does nothing (JDBC Connection.close)")
    void closedProxyIsDead() throws Exception {
        dataSource(PoolConfig.ofMaxSize(2));
        Connection connection = dataSource.getConnection();
        connection.close();

        assertThat(connection.isClosed()).as("isClosed() after close()").isTrue();
        assertThatThrownBy(connection::createStatement)
                .as("createStatement() after close(): the physical connection may belong to someone else now")
                .isInstanceOf(SQLException.class);
        connection.close();
        assertThat(dataSource.stats()).as("stats after close() twice: returned once").isEqualTo(new PoolStats(1, 0, 1, 0));
        try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
            assertThat(count(a, "SELECT 1") + count(b, "SELECT 1")).isEqualTo(2);
        }
        assertThat(jdbc.created()).as("physical connections for two concurrent borrowers").isEqualTo(2);
    }

    @Test
    @Order(6)
    @DisplayName("a pooled connection equals only itself, and an alive connection that sat idle passes validation and is reused")
    void proxyIdentityAndValidation() throws Exception {
        dataSource(PoolConfig.ofMaxSize(2).withValidateAfterIdle(Duration.ofMillis(500)));
        Connection a = dataSource.getConnection();
        Connection b = dataSource.getConnection();
        assertThat(a).as("a pooled connection compared with itself").isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(a).as("two pooled connections").isNotEqualTo(b);
        assertThat(a.toString()).as("toString() of a pooled connection").isNotBlank();
        assertThat(a.isClosed()).as("isClosed() while lent").isFalse();
        a.close();
        b.close();

        time.advance(Duration.ofSeconds(1));
        try (Connection again = dataSource.getConnection()) {
            assertThat(count(again, "SELECT 1")).isEqualTo(1);
        }
        assertThat(jdbc.created()).as("physical connections: an alive idle connection must pass isValid() and be "
                + "reused").isEqualTo(2);
    }

    @Test
    @Order(7)
    @DisplayName("32 threads running queries through a pool of 4 open exactly 4 physical connections")
    void thirtyTwoThreadsFourConnections() throws Exception {
        dataSource(PoolConfig.ofMaxSize(4));
        CountDownLatch fourHeld = new CountDownLatch(4);
        List<Future<Long>> threads = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            threads.add(inBackground(() -> {
                long sum = 0;
                for (int i = 0; i < 10; i++) {
                    try (Connection connection = dataSource.getConnection()) {
                        fourHeld.countDown();
                        if (!fourHeld.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                            throw new AssertionError("4 connections were never held at once on a pool of 4");
                        }
                        sum += count(connection, "SELECT 1");
                    }
                }
                return sum;
            }));
        }
        long queries = 0;
        for (Future<Long> thread : threads) {
            queries += done(thread, "a query thread");
        }

        assertThat(queries).as("queries run").isEqualTo(320);
        assertThat(jdbc.created()).as("physical connections opened for 32 threads on a pool of 4").isEqualTo(4);
        try (Connection connection = dataSource.getConnection()) {
            assertThat(count(connection, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"))
                    .as("sessions the H2 server sees").isEqualTo(4);
        }
    }

    @Test
    @Order(8)
    @DisplayName("after the database restarts, dead idle connections are replaced and borrowers get working ones")
    void survivesDatabaseRestart() throws Exception {
        dataSource(PoolConfig.ofMaxSize(2).withValidateAfterIdle(Duration.ofMillis(500)));
        try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
            assertThat(count(a, "SELECT 1") + count(b, "SELECT 1")).isEqualTo(2);
        }

        server.stop();
        server.restart();
        time.advance(Duration.ofSeconds(1));

        try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
            assertThat(count(a, "SELECT 1")).as("a query on the first connection lent after the restart").isEqualTo(1);
            assertThat(count(b, "SELECT 1")).as("a query on the second connection lent after the restart").isEqualTo(1);
        }
        assertThat(jdbc.created()).as("physical connections: 2 before the restart, 2 replacements").isEqualTo(4);
    }

    @Test
    @Order(9)
    @DisplayName("while the database is down, getConnection() fails with the driver's exception as cause; it recovers when the database is back")
    void failsWhileDownRecoversAfter() throws Exception {
        dataSource(PoolConfig.ofMaxSize(1).withValidateAfterIdle(Duration.ofMillis(500)));
        try (Connection connection = dataSource.getConnection()) {
            assertThat(count(connection, "SELECT 1")).isEqualTo(1);
        }
        server.stop();
        time.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> dataSource.getConnection()).as("getConnection() while the database is down")
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(e.getCause()).as("its cause: what the driver said")
                        .isInstanceOf(SQLException.class));
        assertThat(dataSource.stats()).as("stats while the database is down").isEqualTo(new PoolStats(0, 0, 0, 0));

        server.restart();
        try (Connection connection = dataSource.getConnection()) {
            assertThat(count(connection, "SELECT 1")).as("a query once the database is back").isEqualTo(1);
        }
    }

    @Test
    @Order(10)
    @DisplayName("a connection that broke while lent is discarded when the borrower closes it, without an exception")
    void brokenWhileLentIsDiscarded() throws Exception {
        dataSource(PoolConfig.ofMaxSize(1));
        try (Connection setup = dataSource.getConnection(); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE t(id INT)");
        }
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO t VALUES (1)");
        }

        server.stop();
        connection.close(); // the rollback fails: the connection is dead

        assertThat(dataSource.stats()).as("stats after closing a broken connection: not back in the pool")
                .isEqualTo(new PoolStats(0, 0, 0, 0));
        server.restart();
        try (Connection fresh = dataSource.getConnection()) {
            assertThat(count(fresh, "SELECT COUNT(*) FROM t")).as("rows after the restart").isZero();
        }
        assertThat(jdbc.created()).as("physical connections: the broken one and a new one").isEqualTo(2);
    }

    @Test
    @Order(11)
    @DisplayName("close() restores read-only and isolation to what the borrower got, however often it changed them, and clears the warnings")
    void closeRestoresFirstValuesAndClearsWarnings() throws Exception {
        FakeJdbcConnection.Factory fakes = new FakeJdbcConnection.Factory();
        dataSource = new PooledDataSource(fakes, PoolConfig.ofMaxSize(1), time, time, leaks::add);
        try (Connection first = dataSource.getConnection()) {
            first.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            first.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            first.setReadOnly(true);
            first.setReadOnly(true);
            fakes.created.get(0).warnings = new java.sql.SQLWarning("Data truncated");
        }

        FakeJdbcConnection physical = fakes.created.get(0);
        assertThat(physical.readOnly).as("read-only of the physical connection once the borrower that set it twice "
                + "closed it (H2 ignores setReadOnly, this connection does not)").isFalse();
        assertThat(physical.isolation).as("isolation once the borrower set SERIALIZABLE, then REPEATABLE READ: the "
                + "value it got was READ COMMITTED").isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        try (Connection next = dataSource.getConnection()) {
            assertThat((Object) next.getWarnings()).as("warnings the previous borrower's statements left, seen by the next "
                    + "borrower").isNull();
        }
        assertThat(fakes.created).as("physical connections on a pool of 1").hasSize(1);
    }

    @Test
    @Order(12)
    @DisplayName("JdbcConnectionFactory asks isValid() for the validation timeout rounded up to whole seconds, at least 1, and close() closes")
    void jdbcFactoryValidatesWithWholeSeconds() throws Exception {
        FakeJdbcConnection fake = new FakeJdbcConnection();
        String url = server.url();

        new JdbcConnectionFactory(url, "sa", "", Duration.ofMillis(1500)).validate(fake.connection);
        assertThat(fake.lastIsValidSeconds).as("isValid(seconds) for a validation timeout of 1.5 s").isEqualTo(2);
        new JdbcConnectionFactory(url, "sa", "", Duration.ofMillis(1)).validate(fake.connection);
        assertThat(fake.lastIsValidSeconds).as("isValid(seconds) for 1 ms: isValid(0) would mean no timeout at all")
                .isEqualTo(1);
        new JdbcConnectionFactory(url, "sa", "", Duration.ofSeconds(3)).validate(fake.connection);
        assertThat(fake.lastIsValidSeconds).as("isValid(seconds) for 3 s").isEqualTo(3);

        new JdbcConnectionFactory(url, "sa", "", Duration.ofSeconds(3)).close(fake.connection);
        assertThat(fake.closed).as("the physical connection after JdbcConnectionFactory.close()").isTrue();
        assertThatThrownBy(() -> new JdbcConnectionFactory(url, "sa", "", Duration.ZERO))
                .as("a validation timeout of 0").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Order(13)
    @DisplayName("closing the DataSource closes its idle connections, and getConnection() is then refused with SQLException")
    void closingTheDataSourceClosesThePool() throws Exception {
        FakeJdbcConnection.Factory fakes = new FakeJdbcConnection.Factory();
        dataSource = new PooledDataSource(fakes, PoolConfig.ofMaxSize(1), time, time, leaks::add);
        dataSource.getConnection().close();

        dataSource.close();

        assertThat(fakes.created.get(0).closed).as("the idle physical connection after DataSource.close()").isTrue();
        assertThatThrownBy(() -> dataSource.getConnection()).as("getConnection() after DataSource.close()")
                .isInstanceOf(SQLException.class);
    }

    @Test
    @Order(14)
    @DisplayName("a getConnection() that times out throws SQLTransientConnectionException stating the pool's state")
    void timeoutIsTransient() throws Exception {
        dataSource(PoolConfig.ofMaxSize(1));
        try (Connection held = dataSource.getConnection()) {
            Future<Connection> waiter = inBackground(() -> dataSource.getConnection());
            eventually().untilAsserted(() -> assertThat(dataSource.stats().waiting()).as("waiting borrowers")
                    .isEqualTo(1));

            time.advance(Duration.ofSeconds(30));

            assertThat(failure(waiter, "getConnection() after its 30 s connectionTimeout"))
                    .as("what getConnection() threw: transient, the caller may retry (as HikariCP)")
                    .isInstanceOf(java.sql.SQLTransientConnectionException.class)
                    .hasMessageContaining("total=1, active=1, idle=0");
        }
    }

    @Test
    @Order(15)
    @DisplayName("an interrupted getConnection() throws SQLException and sets the thread's interrupt flag again")
    void interruptedGetConnectionKeepsTheFlag() throws Exception {
        dataSource(PoolConfig.ofMaxSize(1));
        try (Connection held = dataSource.getConnection()) {
            Future<Boolean> interrupted = inBackground(() -> {
                Thread.currentThread().interrupt(); // interrupted before it waits: await() throws at once
                try {
                    dataSource.getConnection().close();
                    throw new AssertionError("getConnection() on an exhausted pool by an interrupted thread returned");
                } catch (SQLException e) {
                    return Thread.currentThread().isInterrupted();
                }
            });
            assertThat(done(interrupted, "an interrupted getConnection()"))
                    .as("the interrupt flag after getConnection() turned the InterruptedException into an "
                            + "SQLException: code up the stack must still see that the thread was interrupted")
                    .isTrue();
        }
    }
}
