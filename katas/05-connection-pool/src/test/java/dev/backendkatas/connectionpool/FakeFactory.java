package dev.backendkatas.connectionpool;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A connection factory the test scripts: the next creates may throw, return null or hang until the test lets them go.
 * It counts what the pool did: creates, validations, closes, and the most connections open at once.
 */
final class FakeFactory implements ConnectionFactory<FakeConnection> {

    private final Queue<Step> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger createCalls = new AtomicInteger();
    private final AtomicInteger validations = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final List<FakeConnection> created = new CopyOnWriteArrayList<>();
    private final List<FakeConnection> closed = new CopyOnWriteArrayList<>();
    private final AtomicInteger doubleCloses = new AtomicInteger();
    private final List<Thread> createThreads = new CopyOnWriteArrayList<>();
    volatile boolean sameLabel;
    volatile Predicate<FakeConnection> validator = c -> c.alive;

    /** The next create throws {@code failure}. */
    void failNext(Exception failure) {
        script.add(new Step(failure, false, null));
    }

    /** The next create returns null. */
    void returnNullNext() {
        script.add(new Step(null, true, null));
    }

    /** The next create blocks until the returned gate is opened; {@link Gate#entered} tells when it started. */
    Gate hangNext() {
        Gate gate = new Gate(new CountDownLatch(1), new CountDownLatch(1));
        script.add(new Step(null, false, gate));
        return gate;
    }

    /** The next create blocks until the returned gate is opened, then throws {@code failure}. */
    Gate hangThenFail(Exception failure) {
        Gate gate = new Gate(new CountDownLatch(1), new CountDownLatch(1));
        script.add(new Step(failure, false, gate));
        return gate;
    }

    @Override
    public FakeConnection create() throws Exception {
        createCalls.incrementAndGet();
        createThreads.add(Thread.currentThread());
        Step step = script.poll();
        if (step != null && step.gate != null) {
            step.gate.entered.countDown();
            step.gate.open.await();
        }
        if (step != null && step.failure != null) {
            throw step.failure;
        }
        if (step != null && step.returnNull) {
            return null;
        }
        int id = ids.incrementAndGet();
        FakeConnection connection = new FakeConnection(id, sameLabel ? "same" : "conn-" + id);
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
        created.add(connection);
        return connection;
    }

    @Override
    public boolean validate(FakeConnection connection) {
        validations.incrementAndGet();
        return validator.test(connection);
    }

    @Override
    public void close(FakeConnection connection) {
        if (connection.closed) {
            doubleCloses.incrementAndGet();
            return;
        }
        connection.closed = true;
        open.decrementAndGet();
        closed.add(connection);
    }

    /** Calls to create, including those that failed. */
    int createCalls() {
        return createCalls.get();
    }

    /** The threads that called create, one per call. */
    List<Thread> createThreads() {
        return List.copyOf(createThreads);
    }

    /** Connections successfully opened. */
    int created() {
        return created.size();
    }

    List<FakeConnection> createdConnections() {
        return List.copyOf(created);
    }

    List<FakeConnection> closedConnections() {
        return List.copyOf(closed);
    }

    int validations() {
        return validations.get();
    }

    /** Connections opened and not closed yet. */
    int open() {
        return open.get();
    }

    /** The most connections that were open at the same moment. */
    int maxOpen() {
        return maxOpen.get();
    }

    /** Closes of a connection that was already closed. */
    int doubleCloses() {
        return doubleCloses.get();
    }

    private record Step(Exception failure, boolean returnNull, Gate gate) {
    }

    /** A create that hangs: {@code entered} opens when it started, {@link #release()} lets it finish. */
    record Gate(CountDownLatch entered, CountDownLatch open) {

        void release() {
            open.countDown();
        }

        void awaitEntered() throws InterruptedException {
            if (!entered.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("the pool never called ConnectionFactory.create() for the scripted connection");
            }
        }
    }
}
