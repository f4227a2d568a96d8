package dev.backendkatas.pubsub;

import static dev.backendkatas.pubsub.Inbox.WAIT;
import static dev.backendkatas.pubsub.Payloads.assertInPublisherOrder;
import static dev.backendkatas.pubsub.Payloads.numbered;
import static dev.backendkatas.pubsub.Payloads.payloadsOf;
import static dev.backendkatas.pubsub.Threads.awaitLatch;
import static dev.backendkatas.pubsub.Threads.awaitQuietly;
import static dev.backendkatas.pubsub.Threads.liveThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stage 5 of kata 04: prefetch, bounded buffers, stuck consumers; the README section of the same name teaches it. */
@Order(5)
@DisplayName("Stage 5 — Flow control")
class Stage5FlowControlTest extends BrokerFixture {

    @Test
    @Order(1)
    @DisplayName("a CLIENT consumer holds at most prefetch unacked deliveries; each ack lets the next one through")
    void prefetchLimit() {
        Session session = broker.connect("alice");
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        List<Delivery> received = new CopyOnWriteArrayList<>();
        Subscription subscription = session.subscribe(SubscriptionOptions.of("orders").withAckMode(AckMode.CLIENT)
                .withPrefetch(2), delivery -> {
                    received.add(delivery);
                    mostInFlight.accumulateAndGet(received.size() - acked.get(), Math::max);
                });
        for (int i = 1; i <= 5; i++) {
            publish("orders", "o-" + i);
        }

        await().atMost(WAIT).until(() -> received.size() == 2);
        await().atMost(WAIT).until(() -> subscription.buffered() == 3);
        assertThat(subscription.unacked()).as("unacked with prefetch 2").isEqualTo(2);
        for (int next = 3; next <= 5; next++) {
            acked.incrementAndGet();
            session.ack(received.get(next - 3).tag());
            int expected = next;
            await().atMost(WAIT).until(() -> received.size() == expected);
        }
        assertThat(mostInFlight.get()).as("most deliveries the handler held unacked at once").isEqualTo(2);
        assertThat(payloadsOf(received)).containsExactly("o-1", "o-2", "o-3", "o-4", "o-5");
    }

    /** A CLIENT consumer with prefetch 1 that never acks: after its first message, everything else waits. */
    Subscription slowConsumer(Inbox inbox, int bufferLimit, OverflowPolicy overflow) {
        Subscription slow = broker.connect("slow").subscribe(SubscriptionOptions.of("prices").withAckMode(AckMode.CLIENT)
                .withPrefetch(1).withBuffer(bufferLimit, overflow), inbox);
        publish("prices", "p1");
        inbox.awaitOne();
        return slow;
    }

    @Test
    @Order(2)
    @DisplayName("REJECT_PUBLISH: a full buffer refuses the new message and the publish result names it; every other subscription still gets it")
    void rejectPublish() {
        Session fastSession = broker.connect("fast");
        Inbox fast = new Inbox();
        Subscription fastSubscription = fastSession.subscribe(SubscriptionOptions.of("prices"), fast);
        Inbox slowInbox = new Inbox();
        Subscription slow = slowConsumer(slowInbox, 3, OverflowPolicy.REJECT_PUBLISH);
        // One subscription before the slow one and one after it: a refusal must not stop the publish half-way.
        Inbox late = new Inbox();
        Subscription lateSubscription = fastSession.subscribe(SubscriptionOptions.of("prices"), late);
        for (int i = 2; i <= 4; i++) {
            assertThat(publish("prices", "p" + i).accepted()).as("publish p%d into a buffer of 3", i).isTrue();
        }

        PublishResult refused = publish("prices", "p5");

        assertThat(refused.accepted()).as("accepted() with a full REJECT_PUBLISH buffer").isFalse();
        assertThat(refused.rejectedBy()).as("rejectedBy").containsExactly(slow.name());
        assertThat(refused.deliveredTo()).as("deliveredTo: the subscriptions made before and after the full one")
                .containsExactlyInAnyOrder(fastSubscription.name(), lateSubscription.name());
        assertThat(slow.buffered()).as("the slow subscription's buffer").isEqualTo(3);
        assertThat(payloadsOf(fast.awaitCount(5))).as("the fast subscriber").isEqualTo(numbered("p", 1, 5));
        assertThat(payloadsOf(late.awaitCount(4))).as("the subscriber that came after the slow one")
                .isEqualTo(numbered("p", 2, 5));
    }

    @Test
    @Order(3)
    @DisplayName("DROP_OLDEST: a full buffer drops its oldest message, reports it in the publish result and dropped(); the newest are delivered")
    void dropOldest() {
        Session session = broker.connect("slow");
        Inbox inbox = new Inbox();
        Subscription slow = session.subscribe(SubscriptionOptions.of("prices").withAckMode(AckMode.CLIENT)
                .withPrefetch(1).withBuffer(3, OverflowPolicy.DROP_OLDEST), inbox);
        publish("prices", "p1");
        Delivery first = inbox.awaitOne();
        for (int i = 2; i <= 4; i++) {
            assertThat(publish("prices", "p" + i).droppedOldestFrom()).as("dropped while the buffer had room").isEmpty();
        }

        PublishResult p5 = publish("prices", "p5");
        PublishResult p6 = publish("prices", "p6");

        assertThat(p5.droppedOldestFrom()).as("p5: droppedOldestFrom").containsExactly(slow.name());
        assertThat(p5.deliveredTo()).as("p5 was still taken").containsExactly(slow.name());
        assertThat(p5.accepted()).isTrue();
        assertThat(p6.droppedOldestFrom()).containsExactly(slow.name());
        assertThat(slow.dropped()).as("dropped()").isEqualTo(2);
        assertThat(slow.buffered()).as("buffered()").isEqualTo(3);

        session.ack(first.tag());
        for (int n = 2; n <= 4; n++) {
            session.ack(inbox.awaitNth(n).tag());
        }
        assertThat(payloadsOf(inbox.all())).as("delivered: p1, then the newest three")
                .containsExactly("p1", "p4", "p5", "p6");
    }

    @Test
    @Order(4)
    @DisplayName("a stuck handler blocks neither publish nor the other subscribers, and its buffer stays bounded (1,000 messages)")
    void stuckConsumerBlocksNobody() {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Inbox stuckInbox = new Inbox(delivery -> {
            entered.countDown();
            awaitQuietly(release);
        });
        Inbox healthy = new Inbox();
        Session session = broker.connect("alice");
        Subscription stuck = session.subscribe(SubscriptionOptions.of("ticks")
                .withBuffer(10, OverflowPolicy.DROP_OLDEST), stuckInbox);
        session.subscribe(SubscriptionOptions.of("ticks"), healthy);
        publish("ticks", "t1");
        awaitLatch(entered, "the stuck handler got t1");

        for (int i = 2; i <= 1_000; i++) {
            publish("ticks", "t" + i); // would hang here if publish waited for the stuck consumer
            assertThat(stuck.buffered()).as("the stuck subscription's buffer after t%d", i).isLessThanOrEqualTo(10);
        }

        assertThat(payloadsOf(healthy.awaitCount(1_000))).as("the healthy subscriber").isEqualTo(numbered("t", 1, 1_000));
        assertThat(stuck.dropped()).as("dropped from the stuck subscription: 999 arrived, 10 kept").isEqualTo(989);
        release.countDown();
        assertThat(payloadsOf(stuckInbox.awaitCount(11))).as("the stuck subscriber, once released")
                .isEqualTo(Stream.concat(Stream.of("t1"), numbered("t", 991, 1_000).stream()).collect(Collectors.toList()));
    }

    @Test
    @Order(5)
    @DisplayName("unsubscribe() ends a stuck consumer: its handler is interrupted and its thread is gone when the call returns")
    void unsubscribeInterruptsStuckHandler() {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Subscription stuck = broker.connect("alice").subscribe(SubscriptionOptions.of("ticks"), delivery -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await(); // stuck for good
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        publish("ticks", "t1");
        awaitLatch(entered, "the handler got t1 and is stuck");

        stuck.unsubscribe();

        assertThat(interrupted.getCount()).as("the stuck handler was interrupted").isZero();
        assertThat(liveThreads("pubsub-")).as("consumer threads right after unsubscribe() returned").isEmpty();
    }

    @Test
    @Order(6)
    @DisplayName("messages that come back unacked are never refused by the buffer limit: nothing unacked is lost")
    void requeueIgnoresLimit() {
        SubscriptionOptions options = SubscriptionOptions.of("orders").durable("orders").withAckMode(AckMode.CLIENT)
                .withPrefetch(2).withBuffer(2, OverflowPolicy.REJECT_PUBLISH);
        Session first = broker.connect("alice");
        Inbox held = new Inbox();
        Subscription subscription = first.subscribe(options, held);
        publish("orders", "o1");
        publish("orders", "o2");
        held.awaitCount(2); // in flight: the buffer is empty again
        publish("orders", "o3");
        publish("orders", "o4");
        assertThat(subscription.buffered()).as("buffered with prefetch 2 used up").isEqualTo(2);
        assertThat(publish("orders", "o5").rejectedBy()).as("o5 into a full buffer").containsExactly("orders");

        first.close(); // o1 and o2 were unacked: they go back, although the buffer is full

        assertThat(broker.pending()).as("messages kept: 2 requeued + 2 buffered, over the limit of 2").isEqualTo(4);
        assertThat(publish("orders", "o6").rejectedBy()).as("o6 while over the limit").containsExactly("orders");
        Session second = broker.connect("alice");
        Inbox inbox = Inbox.acking(second);
        second.subscribe(options, inbox);
        List<Delivery> all = inbox.awaitCount(4);
        assertThat(payloadsOf(all)).as("deliveries after reconnecting").containsExactly("o1", "o2", "o3", "o4");
        assertThat(all.stream().map(Delivery::redelivered).collect(Collectors.toList())).as("redelivered flags")
                .containsExactly(true, true, false, false);
    }

    @Test
    @Order(7)
    @DisplayName("prefetch is per consumer: a group member at its limit leaves the rest to the other members")
    void prefetchPerMember() {
        SubscriptionOptions options = SubscriptionOptions.of("jobs").withGroup("workers").withAckMode(AckMode.CLIENT)
                .withPrefetch(1);
        Inbox full = new Inbox();
        broker.connect("full").subscribe(options, full);
        publish("jobs", "j0");
        full.awaitOne();
        Session other = broker.connect("other");
        Inbox working = Inbox.acking(other);
        other.subscribe(options, working);

        for (int i = 1; i <= 10; i++) {
            publish("jobs", "j" + i);
        }

        assertThat(payloadsOf(working.awaitCount(10))).isEqualTo(numbered("j", 1, 10));
        assertThat(full.payloads()).as("the member at its prefetch limit").containsExactly("j0");
    }

    @ParameterizedTest(name = "{0}")
    @Order(8)
    @EnumSource(OverflowPolicy.class)
    @DisplayName("under 4 concurrent publishers into a small buffer, every message is delivered or reported, never lost silently (concurrent)")
    void concurrentOverflowAccounting(OverflowPolicy policy) throws Exception {
        Session session = broker.connect("consumer");
        Inbox inbox = Inbox.acking(session);
        Subscription subscription = session.subscribe(SubscriptionOptions.of("ticks").withAckMode(AckMode.CLIENT)
                .withPrefetch(4).withBuffer(16, policy), inbox);

        List<PublishResult> results = publishConcurrently("ticks", 4, 500);

        long taken = results.stream().filter(r -> r.deliveredTo().contains(subscription.name())).count();
        long rejected = results.stream().filter(r -> r.rejectedBy().contains(subscription.name())).count();
        long droppedReports = results.stream().filter(r -> r.droppedOldestFrom().contains(subscription.name())).count();
        assertThat(taken + rejected).as("every publish either taken or rejected").isEqualTo(2_000);
        assertThat(droppedReports).as("drops reported in publish results = dropped()").isEqualTo(subscription.dropped());
        await().atMost(WAIT).untilAsserted(() -> assertThat(broker.pending()).isZero());
        List<Delivery> delivered = inbox.all();
        assertThat(delivered.stream().map(Delivery::messageId).collect(Collectors.toList())).as("delivered ids")
                .doesNotHaveDuplicates();
        assertThat(delivered.size() + subscription.dropped()).as("delivered + dropped = taken").isEqualTo(taken);
        assertInPublisherOrder(delivered, "consumer (" + policy + ")");
    }
}
