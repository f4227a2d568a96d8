package dev.backendkatas.idempotency;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real H2 database, with faults a test can arm: a statement that fails as if the database went away; a barrier
 * that lines two requests up at their first statement on {@code idempotency_keys}, so that a "look, then insert" race
 * happens every time instead of once in a thousand runs; a barrier and a hold at the first statement that changes or
 * locks an existing row ({@code UPDATE}, {@code MERGE}, {@code DELETE}, {@code SELECT … FOR UPDATE}), so that a
 * "read the lease, then overwrite it" takeover races every time too.
 *
 * <p>Not a mock: every statement that is not failed runs on H2. Statements are recognised by the table their SQL
 * names, so any SQL you write is seen.
 */
final class FaultyDatabase implements ConnectionSource {

    /** Generous: on a busy machine the other request may take seconds to arrive; a correct one always comes. */
    private static final int LINE_UP_TIMEOUT_SECONDS = 5;

    private final ConnectionSource real;
    private final AtomicBoolean failNextKeyStatement = new AtomicBoolean();
    private final AtomicBoolean failKeyStatementAfterCharge = new AtomicBoolean();
    private final AtomicBoolean chargeWritten = new AtomicBoolean();
    private final AtomicInteger injected = new AtomicInteger();
    private volatile CyclicBarrier lineUp;
    private final AtomicInteger lineUpPlaces = new AtomicInteger();
    private volatile Phaser linedUpWriteNext;
    private volatile CyclicBarrier lineUpWrites;
    private final AtomicInteger lineUpWritePlaces = new AtomicInteger();
    private final AtomicInteger writesToHold = new AtomicInteger();
    private final AtomicInteger writesHeld = new AtomicInteger();
    private volatile CountDownLatch releaseWrites = new CountDownLatch(0);

    FaultyDatabase(ConnectionSource real) {
        this.real = real;
    }

    /** The next statement on {@code idempotency_keys}, whatever it is, fails: the database is down for a moment. */
    void failNextKeyStatement() {
        failNextKeyStatement.set(true);
    }

    /**
     * The first statement on {@code idempotency_keys} after the next {@code INSERT INTO charges} fails: the money row
     * was written, then storing the response failed.
     */
    void failKeyStatementAfterNextCharge() {
        chargeWritten.set(false);
        failKeyStatementAfterCharge.set(true);
    }

    /**
     * The first statement on {@code idempotency_keys} of each of the next {@code parties} connections waits for all.
     * Then those connections meet once more, right before the first statement of each that changes or locks a row
     * (as in {@link #lineUpFirstKeyWrites}); a connection closed without one counts as arrived. So a "look, then
     * write" claim ({@code SELECT}, then {@code MERGE}) loses every time: both looked before either writes.
     */
    void lineUpFirstKeyStatements(int parties) {
        lineUpPlaces.set(parties);
        linedUpWriteNext = new Phaser(parties);
        lineUp = new CyclicBarrier(parties);
    }

    /**
     * The first statement that changes or locks an existing row of {@code idempotency_keys} ({@code UPDATE},
     * {@code MERGE}, {@code DELETE}, {@code SELECT … FOR UPDATE}; not an {@code INSERT}, not a plain {@code SELECT})
     * of each of the next {@code parties} connections waits for all: whatever each request read before, both read it
     * before either changes anything.
     */
    void lineUpFirstKeyWrites(int parties) {
        lineUpWritePlaces.set(parties);
        lineUpWrites = new CyclicBarrier(parties);
    }

    /**
     * The first statement that changes or locks an existing row of {@code idempotency_keys} (as in
     * {@link #lineUpFirstKeyWrites}) of the next connection that reaches one waits there until
     * {@link #releaseKeyWrites()}; {@link #heldKeyWrites()} counts the statements waiting.
     */
    void holdNextKeyWrite() {
        releaseWrites = new CountDownLatch(1);
        writesToHold.set(1);
    }

    /** How many statements {@link #holdNextKeyWrite()} holds right now. */
    int heldKeyWrites() {
        return writesHeld.get();
    }

    /** Lets the held statement run. */
    void releaseKeyWrites() {
        releaseWrites.countDown();
    }

    /** How many statements were failed on purpose. */
    int injectedFailures() {
        return injected.get();
    }

    @Override
    public Connection open() throws SQLException {
        Connection connection = real.open();
        Firsts firsts = new Firsts();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Forward(connection, (method, args) -> {
                    if (method.getName().equals("close")) {
                        firsts.arriveWithoutWaiting();
                    }
                    Object statement = method.invoke(connection, args);
                    if (method.getName().equals("prepareStatement")) {
                        String sql = (String) args[0];
                        return wrap(statement, PreparedStatement.class, ignored -> sql, firsts);
                    }
                    if (method.getName().equals("createStatement")) {
                        return wrap(statement, Statement.class, callArgs -> callArgs != null && callArgs.length > 0
                                && callArgs[0] instanceof String s ? s : "", firsts);
                    }
                    return statement;
                }));
    }

    private Object wrap(Object statement, Class<?> type, java.util.function.Function<Object[], String> sqlOf,
                        Firsts firsts) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new Forward(statement, (method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        beforeExecute(sqlOf.apply(args), firsts);
                    }
                    return method.invoke(statement, args);
                }));
    }

    private void beforeExecute(String sql, Firsts firsts) throws SQLException {
        String text = sql.toLowerCase(Locale.ROOT).strip();
        boolean keys = text.contains("idempotency_keys");
        if (text.contains("insert into charges")) {
            chargeWritten.set(true);
            return;
        }
        if (!keys) {
            return;
        }
        if (firsts.keyStatement.getAndSet(false) && lineUp != null && lineUpPlaces.getAndDecrement() > 0) {
            firsts.linedUp = linedUpWriteNext;
            await(lineUp);
        }
        boolean write = writesOrLocksARow(text);
        if (write) {
            firsts.arriveAndAwait();
        }
        if (write && firsts.keyWrite.getAndSet(false)) {
            if (lineUpWrites != null && lineUpWritePlaces.getAndDecrement() > 0) {
                await(lineUpWrites);
            }
            if (writesToHold.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                hold();
            }
        }
        if (failNextKeyStatement.compareAndSet(true, false)
                || (chargeWritten.get() && failKeyStatementAfterCharge.compareAndSet(true, false))) {
            injected.incrementAndGet();
            throw new SQLTransientConnectionException("injected fault: the database went away", "08006");
        }
    }

    /** UPDATE, MERGE, DELETE or SELECT … FOR UPDATE: a statement that may change or lock a row that exists. */
    private static boolean writesOrLocksARow(String text) {
        return text.startsWith("update") || text.startsWith("merge") || text.startsWith("delete")
                || (text.startsWith("select") && text.contains("for update"));
    }

    /** Waits for the other parties; if one never comes (an implementation that takes another path), goes on alone. */
    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(LINE_UP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException | TimeoutException e) {
            // the other request never came: go on alone
        }
    }

    private void hold() {
        writesHeld.incrementAndGet();
        try {
            if (!releaseWrites.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the held statement");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writesHeld.decrementAndGet();
        }
    }

    /** What a connection has not done yet: its first statement on idempotency_keys, its first write of a row. */
    private static final class Firsts {
        final AtomicBoolean keyStatement = new AtomicBoolean(true);
        final AtomicBoolean keyWrite = new AtomicBoolean(true);
        /** Where a connection lined up at its first statement meets the others again before its first write. */
        volatile Phaser linedUp;
        private final AtomicBoolean arrived = new AtomicBoolean();

        void arriveAndAwait() {
            Phaser phaser = linedUp;
            if (phaser == null || !arrived.compareAndSet(false, true)) {
                return;
            }
            try {
                phaser.awaitAdvanceInterruptibly(phaser.arrive(), LINE_UP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException e) {
                // the other request never came: go on alone
            }
        }

        /** A connection that closes before any write does not keep the others waiting. */
        void arriveWithoutWaiting() {
            Phaser phaser = linedUp;
            if (phaser != null && arrived.compareAndSet(false, true)) {
                phaser.arrive();
            }
        }
    }

    /** Forwards every call, unwrapping reflection's wrapper so callers see the real SQLException. */
    private static final class Forward implements InvocationHandler {

        interface Call {
            Object invoke(Method method, Object[] args) throws Throwable;
        }

        private final Object target;
        private final Call call;

        Forward(Object target, Call call) {
            this.target = target;
            this.call = call;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("equals") && args != null && args.length == 1) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode") && (args == null || args.length == 0)) {
                return System.identityHashCode(proxy);
            }
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public String toString() {
            return "faulty " + target;
        }
    }
}
