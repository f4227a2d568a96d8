package dev.backendkatas.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.backendkatas.connectionpool.ConnectionFactory;
import dev.backendkatas.connectionpool.ConnectionPool;
import dev.backendkatas.connectionpool.JdbcConnectionFactory;
import dev.backendkatas.connectionpool.PoolConfig;
import dev.backendkatas.connectionpool.PooledDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Borrow + return throughput of kata 05's reference pool against HikariCP and commons-pool2, in the same run, with
 * 1, 4 and 16 threads sharing a pool of 4 (so at 16 threads, 12 borrowers wait at any moment).
 *
 * <p>One operation is the same everywhere: borrow, hand the connection to the {@link Blackhole}, give it back. No
 * query runs: what is measured is the pool's own bookkeeping (and, under contention, its hand-off to waiters).
 *
 * <ul>
 *   <li>{@code kataPool*}: the reference {@link ConnectionPool} over a trivial factory (a new {@code Object} per
 *       create, validation always true, close does nothing); {@code maxSize 4}, {@code minIdle 4}, otherwise
 *       {@link PoolConfig#defaults()}: 30 s borrow timeout on the shared timer, validation only after 500 ms idle,
 *       leak detection off.</li>
 *   <li>{@code commonsPool2*}: {@link GenericObjectPool} over the same trivial objects; {@code maxTotal 4},
 *       {@code maxIdle 4}, {@code maxWait 30 s}, otherwise commons-pool2's defaults: {@code lifo true},
 *       {@code fairness false} (waiters are not served in order, unlike the kata's pool and HikariCP's hand-off),
 *       {@code testOnBorrow}/{@code testOnReturn}/{@code testWhileIdle} false, no evictor, no abandoned tracking.
 *       JMX registration is turned off (it only matters at construction).</li>
 *   <li>{@code kataDataSource*}: the reference {@link PooledDataSource} over H2 in memory ({@link #H2_URL}): each
 *       borrow is a {@code java.lang.reflect.Proxy}; its {@code close()} reads auto-commit, clears warnings and
 *       returns the physical connection. Same {@link PoolConfig} as {@code kataPool*}, {@code isValid} timeout
 *       5 s.</li>
 *   <li>{@code hikari*}: {@link HikariDataSource} over the same H2 URL; {@code maximumPoolSize 4},
 *       {@code minimumIdle 4} (its default: the max), {@code connectionTimeout 30 s}, leak detection off, otherwise
 *       HikariCP's defaults: {@code isValid()} on borrow only for a connection unused for 500 ms (like the kata's
 *       {@code validateAfterIdle}), its proxy's {@code close()} resets only what the borrower changed, and clears
 *       warnings.</li>
 * </ul>
 *
 * <p>JMH cannot make the thread count a {@code @Param}, hence one method per pool and thread count.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PoolBenchmark {

    /** One in-memory database for both JDBC pools, kept alive while the benchmark runs. */
    static final String H2_URL = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";
    static final int POOL_SIZE = 4;

    private static PoolConfig kataConfig() {
        return PoolConfig.ofMaxSize(POOL_SIZE).withMinIdle(POOL_SIZE);
    }

    /** A connection that costs nothing to open, check or close: only the pool is measured. */
    static final class TrivialFactory implements ConnectionFactory<Object> {
        @Override
        public Object create() {
            return new Object();
        }

        @Override
        public boolean validate(Object connection) {
            return true;
        }

        @Override
        public void close(Object connection) {
            // nothing to close
        }
    }

    @State(Scope.Benchmark)
    public static class KataPool {
        ConnectionPool<Object> pool;

        @Setup(Level.Trial)
        public void open() {
            pool = new ConnectionPool<>(new TrivialFactory(), kataConfig());
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    @State(Scope.Benchmark)
    public static class CommonsPool2 {
        GenericObjectPool<Object> pool;

        @Setup(Level.Trial)
        public void open() {
            GenericObjectPoolConfig<Object> config = new GenericObjectPoolConfig<>();
            config.setMaxTotal(POOL_SIZE);
            config.setMaxIdle(POOL_SIZE);
            config.setMaxWait(Duration.ofSeconds(30));
            config.setJmxEnabled(false);
            pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
                @Override
                public Object create() {
                    return new Object();
                }

                @Override
                public PooledObject<Object> wrap(Object object) {
                    return new DefaultPooledObject<>(object);
                }
            }, config);
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    /** Holds one H2 connection open so that the in-memory database outlives pool restarts between trials. */
    abstract static class H2Database {
        private Connection keepAlive;

        void startDatabase() throws SQLException {
            keepAlive = DriverManager.getConnection(H2_URL, "sa", "");
        }

        void stopDatabase() throws SQLException {
            keepAlive.close();
        }
    }

    @State(Scope.Benchmark)
    public static class KataDataSource extends H2Database {
        PooledDataSource dataSource;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            startDatabase();
            dataSource = new PooledDataSource(new JdbcConnectionFactory(H2_URL, "sa", "", Duration.ofSeconds(5)),
                    kataConfig());
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            dataSource.close();
            stopDatabase();
        }
    }

    @State(Scope.Benchmark)
    public static class Hikari extends H2Database {
        HikariDataSource dataSource;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            startDatabase();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(H2_URL);
            config.setUsername("sa");
            config.setPassword("");
            config.setMaximumPoolSize(POOL_SIZE);
            config.setMinimumIdle(POOL_SIZE);
            config.setConnectionTimeout(30_000);
            config.setPoolName("bench-hikari");
            dataSource = new HikariDataSource(config);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            dataSource.close();
            stopDatabase();
        }
    }

    // ---- one operation per pool ---------------------------------------------------------------------------------

    private static void borrowAndReturn(KataPool state, Blackhole blackhole) throws InterruptedException {
        Object connection = state.pool.borrow();
        blackhole.consume(connection);
        state.pool.release(connection);
    }

    private static void borrowAndReturn(CommonsPool2 state, Blackhole blackhole) throws Exception {
        Object connection = state.pool.borrowObject();
        blackhole.consume(connection);
        state.pool.returnObject(connection);
    }

    private static void borrowAndReturn(DataSource dataSource, Blackhole blackhole) throws SQLException {
        Connection connection = dataSource.getConnection();
        blackhole.consume(connection);
        connection.close();
    }

    // ---- kata 05 reference, trivial connections -----------------------------------------------------------------

    @Benchmark
    @Threads(1)
    public void kataPool_01thread(KataPool state, Blackhole blackhole) throws InterruptedException {
        borrowAndReturn(state, blackhole);
    }

    @Benchmark
    @Threads(4)
    public void kataPool_04threads(KataPool state, Blackhole blackhole) throws InterruptedException {
        borrowAndReturn(state, blackhole);
    }

    @Benchmark
    @Threads(16)
    public void kataPool_16threads(KataPool state, Blackhole blackhole) throws InterruptedException {
        borrowAndReturn(state, blackhole);
    }

    // ---- commons-pool2, trivial connections ---------------------------------------------------------------------

    @Benchmark
    @Threads(1)
    public void commonsPool2_01thread(CommonsPool2 state, Blackhole blackhole) throws Exception {
        borrowAndReturn(state, blackhole);
    }

    @Benchmark
    @Threads(4)
    public void commonsPool2_04threads(CommonsPool2 state, Blackhole blackhole) throws Exception {
        borrowAndReturn(state, blackhole);
    }

    @Benchmark
    @Threads(16)
    public void commonsPool2_16threads(CommonsPool2 state, Blackhole blackhole) throws Exception {
        borrowAndReturn(state, blackhole);
    }

    // ---- kata 05 reference PooledDataSource, H2 in memory --------------------------------------------------------

    @Benchmark
    @Threads(1)
    public void kataDataSource_01thread(KataDataSource state, Blackhole blackhole) throws SQLException {
        borrowAndReturn(state.dataSource, blackhole);
    }

    @Benchmark
    @Threads(4)
    public void kataDataSource_04threads(KataDataSource state, Blackhole blackhole) throws SQLException {
        borrowAndReturn(state.dataSource, blackhole);
    }

    @Benchmark
    @Threads(16)
    public void kataDataSource_16threads(KataDataSource state, Blackhole blackhole) throws SQLException {
        borrowAndReturn(state.dataSource, blackhole);
    }

    // ---- HikariCP, H2 in memory ---------------------------------------------------------------------------------

    @Benchmark
    @Threads(1)
    public void hikari_01thread(Hikari state, Blackhole blackhole) throws SQLException {
        borrowAndReturn(state.dataSource, blackhole);
    }

    @Benchmark
    @Threads(4)
    public void hikari_04threads(Hikari state, Blackhole blackhole) throws SQLException {
        borrowAndReturn(state.dataSource, blackhole);
    }

    @Benchmark
    @Threads(16)
    public void hikari_16threads(Hikari state, Blackhole blackhole) throws SQLException {
        borrowAndReturn(state.dataSource, blackhole);
    }
}
