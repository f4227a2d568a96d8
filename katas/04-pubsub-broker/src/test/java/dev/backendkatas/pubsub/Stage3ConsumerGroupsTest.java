package dev.backendkatas.pubsub;

import static dev.backendkatas.pubsub.Inbox.WAIT;
import static dev.backendkatas.pubsub.Payloads.assertInPublisherOrder;
import static dev.backendkatas.pubsub.Payloads.numbered;
import static dev.backendkatas.pubsub.Payloads.payloadsOf;
import static dev.backendkatas.pubsub.Threads.awaitLatch;
import static dev.backendkatas.pubsub.Threads.awaitQuietly;
import static dev.backendkatas.pubsub.Threads.liveThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 3 of kata 04: shared subscriptions, one member per message; the README section of the same name teaches it. */
@Order(3)
@DisplayName("Stage 3 — Consumer groups")
class Stage3ConsumerGroupsTest extends BrokerFixture {

    @Test
    @Order(1)
    @DisplayName("members of a group share its messages: each message goes to exactly one member (MQTT 5.0 §4.8.2)")
    void membersShare() {
        SubscriptionOptions options = SubscriptionOptions.of("video/uploaded").withGroup("compress")
                .withAckMode(AckMode.CLIENT).withPrefetch(1);
        Inbox first = new Inbox();
        Inbox second = new Inbox();
        Subscription a = broker.connect("worker-a").subscribe(options, first);
        Subscription b = broker.connect("worker-b").subscribe(options, second);

        PublishResult one = publish("video/uploaded", "v1");
        PublishResult two = publish("video/uploaded", "v2");

        // With a prefetch of 1 and no acks, a member holds one message: the other must take the second.
        Delivery x = first.awaitOne();
        Delivery y = second.awaitOne();
        assertThat(Set.of(x.payloadText(), y.payloadText())).as("what the two members got").containsExactlyInAnyOrder(
                "v1", "v2");
        assertThat(a.name()).as("a group member's subscription name").isEqualTo("$share/compress");
        assertThat(b.name()).isEqualTo("$share/compress");
        assertThat(one.deliveredTo()).as("the group is one subscription in the publish result")
                .containsExactly("$share/compress");
        assertThat(two.deliveredTo()).containsExactly("$share/compress");
    }

    @Test
    @Order(2)
    @DisplayName("every group, and every plain subscriber, gets its own copy of each message")
    void groupsEachGetEveryMessage() {
        Session session = broker.connect("pipeline");
        Inbox compress1 = new Inbox();
        Inbox compress2 = new Inbox();
        Inbox notify = new Inbox();
        Inbox audit = new Inbox();
        SubscriptionOptions uploaded = SubscriptionOptions.of("video/uploaded");
        session.subscribe(uploaded.withGroup("compress"), compress1);
        session.subscribe(uploaded.withGroup("compress"), compress2);
        session.subscribe(uploaded.withGroup("notify"), notify);
        Subscription plain = session.subscribe(uploaded, audit);

        List<PublishResult> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(publish("video/uploaded", "v" + i));
        }

        assertThat(results).allSatisfy(r -> assertThat(r.deliveredTo()).as("subscriptions per message")
                .containsExactlyInAnyOrder("$share/compress", "$share/notify", plain.name()));
        List<String> expected = numbered("v", 0, 49);
        assertThat(payloadsOf(notify.awaitCount(50))).as("group notify (one member)").isEqualTo(expected);
        assertThat(payloadsOf(audit.awaitCount(50))).as("the plain subscriber").isEqualTo(expected);
        await().atMost(WAIT).until(() -> compress1.size() + compress2.size() >= 50);
        List<String> compressed = new ArrayList<>(compress1.payloads());
        compressed.addAll(compress2.payloads());
        assertThat(compressed).as("group compress: both members together, each message once")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @Order(3)
    @DisplayName("a stuck member does not hold up its group: the other members take the rest")
    void stuckMemberDoesNotHoldGroup() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        Inbox stuck = new Inbox(delivery -> {
            entered.countDown();
            awaitQuietly(release);
        });
        Inbox healthy = new Inbox();
        SubscriptionOptions options = SubscriptionOptions.of("jobs").withGroup("workers");
        broker.connect("stuck").subscribe(options, stuck);
        publish("jobs", "j0");
        awaitLatch(entered, "the stuck member took j0");
        broker.connect("healthy").subscribe(options, healthy);

        for (int i = 1; i <= 50; i++) {
            publish("jobs", "j" + i);
        }

        assertThat(payloadsOf(healthy.awaitCount(50))).as("what the healthy member got")
                .isEqualTo(numbered("j", 1, 50));
        release.countDown();
    }

    @Test
    @Order(4)
    @DisplayName("a member that leaves gets nothing more; the members left get everything after")
    void memberLeaves() {
        SubscriptionOptions options = SubscriptionOptions.of("jobs").withGroup("workers");
        Inbox leaving = new Inbox();
        Inbox staying = new Inbox();
        Subscription left = broker.connect("a").subscribe(options, leaving);
        broker.connect("b").subscribe(options, staying);

        left.unsubscribe();
        for (int i = 0; i < 20; i++) {
            publish("jobs", "j" + i);
        }

        assertThat(payloadsOf(staying.awaitCount(20))).isEqualTo(numbered("j", 0, 19));
        assertThat(leaving.all()).as("deliveries to the member that left").isEmpty();
    }

    @Test
    @Order(5)
    @DisplayName("a group ends with its last member: later messages are not kept for it, and a new member starts empty")
    void groupEndsWithLastMember() {
        SubscriptionOptions options = SubscriptionOptions.of("jobs").withGroup("workers");
        Session a = broker.connect("a");
        Session b = broker.connect("b");
        a.subscribe(options, new Inbox());
        Subscription last = b.subscribe(options, new Inbox());
        a.close();
        assertThat(publish("jobs", "kept").deliveredTo()).as("while one member is left")
                .containsExactly("$share/workers");
        last.unsubscribe();

        assertThat(publish("jobs", "lost").deliveredTo()).as("after the last member left").isEmpty();
        assertThat(broker.pending()).as("messages the broker holds").isZero();
        Inbox newcomer = new Inbox();
        broker.connect("c").subscribe(options, newcomer);
        publish("jobs", "fresh");
        assertThat(payloadsOf(newcomer.awaitCount(1))).as("a new member of the new group").containsExactly("fresh");
    }

    @Test
    @Order(6)
    @DisplayName("a member must use the group's filters, buffer limit and overflow policy, else IllegalArgumentException")
    void membersMustMatchTheGroup() {
        Session session = broker.connect("alice");
        session.subscribe(SubscriptionOptions.of("a/#", "b/#").withGroup("g"), new Inbox());

        assertThatExceptionOfType(IllegalArgumentException.class).as("other filters")
                .isThrownBy(() -> session.subscribe(SubscriptionOptions.of("a/#").withGroup("g"), new Inbox()));
        assertThatExceptionOfType(IllegalArgumentException.class).as("another buffer limit")
                .isThrownBy(() -> session.subscribe(SubscriptionOptions.of("a/#", "b/#").withGroup("g")
                        .withBuffer(5, OverflowPolicy.REJECT_PUBLISH), new Inbox()));
        assertThatExceptionOfType(IllegalArgumentException.class).as("another overflow policy")
                .isThrownBy(() -> session.subscribe(SubscriptionOptions.of("a/#", "b/#").withGroup("g")
                        .withBuffer(SubscriptionOptions.DEFAULT_BUFFER_LIMIT, OverflowPolicy.DROP_OLDEST),
                        new Inbox()));
        assertThatCode(() -> session.subscribe(SubscriptionOptions.of("b/#", "a/#").withGroup("g")
                .withAckMode(AckMode.CLIENT).withPrefetch(3), new Inbox()))
                .as("the same filters in another order, with its own ack mode and prefetch").doesNotThrowAnyException();
        assertThat(liveThreads("pubsub-")).as("consumer threads: the two accepted members").hasSize(2);
    }

    @Test
    @Order(7)
    @DisplayName("under 4 concurrent publishers, each message is processed by exactly one member of each group (concurrent)")
    void concurrentGroupsExactlyOnce() throws Exception {
        Map<String, List<Inbox>> groups = new LinkedHashMap<>();
        for (String group : List.of("resize", "index")) {
            List<Inbox> members = new ArrayList<>();
            int count = group.equals("resize") ? 3 : 2;
            for (int m = 0; m < count; m++) {
                Session session = broker.connect(group + "-" + m);
                Inbox inbox = m % 2 == 0 ? Inbox.acking(session) : new Inbox();
                AckMode mode = m % 2 == 0 ? AckMode.CLIENT : AckMode.AUTO;
                session.subscribe(SubscriptionOptions.of("images/#").withGroup(group).withAckMode(mode)
                        .withBuffer(5_000, OverflowPolicy.REJECT_PUBLISH), inbox);
                members.add(inbox);
            }
            groups.put(group, members);
        }

        List<PublishResult> results = publishConcurrently("images/new", 4, 500);

        Set<Long> published = results.stream().map(PublishResult::messageId).collect(Collectors.toSet());
        groups.forEach((group, members) -> {
            await().atMost(WAIT).until(() -> members.stream().mapToInt(Inbox::size).sum() >= 2_000);
            List<Long> processed = members.stream().flatMap(inbox -> inbox.all().stream())
                    .map(Delivery::messageId).collect(Collectors.toList());
            assertThat(processed).as("group %s: message ids processed by all its members", group)
                    .hasSize(2_000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(published);
            for (int m = 0; m < members.size(); m++) {
                assertInPublisherOrder(members.get(m).all(), "group " + group + ", member " + m);
            }
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(broker.pending()).as("pending after all acks").isZero());
    }
}
