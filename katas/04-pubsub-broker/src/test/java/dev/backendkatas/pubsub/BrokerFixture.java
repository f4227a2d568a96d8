package dev.backendkatas.pubsub;

import static dev.backendkatas.pubsub.Payloads.utf8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every stage test of kata 04 starts from: a fresh {@link Broker} on a {@link MutableClock}, closed after each
 * test, and the ways to publish into it. The stage classes (Stage1…Test to Stage7…Test) extend it; the README has a
 * section of the same name for each.
 *
 * <p>Nothing here sleeps. Asynchronous outcomes are awaited with Awaitility ({@link Inbox}), time is a
 * {@link MutableClock}, and a "this did not happen" is proven by a later event that would have had to come after it
 * (per-publisher order). Concurrency tests assert invariants (nothing lost, no duplicates except flagged
 * redeliveries, order per publisher, nothing pending), never timings.
 */
abstract class BrokerFixture {

    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    MutableClock clock;
    Broker broker;

    @BeforeEach
    void newBroker() {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
        clock = new MutableClock();
        broker = new Broker(clock, ACK_TIMEOUT);
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    PublishResult publish(String topic, String payload) {
        return broker.publish(topic, utf8(payload));
    }

    /**
     * Publishes {@code perPublisher} messages "p&lt;publisher&gt;:&lt;seq&gt;" from each of {@code publishers} threads, all
     * started together; returns every publish result.
     */
    List<PublishResult> publishConcurrently(String topic, int publishers, int perPublisher) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<PublishResult>>> futures = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int publisher = p;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<PublishResult> results = new ArrayList<>();
                    for (int seq = 0; seq < perPublisher; seq++) {
                        results.add(broker.publish(topic, utf8("p" + publisher + ":" + seq)));
                    }
                    return results;
                }));
            }
            start.countDown();
            List<PublishResult> all = new ArrayList<>();
            for (Future<List<PublishResult>> future : futures) {
                // Bounded below the 10-second test timeout, so a stuck publish fails here with a clear message.
                all.addAll(future.get(Inbox.WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
