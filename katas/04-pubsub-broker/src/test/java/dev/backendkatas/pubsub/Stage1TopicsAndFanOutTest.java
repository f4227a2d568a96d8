package dev.backendkatas.pubsub;

import static dev.backendkatas.pubsub.Payloads.assertInPublisherOrder;
import static dev.backendkatas.pubsub.Payloads.payloadsOf;
import static dev.backendkatas.pubsub.Payloads.utf8;
import static dev.backendkatas.pubsub.Threads.awaitLatch;
import static dev.backendkatas.pubsub.Threads.awaitNoThreads;
import static dev.backendkatas.pubsub.Threads.awaitQuietly;
import static dev.backendkatas.pubsub.Threads.liveThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stage 1 of kata 04: publish, subscribe, a copy per subscription; the README section of the same name teaches it. */
@Order(1)
@DisplayName("Stage 1 — Topics and fan-out")
class Stage1TopicsAndFanOutTest extends BrokerFixture {

    @Test
    @Order(1)
    @DisplayName("delivers a published message to the subscriber of its topic: topic, payload, headers, message id")
    void deliversToSubscriber() {
        Session session = broker.connect("alice");
        Inbox inbox = new Inbox();
        Subscription subscription = session.subscribe(SubscriptionOptions.of("video/uploaded"), inbox);

        PublishResult result = broker.publish("video/uploaded", utf8("cat.mp4"), Map.of("size", "1048576"));

        Delivery delivery = inbox.awaitOne();
        assertThat(delivery.topic()).as("topic").isEqualTo("video/uploaded");
        assertThat(delivery.payloadText()).as("payload").isEqualTo("cat.mp4");
        assertThat(delivery.headers()).as("headers").isEqualTo(Map.of("size", "1048576"));
        assertThat(delivery.redelivered()).as("redelivered on a first delivery").isFalse();
        assertThat(delivery.messageId()).as("the delivery's message id is the publish result's")
                .isEqualTo(result.messageId());
        assertThat(delivery.subscription()).as("the delivery names its subscription").isEqualTo(subscription.name());
        assertThat(subscription.name()).as("a plain subscription is named clientId#n").startsWith("alice#");
        assertThat(result.deliveredTo()).as("publish result: the subscriptions that took it")
                .containsExactly(subscription.name());
        assertThat(result.rejectedBy()).isEmpty();
        assertThat(result.droppedOldestFrom()).isEmpty();
        assertThat(result.accepted()).isTrue();
    }

    @Test
    @Order(2)
    @DisplayName("fans out: every subscription of the topic gets its own copy; a subscription of another topic gets none")
    void fansOut() {
        Session alice = broker.connect("alice");
        Session bob = broker.connect("bob");
        Inbox compress1 = new Inbox();
        Inbox compress2 = new Inbox();
        Inbox thumbnail = new Inbox();
        Inbox notify = new Inbox();
        Subscription s1 = alice.subscribe(SubscriptionOptions.of("video/uploaded"), compress1);
        Subscription s2 = alice.subscribe(SubscriptionOptions.of("video/uploaded"), compress2);
        Subscription s3 = bob.subscribe(SubscriptionOptions.of("video/uploaded"), thumbnail);
        Subscription s4 = bob.subscribe(SubscriptionOptions.of("video/formatted"), notify);

        PublishResult uploaded = publish("video/uploaded", "cat.mp4");
        PublishResult formatted = publish("video/formatted", "cat-720p.mp4");

        assertThat(uploaded.deliveredTo()).as("subscriptions that took video/uploaded")
                .containsExactlyInAnyOrder(s1.name(), s2.name(), s3.name());
        assertThat(formatted.deliveredTo()).as("subscriptions that took video/formatted").containsExactly(s4.name());
        assertThat(Set.of(s1.name(), s2.name(), s3.name(), s4.name())).as("subscription names are distinct").hasSize(4);
        for (Inbox inbox : List.of(compress1, compress2, thumbnail)) {
            assertThat(payloadsOf(inbox.awaitCount(1))).containsExactly("cat.mp4");
        }
        // Had notify received video/uploaded, it would have come first: publish order is kept.
        assertThat(payloadsOf(notify.awaitCount(1))).as("what the video/formatted subscriber got")
                .containsExactly("cat-720p.mp4");
    }

    @Test
    @Order(3)
    @DisplayName("matches topic names exactly and case-sensitively: orders is not Orders, orders/ or /orders (MQTT 5.0 §4.7.3)")
    void exactCaseSensitiveMatch() {
        Session session = broker.connect("alice");
        Map<String, Subscription> byFilter = new LinkedHashMap<>();
        for (String filter : List.of("orders", "Orders", "orders/", "/orders", "orders/created")) {
            byFilter.put(filter, session.subscribe(SubscriptionOptions.of(filter), new Inbox()));
        }
        for (String topic : byFilter.keySet()) {
            assertThat(publish(topic, "x").deliveredTo()).as("subscriptions that took a message to \"%s\"", topic)
                    .containsExactly(byFilter.get(topic).name());
        }
    }

    @Test
    @Order(4)
    @DisplayName("a subscription whose several filters match the same message gets one copy")
    void severalFiltersOneCopy() {
        Session session = broker.connect("alice");
        Inbox inbox = new Inbox();
        Subscription subscription = session.subscribe(
                SubscriptionOptions.of("orders/created", "orders/created", "orders/paid"), inbox);

        PublishResult created = publish("orders/created", "o-1 created");
        publish("orders/paid", "o-1 paid");

        assertThat(created.deliveredTo()).as("the subscription is listed once").containsExactly(subscription.name());
        assertThat(payloadsOf(inbox.awaitCount(2))).as("deliveries, in publish order")
                .containsExactly("o-1 created", "o-1 paid");
    }

    @Test
    @Order(5)
    @DisplayName("copies payload and headers when publishing: changing the caller's array or map afterwards changes nothing")
    void copiesOnPublish() {
        Session session = broker.connect("alice");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The handler holds on to the first message, so the second waits in the broker while the caller changes it.
        Inbox inbox = new Inbox(delivery -> {
            entered.countDown();
            awaitQuietly(release);
        });
        session.subscribe(SubscriptionOptions.of("video/uploaded"), inbox);
        publish("video/uploaded", "first");
        awaitLatch(entered, "the handler got the first message");
        byte[] payload = utf8("original");
        Map<String, String> headers = new HashMap<>(Map.of("codec", "h264"));

        broker.publish("video/uploaded", payload, headers);
        payload[0] = 'X';
        headers.put("codec", "changed");
        release.countDown();

        Delivery second = inbox.awaitNth(2);
        assertThat(second.payloadText()).as("payload delivered after the caller changed its array")
                .isEqualTo("original");
        assertThat(second.headers()).as("headers delivered after the caller changed its map")
                .isEqualTo(Map.of("codec", "h264"));
    }

    @Test
    @Order(6)
    @DisplayName("accepts a publish nobody subscribed to, keeps nothing, and numbers messages in increasing order")
    void publishWithoutSubscribers() {
        PublishResult first = publish("nobody/listens", "1");
        PublishResult second = publish("nobody/listens", "2");

        assertThat(first.deliveredTo()).as("deliveredTo").isEmpty();
        assertThat(first.accepted()).as("accepted").isTrue();
        assertThat(second.messageId()).as("message ids increase").isGreaterThan(first.messageId());
        assertThat(broker.pending()).as("messages held by the broker").isZero();
    }

    @Test
    @Order(7)
    @DisplayName("accepts unusual but valid topic names: \"/\", a space, a leading $, 65,535 bytes, non-ASCII")
    void acceptsValidTopicNames() {
        Session session = broker.connect("alice");
        for (String topic : List.of("/", " ", "$SYS/broker/load", "x".repeat(65_535), "é".repeat(32_767) + "x",
                "файлы/видео")) {
            Subscription subscription = session.subscribe(SubscriptionOptions.of(topic), new Inbox());
            assertThat(broker.publish(topic, utf8("x")).deliveredTo())
                    .as("publish to a topic of %d characters starting %s", topic.length(),
                            Visible.of(topic.substring(0, Math.min(10, topic.length()))))
                    .containsExactly(subscription.name());
        }
    }

    @Test
    @Order(8)
    @DisplayName("unsubscribe() stops deliveries and ends the consumer's thread; closing a session ends all its subscriptions")
    void unsubscribeAndClose() {
        Session session = broker.connect("alice");
        Inbox kept = new Inbox();
        Inbox dropped = new Inbox();
        Subscription keep = session.subscribe(SubscriptionOptions.of("news"), kept);
        Subscription leave = session.subscribe(SubscriptionOptions.of("news"), dropped);
        publish("news", "1");
        dropped.awaitOne();

        leave.unsubscribe();
        leave.unsubscribe(); // a second call does nothing
        assertThat(leave.isActive()).as("isActive() after unsubscribe()").isFalse();
        assertThat(publish("news", "2").deliveredTo()).as("subscriptions that took a message after one left")
                .containsExactly(keep.name());
        assertThat(payloadsOf(kept.awaitCount(2))).containsExactly("1", "2");
        assertThat(dropped.payloads()).as("the unsubscribed inbox").containsExactly("1");

        session.close();
        assertThat(session.isOpen()).as("isOpen() after close()").isFalse();
        assertThat(keep.isActive()).as("a subscription of a closed session").isFalse();
        assertThat(publish("news", "3").deliveredTo()).as("subscriptions after the session closed").isEmpty();
        assertThatExceptionOfType(IllegalStateException.class).as("subscribe on a closed session")
                .isThrownBy(() -> session.subscribe(SubscriptionOptions.of("news"), new Inbox()));
        awaitNoThreads("pubsub-");
    }

    @Test
    @Order(9)
    @DisplayName("close() ends every consumer thread; a closed broker refuses publish and connect with IllegalStateException")
    void closeEndsEverything() {
        for (int i = 0; i < 5; i++) {
            broker.connect("client" + i).subscribe(SubscriptionOptions.of("t/" + i), new Inbox());
        }
        assertThat(liveThreads("pubsub-")).as("consumer threads named pubsub-… while subscribed").hasSize(5);

        broker.close();
        broker.close(); // a second call does nothing

        awaitNoThreads("pubsub-");
        assertThatExceptionOfType(IllegalStateException.class).as("publish after close()")
                .isThrownBy(() -> publish("t/1", "x"));
        assertThatExceptionOfType(IllegalStateException.class).as("connect after close()")
                .isThrownBy(() -> broker.connect("late"));
    }

    @ParameterizedTest(name = "topic {0}")
    @Order(10)
    @MethodSource("invalidTopicNames")
    @DisplayName("refuses invalid topic names with IllegalArgumentException: empty, a wildcard, NUL, over 65,535 bytes (MQTT 5.0 §4.7.3, §3.3.2.1)")
    void refusesInvalidTopicNames(String shown, String topic) {
        assertThatExceptionOfType(IllegalArgumentException.class).as("publish to %s", shown)
                .isThrownBy(() -> broker.publish(topic, utf8("x")));
    }

    @Test
    @Order(11)
    @DisplayName("refuses nulls with NullPointerException and a blank client id with IllegalArgumentException")
    void refusesNulls() {
        Session session = broker.connect("alice");
        assertThatExceptionOfType(NullPointerException.class).as("publish(null, …)")
                .isThrownBy(() -> broker.publish(null, utf8("x")));
        assertThatExceptionOfType(NullPointerException.class).as("publish(topic, null)")
                .isThrownBy(() -> broker.publish("a", null));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        assertThatExceptionOfType(NullPointerException.class).as("a header with a null value")
                .isThrownBy(() -> broker.publish("a", utf8("x"), nullValue));
        assertThatExceptionOfType(NullPointerException.class).as("subscribe(null, handler)")
                .isThrownBy(() -> session.subscribe(null, new Inbox()));
        assertThatExceptionOfType(NullPointerException.class).as("subscribe(options, null)")
                .isThrownBy(() -> session.subscribe(SubscriptionOptions.of("a"), null));
        assertThatExceptionOfType(NullPointerException.class).as("connect(null)")
                .isThrownBy(() -> broker.connect(null));
        assertThatExceptionOfType(IllegalArgumentException.class).as("connect(\"  \")")
                .isThrownBy(() -> broker.connect("  "));
    }

    @Test
    @Order(12)
    @DisplayName("keeps each publisher's order for every subscriber: 4 publisher threads × 1,000 messages, 3 subscribers (concurrent)")
    void concurrentPublishersKeepOrder() throws Exception {
        Session session = broker.connect("alice");
        List<Inbox> inboxes = List.of(new Inbox(), new Inbox(), new Inbox());
        inboxes.forEach(inbox -> session.subscribe(SubscriptionOptions.of("metrics").withBuffer(5_000,
                OverflowPolicy.REJECT_PUBLISH), inbox));

        List<PublishResult> results = publishConcurrently("metrics", 4, 1_000);

        assertThat(results).as("every publish reached the three subscriptions")
                .allSatisfy(result -> assertThat(result.deliveredTo()).hasSize(3));
        assertThat(results.stream().map(PublishResult::messageId).distinct().count()).as("distinct message ids")
                .isEqualTo(4_000);
        for (int i = 0; i < inboxes.size(); i++) {
            List<Delivery> deliveries = inboxes.get(i).awaitCount(4_000);
            assertThat(deliveries).as("subscriber %d: deliveries", i).hasSize(4_000);
            assertThat(deliveries.stream().map(Delivery::messageId).distinct().count())
                    .as("subscriber %d: distinct messages (each exactly once)", i).isEqualTo(4_000);
            assertInPublisherOrder(deliveries, "subscriber " + i);
        }
    }

    static Stream<Arguments> invalidTopicNames() {
        return Stream.of(
                Arguments.of("\"\" (empty)", ""),
                Arguments.of("sport/+", "sport/+"),
                Arguments.of("sport/#", "sport/#"),
                Arguments.of("#", "#"),
                Arguments.of("a+b (a wildcard inside a level)", "a+b"),
                Arguments.of("a\\0b (NUL)", "a\0b"),
                Arguments.of("65,536 × 'x'", "x".repeat(65_536)),
                Arguments.of("32,768 × 'é' (65,536 bytes of UTF-8)", "é".repeat(32_768)));
    }
}
