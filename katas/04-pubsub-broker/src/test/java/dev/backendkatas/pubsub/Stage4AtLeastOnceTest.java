package dev.backendkatas.pubsub;

import static dev.backendkatas.pubsub.Inbox.WAIT;
import static dev.backendkatas.pubsub.Payloads.numbered;
import static dev.backendkatas.pubsub.Payloads.payloadsOf;
import static dev.backendkatas.pubsub.Payloads.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 4 of kata 04: acks, nacks, ack timeouts, redelivery; the README section of the same name teaches it. */
@Order(4)
@DisplayName("Stage 4 — At-least-once delivery")
class Stage4AtLeastOnceTest extends BrokerFixture {

    SubscriptionOptions clientAcks(String filter) {
        return SubscriptionOptions.of(filter).withAckMode(AckMode.CLIENT);
    }

    @Test
    @Order(1)
    @DisplayName("a CLIENT delivery stays unacked until acked by its tag; after the ack nothing is pending")
    void ackSettles() {
        Session session = broker.connect("alice");
        Inbox inbox = new Inbox();
        Subscription subscription = session.subscribe(clientAcks("orders"), inbox);
        publish("orders", "o-1");

        Delivery delivery = inbox.awaitOne();
        assertThat(subscription.unacked()).as("unacked before the ack").isEqualTo(1);
        assertThat(broker.pending()).as("pending before the ack").isEqualTo(1);

        session.ack(delivery.tag());

        assertThat(subscription.unacked()).as("unacked after the ack").isZero();
        assertThat(broker.pending()).as("pending after the ack").isZero();
    }

    @Test
    @Order(2)
    @DisplayName("nack with requeue delivers the message again: redelivered, same message id, a new tag")
    void nackRequeues() {
        Session session = broker.connect("alice");
        Inbox inbox = new Inbox();
        session.subscribe(clientAcks("orders"), inbox);
        broker.publish("orders", utf8("o-1"), Map.of("k", "v"));
        Delivery first = inbox.awaitOne();

        session.nack(first.tag(), true);

        Delivery again = inbox.awaitNth(2);
        assertThat(again.redelivered()).as("redelivered after a nack with requeue").isTrue();
        assertThat(again.messageId()).as("the same message").isEqualTo(first.messageId());
        assertThat(again.payloadText()).isEqualTo("o-1");
        assertThat(again.headers()).isEqualTo(Map.of("k", "v"));
        assertThat(again.tag()).as("a redelivery gets a new tag").isNotEqualTo(first.tag());
        session.ack(again.tag());
        assertThat(broker.pending()).isZero();
    }

    @Test
    @Order(3)
    @DisplayName("nack with requeue puts the message back at the head of its queue, ahead of the messages waiting behind it")
    void nackRequeuesToTheHead() {
        Session session = broker.connect("alice");
        Inbox inbox = new Inbox();
        session.subscribe(clientAcks("orders").withPrefetch(1), inbox);
        publish("orders", "o-1");
        publish("orders", "o-2"); // o-2 and o-3 wait in the queue: the prefetch is 1
        publish("orders", "o-3");
        Delivery first = inbox.awaitOne();

        session.nack(first.tag(), true);

        Delivery again = inbox.awaitNth(2);
        assertThat(again.payloadText()).as("the delivery after nacking o-1 while o-2 and o-3 waited").isEqualTo("o-1");
        assertThat(again.redelivered()).as("redelivered").isTrue();
        session.ack(again.tag());
        session.ack(inbox.awaitNth(3).tag());
        assertThat(payloadsOf(inbox.awaitCount(4))).as("every delivery, in order")
                .containsExactly("o-1", "o-1", "o-2", "o-3");
    }

    @Test
    @Order(4)
    @DisplayName("nack without requeue discards the message: it never comes back and nothing is pending")
    void nackDrops() {
        Session session = broker.connect("alice");
        Inbox inbox = new Inbox();
        session.subscribe(clientAcks("orders"), inbox);
        publish("orders", "poison");
        Delivery first = inbox.awaitOne();

        session.nack(first.tag(), false);
        assertThat(broker.pending()).as("pending after nack without requeue").isZero();
        publish("orders", "next");

        Delivery second = inbox.awaitNth(2);
        assertThat(second.payloadText()).as("the delivery after the dropped one").isEqualTo("next");
        assertThat(second.redelivered()).isFalse();
    }

    @Test
    @Order(5)
    @DisplayName("a consumer that closes without acking loses nothing: its messages go to another member, redelivered, in order")
    void closedConsumerLosesNothing() {
        SubscriptionOptions options = clientAcks("jobs").withGroup("workers").withPrefetch(10);
        Session crashing = broker.connect("crashing");
        Inbox taken = new Inbox();
        Subscription crashed = crashing.subscribe(options, taken);
        for (int i = 0; i < 10; i++) {
            publish("jobs", "j" + i);
        }
        taken.awaitCount(10);
        assertThat(crashed.unacked()).as("unacked before the crash").isEqualTo(10);
        Session survivor = broker.connect("survivor");
        Inbox rescued = Inbox.acking(survivor);
        survivor.subscribe(options, rescued);

        crashing.close();

        assertThat(crashed.unacked()).as("unacked held by the closed consumer").isZero();
        List<Delivery> redelivered = rescued.awaitCount(10);
        assertThat(payloadsOf(redelivered)).as("what the survivor got").isEqualTo(numbered("j", 0, 9));
        assertThat(redelivered).as("each flagged redelivered").allMatch(Delivery::redelivered);
        await().atMost(WAIT).untilAsserted(() -> assertThat(broker.pending()).isZero());
    }

    @Test
    @Order(6)
    @DisplayName("a consumer that crashes halfway (acked 5 of 10) has exactly the 5 unacked ones redelivered to the others")
    void crashHalfway() {
        SubscriptionOptions options = clientAcks("jobs").withGroup("workers").withPrefetch(10);
        Session crashing = broker.connect("crashing");
        Inbox taken = new Inbox();
        crashing.subscribe(options, taken);
        for (int i = 0; i < 10; i++) {
            publish("jobs", "j" + i);
        }
        List<Delivery> held = taken.awaitCount(10);
        for (int i = 0; i < 10; i += 2) {
            crashing.ack(held.get(i).tag()); // processed j0, j2, j4, j6, j8
        }
        Session survivor = broker.connect("survivor");
        Inbox rescued = Inbox.acking(survivor);
        survivor.subscribe(options, rescued);

        crashing.close();

        assertThat(payloadsOf(rescued.awaitCount(5))).as("redelivered to the survivor")
                .containsExactly("j1", "j3", "j5", "j7", "j9");
        await().atMost(WAIT).untilAsserted(() -> assertThat(broker.pending()).isZero());
        assertThat(rescued.all()).allMatch(Delivery::redelivered);
    }

    @Test
    @Order(7)
    @DisplayName("an unacked delivery is redelivered once the ack timeout has passed on the injected clock, not a moment before")
    void ackTimeout() {
        Session session = broker.connect("alice");
        Inbox inbox = new Inbox();
        session.subscribe(clientAcks("orders"), inbox);
        publish("orders", "o-1");
        Delivery first = inbox.awaitOne();

        clock.advance(ACK_TIMEOUT);
        assertThat(broker.redeliverExpired()).as("requeued at exactly the timeout (not yet exceeded)").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(broker.redeliverExpired()).as("requeued 1 ms past the timeout").isEqualTo(1);

        Delivery again = inbox.awaitNth(2);
        assertThat(again.redelivered()).as("redelivered").isTrue();
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThatExceptionOfType(IllegalStateException.class).as("acking the expired tag")
                .isThrownBy(() -> session.ack(first.tag()));
        session.ack(again.tag());
        assertThat(broker.redeliverExpired()).as("nothing left to expire").isZero();
        assertThat(broker.pending()).isZero();
    }

    @Test
    @Order(8)
    @DisplayName("the ack timeout runs from the moment of delivery, not from the moment of publishing")
    void ackTimeoutFromDelivery() {
        Session session = broker.connect("alice");
        Inbox inbox = new Inbox();
        session.subscribe(clientAcks("orders").withPrefetch(1), inbox);
        publish("orders", "o-1");
        publish("orders", "o-2"); // waits in the queue: the prefetch is 1
        Delivery first = inbox.awaitOne();

        clock.advance(Duration.ofSeconds(20));
        session.ack(first.tag());
        Delivery second = inbox.awaitNth(2);
        clock.advance(Duration.ofSeconds(15)); // 35 s after publishing, 15 s after delivery

        assertThat(broker.redeliverExpired()).as("requeued 15 s after delivery, 35 s after publish").isZero();
        clock.advance(Duration.ofSeconds(16));
        assertThat(broker.redeliverExpired()).as("requeued 31 s after delivery").isEqualTo(1);
        assertThat(inbox.awaitNth(3).messageId()).isEqualTo(second.messageId());
    }

    @Test
    @Order(9)
    @DisplayName("AUTO deliveries are consumed on hand-over: nothing is pending, and acking one is an IllegalStateException")
    void autoAck() {
        Session session = broker.connect("alice");
        Inbox inbox = new Inbox();
        Subscription subscription = session.subscribe(SubscriptionOptions.of("orders"), inbox);
        publish("orders", "o-1");
        Delivery delivery = inbox.awaitOne();

        await().atMost(WAIT).untilAsserted(() -> assertThat(broker.pending()).isZero());
        assertThat(subscription.unacked()).isZero();
        assertThatExceptionOfType(IllegalStateException.class).as("acking an AUTO delivery")
                .isThrownBy(() -> session.ack(delivery.tag()));
        session.close();
        assertThat(broker.pending()).as("nothing comes back when an AUTO consumer leaves").isZero();
    }

    @Test
    @Order(10)
    @DisplayName("a CLIENT handler that throws leaves its delivery unacked, so it is redelivered (at-least-once)")
    void throwingHandler() {
        Session session = broker.connect("alice");
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        session.subscribe(clientAcks("orders"), delivery -> {
            seen.add(delivery);
            if (!delivery.redelivered()) {
                throw new IllegalStateException("simulated failure while processing " + delivery.payloadText());
            }
            session.ack(delivery.tag());
        });
        publish("orders", "o-1");
        await().atMost(WAIT).until(() -> seen.size() == 1);
        assertThat(broker.pending()).as("the failed delivery is still pending").isEqualTo(1);

        clock.advance(ACK_TIMEOUT.plusSeconds(1));
        assertThat(broker.redeliverExpired()).isEqualTo(1);

        await().atMost(WAIT).until(() -> seen.size() == 2);
        assertThat(seen.get(1).redelivered()).isTrue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(broker.pending()).isZero());
    }

    @Test
    @Order(11)
    @DisplayName("messages that come back (expired, or left behind) go to the head of the queue in publish order")
    void requeueInPublishOrder() {
        Session session = broker.connect("alice");
        Inbox inbox = new Inbox();
        session.subscribe(clientAcks("orders").withPrefetch(2), inbox);
        publish("orders", "o1");
        publish("orders", "o2");
        List<Delivery> first = inbox.awaitCount(2);
        session.nack(first.get(0).tag(), true); // o1 comes back, and is delivered again after o2
        Delivery o1Again = inbox.awaitNth(3);
        assertThat(o1Again.payloadText()).isEqualTo("o1");
        publish("orders", "o3"); // waits: both prefetch slots are taken

        clock.advance(ACK_TIMEOUT.plusSeconds(1));
        assertThat(broker.redeliverExpired()).as("expired: o2 and o1").isEqualTo(2);

        List<Delivery> all = inbox.awaitCount(5);
        assertThat(payloadsOf(all.subList(3, 5))).as("after the expiry: publish order, ahead of o3")
                .containsExactly("o1", "o2");
        session.ack(all.get(3).tag());
        assertThat(inbox.awaitNth(6).payloadText()).isEqualTo("o3");
    }

    @Test
    @Order(12)
    @DisplayName("acking twice, an unknown tag, or another session's tag is an IllegalStateException and changes nothing")
    void badAcks() {
        Session alice = broker.connect("alice");
        Session mallory = broker.connect("mallory");
        Inbox inbox = new Inbox();
        alice.subscribe(clientAcks("orders"), inbox);
        publish("orders", "o-1");
        publish("orders", "o-2");
        List<Delivery> deliveries = inbox.awaitCount(2);
        Delivery first = deliveries.get(0);
        Delivery second = deliveries.get(1);

        assertThatExceptionOfType(IllegalStateException.class).as("another session acks alice's tag")
                .isThrownBy(() -> mallory.ack(first.tag()));
        assertThatExceptionOfType(IllegalStateException.class).as("another session nacks alice's tag")
                .isThrownBy(() -> mallory.nack(first.tag(), true));
        assertThatExceptionOfType(IllegalStateException.class).as("an unknown tag")
                .isThrownBy(() -> alice.ack(second.tag() + 1_000));
        assertThat(broker.pending()).as("pending after the refused acks").isEqualTo(2);

        alice.ack(first.tag());
        assertThatExceptionOfType(IllegalStateException.class).as("acking the same tag twice")
                .isThrownBy(() -> alice.ack(first.tag()));
        assertThatExceptionOfType(IllegalStateException.class).as("nacking an acked tag")
                .isThrownBy(() -> alice.nack(first.tag(), true));
        alice.nack(second.tag(), false);
        assertThatExceptionOfType(IllegalStateException.class).as("acking a nacked tag")
                .isThrownBy(() -> alice.ack(second.tag()));
        assertThat(broker.pending()).isZero();
        assertThat(inbox.size()).as("deliveries: the refused acks requeued nothing").isEqualTo(2);
    }

    @Test
    @Order(13)
    @DisplayName("a closed session refuses ack and nack with IllegalStateException; its unacked messages were requeued")
    void closedSessionRefusesAcks() {
        SubscriptionOptions options = clientAcks("orders").durable("orders-audit");
        Session session = broker.connect("alice");
        Inbox inbox = new Inbox();
        session.subscribe(options, inbox);
        publish("orders", "o-1");
        Delivery delivery = inbox.awaitOne();

        session.close();

        assertThatExceptionOfType(IllegalStateException.class).as("ack after close()")
                .isThrownBy(() -> session.ack(delivery.tag()));
        assertThatExceptionOfType(IllegalStateException.class).as("nack after close()")
                .isThrownBy(() -> session.nack(delivery.tag(), true));
        assertThat(broker.pending()).as("the message waits, requeued, in the durable subscription").isEqualTo(1);
    }

    @Test
    @Order(14)
    @DisplayName("under concurrency, with random nacks and a member that crashes, every message is acked exactly once and nothing stays pending (concurrent)")
    void concurrentAtLeastOnce() throws Exception {
        SubscriptionOptions options = clientAcks("tasks/#").withGroup("workers").withPrefetch(8)
                .withBuffer(5_000, OverflowPolicy.REJECT_PUBLISH);
        Map<Long, AtomicInteger> acks = new ConcurrentHashMap<>();
        List<Delivery> firstDeliveries = new CopyOnWriteArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            Session session = broker.connect("worker-" + m);
            sessions.add(session);
            Random random = new Random(m);
            boolean crashes = m == 2;
            AtomicInteger handled = new AtomicInteger();
            session.subscribe(options, delivery -> {
                if (!delivery.redelivered()) {
                    firstDeliveries.add(delivery);
                }
                if (crashes && handled.incrementAndGet() > 100) {
                    return; // stops acking: everything it takes from now on is held until it is closed
                }
                synchronized (random) {
                    if (random.nextInt(10) == 0) {
                        session.nack(delivery.tag(), true);
                        return;
                    }
                }
                session.ack(delivery.tag());
                acks.computeIfAbsent(delivery.messageId(), id -> new AtomicInteger()).incrementAndGet();
            });
        }

        List<PublishResult> results = publishConcurrently("tasks/t", 4, 250);
        await().atMost(WAIT).until(() -> firstDeliveries.size() >= 150 || acks.size() == 1_000);
        sessions.get(2).close(); // the crash: its held messages must reach the others

        Set<Long> published = results.stream().map(PublishResult::messageId).collect(Collectors.toSet());
        await().atMost(WAIT).untilAsserted(() -> assertThat(acks.keySet()).as("acked message ids")
                .containsExactlyInAnyOrderElementsOf(published));
        assertThat(acks.values()).as("times each message was acked").allMatch(count -> count.get() == 1);
        assertThat(firstDeliveries.stream().map(Delivery::messageId).collect(Collectors.toList()))
                .as("first (not redelivered) deliveries: each message once").doesNotHaveDuplicates();
        await().atMost(WAIT).untilAsserted(() -> assertThat(broker.pending()).as("pending at the end").isZero());
    }
}
