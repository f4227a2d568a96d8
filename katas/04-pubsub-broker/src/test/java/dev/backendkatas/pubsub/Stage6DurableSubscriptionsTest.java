package dev.backendkatas.pubsub;

import static dev.backendkatas.pubsub.Inbox.WAIT;
import static dev.backendkatas.pubsub.Payloads.assertInPublisherOrder;
import static dev.backendkatas.pubsub.Payloads.payloadsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 6 of kata 04: subscriptions that outlive their session; the README section of the same name teaches it. */
@Order(6)
@DisplayName("Stage 6 — Durable subscriptions")
class Stage6DurableSubscriptionsTest extends BrokerFixture {

    SubscriptionOptions audit() {
        return SubscriptionOptions.of("orders/#").durable("audit").withAckMode(AckMode.CLIENT).withPrefetch(10);
    }

    @Test
    @Order(1)
    @DisplayName("a durable subscription keeps buffering while its consumer is offline and delivers in order when it returns")
    void buffersWhileOffline() {
        Session first = broker.connect("auditor");
        Inbox before = Inbox.acking(first);
        Subscription subscription = first.subscribe(audit(), before);
        publish("orders/created", "o1");
        before.awaitOne();
        first.close();

        List<PublishResult> offline = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            offline.add(publish("orders/created", "o" + i));
        }
        assertThat(offline).as("publishes while the consumer is offline")
                .allSatisfy(r -> assertThat(r.deliveredTo()).containsExactly("audit"));
        assertThat(broker.pending()).as("messages kept for the offline durable subscription").isEqualTo(3);

        Session again = broker.connect("auditor");
        Inbox after = Inbox.acking(again);
        Subscription resumed = again.subscribe(audit(), after);

        assertThat(payloadsOf(after.awaitCount(3))).as("delivered on return").containsExactly("o2", "o3", "o4");
        assertThat(after.all()).as("first deliveries, not redeliveries").noneMatch(Delivery::redelivered);
        assertThat(resumed.name()).as("a durable subscription's name").isEqualTo("audit");
        assertThat(subscription.name()).isEqualTo("audit");
        await().atMost(WAIT).untilAsserted(() -> assertThat(broker.pending()).isZero());
    }

    @Test
    @Order(2)
    @DisplayName("a plain subscription is gone when its session closes: nothing is kept for it")
    void plainIsGone() {
        Session session = broker.connect("visitor");
        session.subscribe(SubscriptionOptions.of("orders/#").withAckMode(AckMode.CLIENT), new Inbox());
        publish("orders/created", "o1");
        session.close();

        assertThat(publish("orders/created", "o2").deliveredTo()).as("subscriptions after the session closed").isEmpty();
        assertThat(broker.pending()).as("messages kept").isZero();
    }

    @Test
    @Order(3)
    @DisplayName("messages unacked at disconnect come back first, flagged redelivered, then the backlog in order")
    void unackedFirstThenBacklog() {
        Session first = broker.connect("auditor");
        Inbox held = new Inbox();
        first.subscribe(audit().withPrefetch(2), held);
        for (int i = 1; i <= 4; i++) {
            publish("orders/created", "o" + i);
        }
        held.awaitCount(2);
        first.close();
        publish("orders/created", "o5");

        Session again = broker.connect("auditor");
        Inbox after = Inbox.acking(again);
        again.subscribe(audit().withPrefetch(2), after);

        List<Delivery> delivered = after.awaitCount(5);
        assertThat(payloadsOf(delivered)).containsExactly("o1", "o2", "o3", "o4", "o5");
        assertThat(delivered.stream().map(Delivery::redelivered).collect(Collectors.toList()))
                .as("redelivered flags").containsExactly(true, true, false, false, false);
    }

    @Test
    @Order(4)
    @DisplayName("one consumer at a time: a second consumer of an attached durable subscription is refused with IllegalStateException")
    void oneConsumerAtATime() {
        Session first = broker.connect("a");
        first.subscribe(audit(), new Inbox());
        Session second = broker.connect("b");

        assertThatExceptionOfType(IllegalStateException.class).as("a second consumer while the first is attached")
                .isThrownBy(() -> second.subscribe(audit(), new Inbox()));

        first.close();
        Inbox inbox = new Inbox();
        assertThatCode(() -> second.subscribe(audit(), inbox)).as("after the first consumer left")
                .doesNotThrowAnyException();
        publish("orders/x", "hello");
        assertThat(inbox.awaitOne().payloadText()).isEqualTo("hello");
    }

    @Test
    @Order(5)
    @DisplayName("unsubscribe() deletes a durable subscription and its backlog; subscribing again starts empty")
    void unsubscribeDeletes() {
        Session first = broker.connect("a");
        first.subscribe(audit(), new Inbox());
        first.close();
        publish("orders/created", "o1");
        publish("orders/created", "o2");
        Session second = broker.connect("a");
        Inbox inbox = new Inbox();
        Subscription subscription = second.subscribe(audit().withPrefetch(1), inbox);
        inbox.awaitOne();

        subscription.unsubscribe();

        assertThat(publish("orders/created", "o3").deliveredTo()).as("subscriptions after unsubscribe()").isEmpty();
        assertThat(broker.pending()).as("the backlog after unsubscribe()").isZero();
        Inbox fresh = new Inbox();
        second.subscribe(audit(), fresh);
        publish("orders/created", "o4");
        assertThat(payloadsOf(fresh.awaitCount(1))).as("a new durable subscription of the same name")
                .containsExactly("o4");
    }

    @Test
    @Order(6)
    @DisplayName("the buffer limit holds while offline: DROP_OLDEST keeps the newest messages and reports the dropped ones")
    void offlineDropOldest() {
        SubscriptionOptions options = audit().withBuffer(3, OverflowPolicy.DROP_OLDEST);
        Session first = broker.connect("a");
        first.subscribe(options, new Inbox());
        first.close();

        List<PublishResult> results = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            results.add(publish("orders/created", "o" + i));
        }

        assertThat(results.subList(0, 3)).allSatisfy(r -> assertThat(r.droppedOldestFrom()).isEmpty());
        assertThat(results.subList(3, 10)).allSatisfy(r -> assertThat(r.droppedOldestFrom()).containsExactly("audit"));
        Session again = broker.connect("a");
        Inbox inbox = new Inbox();
        Subscription resumed = again.subscribe(options, inbox);
        assertThat(payloadsOf(inbox.awaitCount(3))).containsExactly("o8", "o9", "o10");
        assertThat(resumed.dropped()).as("dropped() of the resumed subscription").isEqualTo(7);
    }

    @Test
    @Order(7)
    @DisplayName("REJECT_PUBLISH while offline: once the durable buffer is full, publishers are told")
    void offlineReject() {
        SubscriptionOptions options = audit().withBuffer(3, OverflowPolicy.REJECT_PUBLISH);
        Session first = broker.connect("a");
        first.subscribe(options, new Inbox());
        first.close();

        List<PublishResult> results = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            results.add(publish("orders/created", "o" + i));
        }

        assertThat(results.subList(0, 3)).allSatisfy(r -> assertThat(r.accepted()).isTrue());
        assertThat(results.subList(3, 5)).allSatisfy(r -> assertThat(r.rejectedBy()).containsExactly("audit"));
        Inbox inbox = new Inbox();
        broker.connect("a").subscribe(options, inbox);
        assertThat(payloadsOf(inbox.awaitCount(3))).containsExactly("o1", "o2", "o3");
    }

    @Test
    @Order(8)
    @DisplayName("returning with other filters, buffer limit or overflow policy is an IllegalArgumentException; the backlog stays")
    void sameShapeRequired() {
        Session first = broker.connect("a");
        first.subscribe(audit(), new Inbox());
        first.close();
        publish("orders/created", "kept");
        Session again = broker.connect("a");

        assertThatExceptionOfType(IllegalArgumentException.class).as("other filters")
                .isThrownBy(() -> again.subscribe(SubscriptionOptions.of("orders/created").durable("audit"),
                        new Inbox()));
        assertThatExceptionOfType(IllegalArgumentException.class).as("another buffer limit")
                .isThrownBy(() -> again.subscribe(audit().withBuffer(7, OverflowPolicy.REJECT_PUBLISH), new Inbox()));
        assertThatExceptionOfType(IllegalArgumentException.class).as("another overflow policy")
                .isThrownBy(() -> again.subscribe(audit().withBuffer(SubscriptionOptions.DEFAULT_BUFFER_LIMIT,
                        OverflowPolicy.DROP_OLDEST), new Inbox()));
        Inbox inbox = new Inbox();
        again.subscribe(audit().withAckMode(AckMode.AUTO).withPrefetch(1), inbox);
        assertThat(inbox.awaitOne().payloadText()).as("the backlog, with the same shape and another ack mode")
                .isEqualTo("kept");
    }

    @Test
    @Order(9)
    @DisplayName("a durable consumer that keeps reconnecting under 2 concurrent publishers misses nothing (concurrent)")
    void concurrentReconnects() throws Exception {
        SubscriptionOptions options = SubscriptionOptions.of("events").durable("log").withAckMode(AckMode.CLIENT)
                .withPrefetch(4).withBuffer(5_000, OverflowPolicy.REJECT_PUBLISH);
        Session setup = broker.connect("setup");
        setup.subscribe(options, new Inbox());
        setup.close(); // the durable subscription exists, detached: from now on it buffers
        Map<Long, AtomicInteger> acked = new ConcurrentHashMap<>();
        List<Delivery> firstDeliveries = new CopyOnWriteArrayList<>();
        ExecutorService publishers = Executors.newSingleThreadExecutor();
        try {
            Future<List<PublishResult>> published = publishers.submit(() -> publishConcurrently("events", 2, 1_000));
            int reconnects = 0;
            while (!published.isDone() || acked.size() < 2_000) {
                Session session = broker.connect("consumer-" + reconnects++);
                AtomicInteger handled = new AtomicInteger();
                session.subscribe(options, delivery -> {
                    if (!delivery.redelivered()) {
                        firstDeliveries.add(delivery);
                    }
                    if (handled.incrementAndGet() > 150) {
                        return; // holds it unacked, like a consumer that dies in the middle of a batch
                    }
                    try {
                        session.ack(delivery.tag());
                        acked.computeIfAbsent(delivery.messageId(), id -> new AtomicInteger()).incrementAndGet();
                    } catch (IllegalStateException closedMeanwhile) {
                        // the session closed under us: the message was requeued, and will come again
                    }
                });
                await().atMost(WAIT).until(() -> handled.get() >= 150 || acked.size() >= 2_000);
                session.close();
                assertThat(reconnects).as("reconnects (a runaway loop means messages went missing)").isLessThan(200);
            }
            Set<Long> ids = published.get().stream().map(PublishResult::messageId).collect(Collectors.toSet());
            assertThat(acked.keySet()).as("acked message ids").containsExactlyInAnyOrderElementsOf(ids);
            assertThat(acked.values()).as("times each message was acked").allMatch(count -> count.get() == 1);
            assertThat(reconnects).as("reconnects during the test").isGreaterThan(1);
            assertInPublisherOrder(firstDeliveries, "first deliveries across reconnects");
            assertThat(broker.pending()).isZero();
        } finally {
            publishers.shutdownNow();
        }
    }
}
