package dev.backendkatas.bench;

import dev.backendkatas.pubsub.Broker;
import dev.backendkatas.pubsub.OverflowPolicy;
import dev.backendkatas.pubsub.PublishResult;
import dev.backendkatas.pubsub.Session;
import dev.backendkatas.pubsub.SubscriptionOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kata 04: fan-out throughput, one publisher thread and eight subscribers, with the kata's {@link Broker}
 * ({@code impl=kata}: the reference, or your code under {@code ./grade bench 04}) and with the JDK's
 * {@link SubmissionPublisher} ({@code impl=submissionpublisher}), the in-process publisher of {@code java.util.concurrent}.
 *
 * <p>One invocation publishes {@link #BATCH} messages of 100 bytes that all eight subscribers receive, then waits
 * until every subscriber has received the last of them. So the score is end-to-end: <b>messages per second published
 * and delivered to all eight</b> (multiply by 8 for handler calls per second). Every subscriber's buffer holds a whole
 * batch, so nothing is refused or dropped. The broker's subscriptions auto-ack, match a topic filter and run on the
 * broker's own consumer threads; the {@code SubmissionPublisher} has no topics and no acks, and delivers on a pool of
 * eight threads (one per subscriber, as the broker has): it is the floor of what fan-out costs on the JDK. Its
 * subscribers request one item at a time, the usual Reactive Streams pattern: with a single
 * {@code request(Long.MAX_VALUE)}, one subscriber now and then stopped short of the last item of a batch until the next
 * submit (seen on JDK 17.0.15 and 25), and the benchmark waited forever.
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

    /** Whose fan-out: {@code kata} (listed first: ./grade bench swaps in your code for it) or the JDK's. */
    @Param({"kata", "submissionpublisher"})
    public String impl;

    private final byte[] payload = new byte[100];
    private Broker broker;
    private SubmissionPublisher<byte[]> publisher;
    private ExecutorService deliveryThreads;
    /** The latch of the batch being delivered; each subscriber counts it down on the batch's last message. */
    private volatile CountDownLatch batchDone;

    @Setup(Level.Trial)
    public void setUp() {
        if (impl.equals("submissionpublisher")) {
            deliveryThreads = Executors.newFixedThreadPool(SUBSCRIBERS);
            // The buffer is a power of two at least one batch long.
            publisher = new SubmissionPublisher<>(deliveryThreads, Integer.highestOneBit(BATCH) * 2);
            for (int i = 0; i < SUBSCRIBERS; i++) {
                publisher.subscribe(new CountingSubscriber());
            }
            return;
        }
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
        if (broker != null) {
            broker.close();
        }
        if (publisher != null) {
            publisher.close();
            deliveryThreads.shutdownNow();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void fanOutToEight() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(SUBSCRIBERS);
        batchDone = done;
        for (int i = 0; i < BATCH; i++) {
            if (publisher != null) {
                publisher.submit(payload);
                continue;
            }
            PublishResult result = broker.publish("video/uploaded", payload);
            if (result.deliveredTo().size() != SUBSCRIBERS) {
                throw new IllegalStateException("a subscriber refused a message: " + result);
            }
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the batch was not delivered to all subscribers within 30 s");
        }
    }

    /** A SubmissionPublisher subscriber that asks for one item at a time and counts down the latch at a batch's end. */
    private final class CountingSubscriber implements Flow.Subscriber<byte[]> {
        // Touched only by this subscriber's delivery task, one message at a time.
        private Flow.Subscription subscription;
        private long received;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(byte[] item) {
            subscription.request(1);
            if (++received % BATCH == 0) {
                batchDone.countDown();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            throw new IllegalStateException("the publisher failed", throwable);
        }

        @Override
        public void onComplete() {
        }
    }
}
