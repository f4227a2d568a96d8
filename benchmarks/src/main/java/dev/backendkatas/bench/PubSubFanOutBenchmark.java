package dev.backendkatas.bench;

import dev.backendkatas.pubsub.Broker;
import dev.backendkatas.pubsub.OverflowPolicy;
import dev.backendkatas.pubsub.PublishResult;
import dev.backendkatas.pubsub.Session;
import dev.backendkatas.pubsub.SubscriptionOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fan-out throughput of kata 04's reference {@link Broker}: one publisher thread, eight subscribers with auto acks.
 *
 * <p>One invocation publishes {@link #BATCH} messages of 100 bytes to a topic all eight subscribers match, then waits
 * until every subscriber's handler has received the last of them. So the score is end-to-end: <b>messages per
 * second published and delivered to all eight</b> (multiply by 8 for handler calls per second). Each subscriber's
 * buffer holds a whole batch, so no publish is refused and nothing is dropped, which the benchmark checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PubSubFanOutBenchmark {

    static final int SUBSCRIBERS = 8;
    static final int BATCH = 1_000;

    private final byte[] payload = new byte[100];
    private Broker broker;
    /** The latch of the batch being delivered; each subscriber counts it down on the batch's last message. */
    private volatile CountDownLatch batchDone;

    @Setup(Level.Trial)
    public void setUp() {
        broker = new Broker();
        SubscriptionOptions options = SubscriptionOptions.of("video/uploaded")
                .withBuffer(BATCH, OverflowPolicy.REJECT_PUBLISH);
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Session session = broker.connect("subscriber-" + i);
            long[] received = {0}; // touched only by this subscription's consumer thread
            session.subscribe(options, delivery -> {
                if (++received[0] % BATCH == 0) {
                    batchDone.countDown();
                }
            });
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        broker.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void fanOutToEight() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(SUBSCRIBERS);
        batchDone = done;
        for (int i = 0; i < BATCH; i++) {
            PublishResult result = broker.publish("video/uploaded", payload);
            if (result.deliveredTo().size() != SUBSCRIBERS) {
                throw new IllegalStateException("a subscriber refused a message: " + result);
            }
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the batch was not delivered to all subscribers within 30 s");
        }
    }
}
