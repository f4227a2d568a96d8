package dev.backendkatas.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The graded tests of kata 04. Each nested class is a stage; the README has a section of the same name.
 *
 * <p>Nothing here sleeps. Asynchronous outcomes are awaited with Awaitility ({@link Inbox}), time is a
 * {@link MutableClock}, and a "this did not happen" is proven by a later event that would have had to come after it
 * (per-publisher order). Concurrency tests assert invariants (nothing lost, no duplicates except flagged
 * redeliveries, order per publisher, nothing pending), never timings.
 */
@DisplayName("Kata 04 — A publish/subscribe message broker")
class PubSubKataTest {

    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    static final Duration WAIT = Inbox.WAIT;

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

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> payloadsOf(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::payloadText).collect(Collectors.toList());
    }

    static List<String> numbered(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).collect(Collectors.toList());
    }

    PublishResult publish(String topic, String payload) {
        return broker.publish(topic, utf8(payload));
    }

    /** Live threads whose name starts with {@code prefix}: the broker's consumer threads are named pubsub-…. */
    static List<String> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(prefix)).sorted().collect(Collectors.toList());
    }

    static void awaitNoThreads(String prefix) {
        await().atMost(WAIT).pollInSameThread().untilAsserted(() ->
                assertThat(liveThreads(prefix)).as("threads named %s… still alive", prefix).isEmpty());
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
                all.addAll(future.get(20, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The sequence numbers each publisher's messages arrived in, by publisher: "p1:7" is publisher 1, seq 7. */
    static Map<Integer, List<Integer>> sequencesByPublisher(List<Delivery> deliveries) {
        Map<Integer, List<Integer>> sequences = new HashMap<>();
        for (Delivery delivery : deliveries) {
            String[] parts = delivery.payloadText().substring(1).split(":");
            sequences.computeIfAbsent(Integer.parseInt(parts[0]), p -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        return sequences;
    }

    static void assertInPublisherOrder(List<Delivery> deliveries, String who) {
        sequencesByPublisher(deliveries).forEach((publisher, seqs) -> {
            List<Integer> sorted = new ArrayList<>(seqs);
            Collections.sort(sorted);
            assertThat(seqs).as("%s: sequence numbers of publisher %d in arrival order (must be increasing)", who,
                    publisher).isEqualTo(sorted);
        });
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(1)
    @DisplayName("Stage 1 — Topics and fan-out")
    class Stage1TopicsAndFanOut {

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

        @Test
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
        @DisplayName("accepts a publish nobody subscribed to, keeps nothing, and numbers messages in increasing order")
        void publishWithoutSubscribers() {
            PublishResult first = publish("nobody/listens", "1");
            PublishResult second = publish("nobody/listens", "2");

            assertThat(first.deliveredTo()).as("deliveredTo").isEmpty();
            assertThat(first.accepted()).as("accepted").isTrue();
            assertThat(second.messageId()).as("message ids increase").isGreaterThan(first.messageId());
            assertThat(broker.pending()).as("messages held by the broker").isZero();
        }

        @ParameterizedTest(name = "topic {0}")
        @MethodSource("dev.backendkatas.pubsub.PubSubKataTest#invalidTopicNames")
        @DisplayName("refuses invalid topic names with IllegalArgumentException: empty, a wildcard, NUL, over 65,535 bytes (MQTT 5.0 §4.7.3, §3.3.2.1)")
        void refusesInvalidTopicNames(String shown, String topic) {
            assertThatExceptionOfType(IllegalArgumentException.class).as("publish to %s", shown)
                    .isThrownBy(() -> broker.publish(topic, utf8("x")));
        }

        @Test
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

    static void awaitLatch(CountDownLatch latch, String what) {
        try {
            assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("waited for: %s", what).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted while waiting for: " + what, e);
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(2)
    @DisplayName("Stage 2 — Topic filters")
    class Stage2TopicFilters {

        @ParameterizedTest(name = "\"{0}\" vs topic \"{1}\" → {2}   ({3})")
        @Order(1)
        @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "sport/tennis/player1/#  | sport/tennis/player1                 | true  | §4.7.1.2",
            "sport/tennis/player1/#  | sport/tennis/player1/ranking         | true  | §4.7.1.2",
            "sport/tennis/player1/#  | sport/tennis/player1/score/wimbledon | true  | §4.7.1.2",
            "sport/#                 | sport                                | true  | §4.7.1.2: # includes the parent level",
            "#                       | sport/tennis/player1                 | true  | §4.7.1.2",
            "sport/tennis/#          | sport/tennis                         | true  | §4.7.1.2",
            "sport/tennis/#          | sport                                | false | §4.7.1.2",
            "sport/tennis/+          | sport/tennis/player1                 | true  | §4.7.1.3",
            "sport/tennis/+          | sport/tennis/player2                 | true  | §4.7.1.3",
            "sport/tennis/+          | sport/tennis/player1/ranking         | false | §4.7.1.3: one level only",
            "sport/+                 | sport                                | false | §4.7.1.3",
            "sport/+                 | sport/                               | true  | §4.7.1.3: the level may be empty",
            "+/+                     | /finance                             | true  | §4.7.1.3",
            "/+                      | /finance                             | true  | §4.7.1.3",
            "+                       | /finance                             | false | §4.7.1.3: two levels",
            "+/tennis/#              | sport/tennis/player1                 | true  | §4.7.1.3",
            "sport/+/player1         | sport/tennis/player1                 | true  | §4.7.1.3",
            "sport/+/player1         | sport/tennis/player2                 | false | §4.7.1.3",
            "#                       | $SYS/monitor/Clients                 | false | §4.7.2: $ topics",
            "+/monitor/Clients       | $SYS/monitor/Clients                 | false | §4.7.2",
            "$SYS/#                  | $SYS/monitor/Clients                 | true  | §4.7.2",
            "$SYS/monitor/+          | $SYS/monitor/Clients                 | true  | §4.7.2",
            "#                       | $SYS                                 | false | §4.7.2",
            "#                       | a/$SYS                               | true  | §4.7.2: only a leading $ counts",
            "ACCOUNTS                | Accounts                             | false | §4.7.3: case-sensitive",
            "'Accounts payable'      | 'Accounts payable'                   | true  | §4.7.3: spaces are characters",
            "sport/tennis            | sport/tennis/                        | false | §4.7.3: a trailing / is a level",
            "/finance                | finance                              | false | §4.7.3: a leading / is a level",
            "a/+/b                   | a//b                                 | true  | §4.7.1.1: empty levels",
            "+                       | /                                    | false | §4.7.1.3: / has two levels",
            "+/+                     | /                                    | true  | §4.7.1.1",
            "#                       | /                                    | true  | §4.7.1.2",
            "a/b                     | a/b/c                                | false | exact",
            "a/b/c                   | a/b                                  | false | exact",
            "a/b/#                   | a/bc                                 | false | levels, not prefixes",
            "+/b                     | a/b                                  | true  | §4.7.1.3",
            "$SYS/+                  | $SYS/x                               | true  | §4.7.2: the $ level named",
        })
        @DisplayName("matches topics exactly as MQTT 5.0 §4.7 says (the spec's own examples, §4.7.1.2, §4.7.1.3, §4.7.2)")
        void matchesLikeTheSpec(String filter, String topic, boolean expected, String rule) {
            assertThat(TopicFilter.parse(filter).matches(topic))
                    .as("filter \"%s\" matches topic \"%s\" (%s)", filter, topic, rule).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.backendkatas.pubsub.PubSubKataTest#invalidFilters")
        @DisplayName("refuses invalid filters with InvalidTopicFilterException: misplaced wildcards, empty, NUL, too long (MQTT 5.0 §4.7.1, §4.7.3)")
        void refusesInvalidFilters(String shown, String filter) {
            InvalidTopicFilterException e = catchThrowableOfType(InvalidTopicFilterException.class,
                    () -> TopicFilter.parse(filter));
            assertThat(e).as("TopicFilter.parse(%s) must throw InvalidTopicFilterException", shown).isNotNull();
            assertThat(e.filter()).as("the exception names the filter").isEqualTo(filter);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"#", "+", "/", "+/+", "/+", "sport/", "a//b", " ", "$SYS/#", "sport/+/player1",
                "+/tennis/#", "a/b/c/d/e/f", "ümlaut/+"})
        @DisplayName("accepts every valid filter form and keeps it as given (MQTT 5.0 §4.7.1)")
        void acceptsValidFilters(String filter) {
            TopicFilter parsed = TopicFilter.parse(filter);
            assertThat(parsed.filter()).as("parse(\"%s\").filter()", filter).isEqualTo(filter);
            assertThat(parsed).as("parse(\"%s\").toString()", filter).hasToString(filter);
        }

        @Test
        @DisplayName("accepts a filter of exactly 65,535 bytes of UTF-8, and refuses null filters and topics")
        void lengthLimitAndNulls() {
            String longest = "é".repeat(32_767) + "x";
            assertThat(TopicFilter.parse(longest).matches(longest)).as("a 65,535-byte filter matches itself").isTrue();
            assertThatExceptionOfType(NullPointerException.class).as("parse(null)")
                    .isThrownBy(() -> TopicFilter.parse(null));
            assertThatExceptionOfType(NullPointerException.class).as("matches(null)")
                    .isThrownBy(() -> TopicFilter.parse("#").matches(null));
        }

        @Test
        @DisplayName("routes by wildcard filters in the broker: sport/# gets sport and everything below it, sport/+ one level")
        void brokerRoutesByWildcards() {
            Session session = broker.connect("alice");
            Inbox everything = new Inbox();
            Inbox oneLevel = new Inbox();
            Subscription all = session.subscribe(SubscriptionOptions.of("sport/#"), everything);
            Subscription one = session.subscribe(SubscriptionOptions.of("sport/+"), oneLevel);

            assertThat(publish("sport", "1").deliveredTo()).as("sport").containsExactly(all.name());
            assertThat(publish("sport/tennis", "2").deliveredTo()).as("sport/tennis")
                    .containsExactlyInAnyOrder(all.name(), one.name());
            assertThat(publish("sport/tennis/player1", "3").deliveredTo()).as("sport/tennis/player1")
                    .containsExactly(all.name());
            assertThat(publish("sports", "4").deliveredTo()).as("sports").isEmpty();
            publish("sport/", "5");

            assertThat(payloadsOf(everything.awaitCount(4))).containsExactly("1", "2", "3", "5");
            assertThat(payloadsOf(oneLevel.awaitCount(2))).containsExactly("2", "5");
        }

        @Test
        @DisplayName("a subscription whose overlapping wildcard filters all match gets one copy")
        void overlappingFiltersOneCopy() {
            Session session = broker.connect("alice");
            Inbox inbox = new Inbox();
            Subscription subscription = session.subscribe(
                    SubscriptionOptions.of("sport/#", "+/tennis/#", "sport/tennis/player1", "#"), inbox);

            PublishResult result = publish("sport/tennis/player1", "match point");
            publish("news", "marker");

            assertThat(result.deliveredTo()).containsExactly(subscription.name());
            assertThat(payloadsOf(inbox.awaitCount(2))).containsExactly("match point", "marker");
        }

        @Test
        @DisplayName("$-topics reach only the filters that name them: $SYS/# yes, # and +/monitor/Clients no (MQTT 5.0 §4.7.2)")
        void dollarTopicsInTheBroker() {
            Session session = broker.connect("ops");
            Subscription hash = session.subscribe(SubscriptionOptions.of("#"), new Inbox());
            Subscription plus = session.subscribe(SubscriptionOptions.of("+/monitor/Clients"), new Inbox());
            Subscription sys = session.subscribe(SubscriptionOptions.of("$SYS/#"), new Inbox());

            assertThat(publish("$SYS/monitor/Clients", "3").deliveredTo()).as("$SYS/monitor/Clients")
                    .containsExactly(sys.name());
            assertThat(publish("app/monitor/Clients", "7").deliveredTo()).as("app/monitor/Clients")
                    .containsExactlyInAnyOrder(hash.name(), plus.name());
        }

        @Test
        @DisplayName("refuses an invalid filter at subscribe time and subscribes nothing, not even the valid filters beside it")
        void invalidFilterSubscribesNothing() {
            Session session = broker.connect("alice");
            Inbox inbox = new Inbox();
            session.subscribe(SubscriptionOptions.of("other"), new Inbox());

            InvalidTopicFilterException e = catchThrowableOfType(InvalidTopicFilterException.class,
                    () -> session.subscribe(SubscriptionOptions.of("orders/created", "orders/#/paid"), inbox));

            assertThat(e).as("subscribe with the filter orders/#/paid must throw InvalidTopicFilterException").isNotNull();
            assertThat(e.filter()).isEqualTo("orders/#/paid");
            assertThat(publish("orders/created", "x").deliveredTo()).as("subscriptions of orders/created").isEmpty();
            assertThat(liveThreads("pubsub-")).as("consumer threads: only the valid, earlier subscription's").hasSize(1);
        }
    }

    static Stream<Arguments> invalidFilters() {
        return Stream.of(
                Arguments.of("sport/tennis# (§4.7.1.2)", "sport/tennis#"),
                Arguments.of("sport/tennis/#/ranking (§4.7.1.2)", "sport/tennis/#/ranking"),
                Arguments.of("a/#/b", "a/#/b"),
                Arguments.of("#/", "#/"),
                Arguments.of("##", "##"),
                Arguments.of("sport+ (§4.7.1.3)", "sport+"),
                Arguments.of("a+", "a+"),
                Arguments.of("+a", "+a"),
                Arguments.of("a/b+/c", "a/b+/c"),
                Arguments.of("++", "++"),
                Arguments.of("+#", "+#"),
                Arguments.of("\"\" (empty, §4.7.3)", ""),
                Arguments.of("a\\0b (NUL, §4.7.3)", "a\0b"),
                Arguments.of("65,536 × 'x' (§1.5.4)", "x".repeat(65_536)),
                Arguments.of("32,768 × 'é' (65,536 bytes, §1.5.4)", "é".repeat(32_768)));
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(3)
    @DisplayName("Stage 3 — Consumer groups")
    class Stage3ConsumerGroups {

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

        @Test
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
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(4)
    @DisplayName("Stage 4 — At-least-once delivery")
    class Stage4AtLeastOnce {

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

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(5)
    @DisplayName("Stage 5 — Flow control")
    class Stage5FlowControl {

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
        @DisplayName("REJECT_PUBLISH: a full buffer refuses the new message and the publish result names it; the other subscriptions still get it")
        void rejectPublish() {
            Session fastSession = broker.connect("fast");
            Inbox fast = new Inbox();
            Subscription fastSubscription = fastSession.subscribe(SubscriptionOptions.of("prices"), fast);
            Inbox slowInbox = new Inbox();
            Subscription slow = slowConsumer(slowInbox, 3, OverflowPolicy.REJECT_PUBLISH);
            for (int i = 2; i <= 4; i++) {
                assertThat(publish("prices", "p" + i).accepted()).as("publish p%d into a buffer of 3", i).isTrue();
            }

            PublishResult refused = publish("prices", "p5");

            assertThat(refused.accepted()).as("accepted() with a full REJECT_PUBLISH buffer").isFalse();
            assertThat(refused.rejectedBy()).as("rejectedBy").containsExactly(slow.name());
            assertThat(refused.deliveredTo()).as("deliveredTo").containsExactly(fastSubscription.name());
            assertThat(slow.buffered()).as("the slow subscription's buffer").isEqualTo(3);
            assertThat(payloadsOf(fast.awaitCount(5))).as("the fast subscriber").isEqualTo(numbered("p", 1, 5));
        }

        @Test
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

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @Order(6)
    @DisplayName("Stage 6 — Durable subscriptions")
    class Stage6DurableSubscriptions {

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

    // ------------------------------------------------------------------------------------------------------------

    /** Small limits, so the limit tests stay small: 64-byte lines, 8 headers, 256-byte bodies. */
    static final StompLimits SMALL = new StompLimits(64, 8, 256);

    static StompFrame parse(String raw) throws Exception {
        return parse(utf8(raw));
    }

    static StompFrame parse(byte[] raw) throws Exception {
        return new StompCodec(SMALL).read(new ByteArrayInputStream(raw));
    }

    static Stream<Arguments> malformedFrames() {
        return Stream.of(
                Arguments.of("undefined escape \\t", "SEND\ndestination:/topic/a\nbad:x\\ty\n\nbody\0"),
                Arguments.of("a header ending in a lone backslash", "SEND\ndestination:/topic/a\nbad:x\\\n\nbody\0"),
                Arguments.of("undefined escape in a header name", "SEND\ndestination:/topic/a\nb\\ad:x\n\nbody\0"),
                Arguments.of("a header line without a colon", "SEND\ndestination:/topic/a\nno-colon-here\n\n\0"),
                Arguments.of("a header with an empty name", "SEND\ndestination:/topic/a\n:value\n\n\0"),
                Arguments.of("content-length not a number", "SEND\ndestination:/topic/a\ncontent-length:abc\n\nabc\0"),
                Arguments.of("content-length negative", "SEND\ndestination:/topic/a\ncontent-length:-1\n\n\0"),
                Arguments.of("content-length with a sign", "SEND\ndestination:/topic/a\ncontent-length:+3\n\nabc\0"),
                Arguments.of("content-length with a space", "SEND\ndestination:/topic/a\ncontent-length: 3\n\nabc\0"),
                Arguments.of("content-length empty", "SEND\ndestination:/topic/a\ncontent-length:\n\n\0"),
                Arguments.of("content-length huge", "SEND\ndestination:/topic/a\ncontent-length:99999999999999999999\n\n\0"),
                Arguments.of("no NUL after the content-length body", "SEND\ndestination:/topic/a\ncontent-length:3\n\nabcd\0"),
                Arguments.of("a CR not followed by LF", "SEND\ndestination:/topic/a\r\r\n\n\0"),
                Arguments.of("a CR not followed by LF before the command", "\rSEND\n\n\0"),
                Arguments.of("NUL before the empty line (no body separator)", "SEND\ndestination:/topic/a\n\0"),
                Arguments.of("a line over the 64-byte limit", "SEND\nx:" + "y".repeat(63) + "\n\n\0"),
                Arguments.of("9 headers (limit 8)", "SEND\n" + "h:v\n".repeat(9) + "\n\0"),
                Arguments.of("a body over 256 bytes, no content-length", "SEND\n\n" + "b".repeat(257) + "\0"),
                Arguments.of("content-length over 256", "SEND\ncontent-length:257\n\n" + "b".repeat(257) + "\0"));
    }

    @Nested
    @Order(7)
    @DisplayName("Stage 7 — STOMP 1.2 on the wire")
    class Stage7Stomp {

        StompServer server;
        int port;

        @BeforeEach
        void startServer() throws IOException {
            server = new StompServer(broker, new StompLimits(1_024, 16, 64 * 1_024));
            port = server.start();
        }

        @AfterEach
        void stopServer() {
            server.close();
        }

        StompTestClient.Frame expect(StompTestClient client, String command) throws IOException {
            StompTestClient.Frame frame = client.read();
            assertThat(frame.command()).as("expected a %s frame, got %s", command, frame).isEqualTo(command);
            return frame;
        }

        void subscribe(StompTestClient client, String headers) throws IOException {
            client.send("SUBSCRIBE\n" + headers + "receipt:sub\n\n\0");
            assertThat(expect(client, "RECEIPT").header("receipt-id")).isEqualTo("sub");
        }

        @Test
        @Order(1)
        @DisplayName("CONNECT, SUBSCRIBE, SEND: the subscriber gets a MESSAGE frame with subscription, message-id, destination, content-length (STOMP 1.2 MESSAGE)")
        void plainRoundTrip() throws IOException {
            try (StompTestClient subscriber = StompTestClient.connected(port);
                 StompTestClient publisher = StompTestClient.connected(port)) {
                subscriber.send("SUBSCRIBE\nid:0\ndestination:/topic/video/uploaded\nreceipt:r1\n\n\0");
                assertThat(expect(subscriber, "RECEIPT").header("receipt-id")).as("receipt-id").isEqualTo("r1");

                publisher.send("SEND\ndestination:/topic/video/uploaded\ncontent-type:text/plain\n\ncat.mp4\0");

                StompTestClient.Frame message = expect(subscriber, "MESSAGE");
                assertThat(message.header("subscription")).as("subscription in %s", message).isEqualTo("0");
                assertThat(message.header("destination")).as("destination").isEqualTo("/topic/video/uploaded");
                assertThat(message.header("message-id")).as("message-id").isNotBlank();
                assertThat(message.header("content-length")).as("content-length").isEqualTo("7");
                assertThat(message.header("content-type")).as("the sender's content-type").isEqualTo("text/plain");
                assertThat(message.header("ack")).as("ack header with ack:auto").isNull();
                assertThat(message.bodyText()).isEqualTo("cat.mp4");
            }
        }

        @Test
        @DisplayName("answers CONNECT (or STOMP) offering 1.2 with CONNECTED version:1.2, heart-beat:0,0, server and session (STOMP 1.2 CONNECTED)")
        void connected() throws IOException {
            for (String command : List.of("CONNECT", "STOMP")) {
                try (StompTestClient client = new StompTestClient(port)) {
                    client.send(command + "\naccept-version:1.0,1.1,1.2\nhost:localhost\nheart-beat:10000,10000\n\n\0");
                    StompTestClient.Frame frame = expect(client, "CONNECTED");
                    assertThat(frame.header("version")).as("version after %s", command).isEqualTo("1.2");
                    assertThat(frame.header("heart-beat")).as("heart-beat").isEqualTo("0,0");
                    assertThat(frame.header("session")).as("session").isNotBlank();
                    assertThat(frame.header("server")).as("server").isNotBlank();
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "offers only 1.0 and 1.1          | CONNECT\\naccept-version:1.0,1.1\\nhost:localhost\\n\\n",
            "no accept-version (STOMP 1.0)    | CONNECT\\nhost:localhost\\n\\n",
            "no host header                   | CONNECT\\naccept-version:1.2\\n\\n",
            "a malformed heart-beat           | CONNECT\\naccept-version:1.2\\nhost:localhost\\nheart-beat:soon\\n\\n",
            "SEND before CONNECT              | SEND\\ndestination:/topic/a\\n\\nx",
        })
        @DisplayName("refuses a client that offers no 1.2, omits host, or does not start with CONNECT: ERROR, then close (STOMP 1.2 Protocol Negotiation)")
        void refusesBadConnect(String why, String frame) throws IOException {
            try (StompTestClient client = new StompTestClient(port)) {
                client.send(frame.replace("\\n", "\n") + "\0");
                StompTestClient.Frame error = expect(client, "ERROR");
                assertThat(error.header("message")).as("message header of %s", error).isNotBlank();
                if (why.contains("1.")) {
                    assertThat(error.header("version")).as("the versions the server supports").isEqualTo("1.2");
                }
                assertThat(client.closedByServer()).as("connection closed after the ERROR").isTrue();
            }
        }

        @Test
        @DisplayName("reads frames sent one byte at a time, with heart-beat EOLs between them and a content-length body holding NULs")
        void byteByByte() throws IOException {
            Inbox inbox = new Inbox();
            broker.connect("in-process").subscribe(SubscriptionOptions.of("bin"), inbox);
            try (StompTestClient subscriber = StompTestClient.connected(port);
                 StompTestClient publisher = new StompTestClient(port)) {
                subscribe(subscriber, "id:s\ndestination:/topic/bin\n");
                publisher.sendByteByByte("\n\r\nCONNECT\r\naccept-version:1.2\r\nhost:localhost\r\n\r\n\0\n\n");
                expect(publisher, "CONNECTED");

                publisher.sendByteByByte("\nSEND\ndestination:/topic/bin\ncontent-length:5\n\na\0b\0c\0\n");

                StompTestClient.Frame message = expect(subscriber, "MESSAGE");
                assertThat(message.header("content-length")).as("content-length of %s", message).isEqualTo("5");
                assertThat(message.body()).as("body bytes, NULs included").containsExactly('a', 0, 'b', 0, 'c');
                assertThat(inbox.awaitOne().payload()).as("payload in the broker").containsExactly('a', 0, 'b', 0, 'c');
            }
        }

        @Test
        @DisplayName("header escaping: \\c, \\n, \\\\ in a SEND arrive decoded in the broker and escaped again in the MESSAGE (STOMP 1.2 Value Encoding)")
        void escapedHeaders() throws IOException {
            Inbox inbox = new Inbox();
            broker.connect("in-process").subscribe(SubscriptionOptions.of("notes"), inbox);
            try (StompTestClient subscriber = StompTestClient.connected(port);
                 StompTestClient publisher = StompTestClient.connected(port)) {
                subscribe(subscriber, "id:s\ndestination:/topic/notes\n");

                publisher.send("SEND\ndestination:/topic/notes\nnote:a\\cb\\nc\\\\d\\re\n\nx\0");

                assertThat(inbox.awaitOne().headers()).as("headers in the broker, decoded")
                        .containsEntry("note", "a:b\nc\\d\re");
                assertThat(expect(subscriber, "MESSAGE").header("note")).as("the header on the wire, escaped again")
                        .isEqualTo("a\\cb\\nc\\\\d\\re");
            }
        }

        @Test
        @DisplayName("CONNECT headers are not unescaped: a backslash in host is an ordinary character, not an error (STOMP 1.2 Value Encoding)")
        void connectNotUnescaped() throws IOException {
            try (StompTestClient client = new StompTestClient(port)) {
                client.send("CONNECT\naccept-version:1.2\nhost:C:\\broker\\vhost\n\n\0");
                expect(client, "CONNECTED");
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.backendkatas.pubsub.PubSubKataTest#badFramesAfterConnect")
        @DisplayName("answers a malformed or refused frame with ERROR (message, content-type, content-length), then closes (STOMP 1.2 ERROR)")
        void errorThenClose(String why, String frame) throws IOException {
            try (StompTestClient client = StompTestClient.connected(port)) {
                client.send(frame);
                StompTestClient.Frame error = expect(client, "ERROR");
                assertThat(error.header("message")).as("message header of the ERROR for: %s", why).isNotBlank();
                assertThat(error.header("content-type")).as("content-type").isEqualTo("text/plain");
                assertThat(error.header("content-length")).as("content-length")
                        .isEqualTo(Integer.toString(error.body().length));
                assertThat(client.closedByServer()).as("connection closed after the ERROR for: %s", why).isTrue();
            }
        }

        @Test
        @DisplayName("after an ERROR the server closes the connection within a bounded time, even if the client keeps its side open")
        void errorClosesEvenIfClientStays() throws IOException {
            try (StompTestClient client = StompTestClient.connected(port)) {
                client.send("FROB\n\n\0");
                expect(client, "ERROR");
                await().atMost(WAIT).untilAsserted(() -> assertThat(server.openConnections())
                        .as("connections the server still serves, while the client keeps its socket open").isZero());
            }
        }

        @Test
        @DisplayName("receipts: a SEND with receipt gets RECEIPT receipt-id; an ERROR carries the receipt-id of the frame it refuses")
        void receipts() throws IOException {
            try (StompTestClient client = StompTestClient.connected(port)) {
                client.send("SEND\ndestination:/topic/a\nreceipt:send-1\n\nx\0");
                assertThat(expect(client, "RECEIPT").header("receipt-id")).isEqualTo("send-1");
                client.send("SUBSCRIBE\nid:1\ndestination:/queue/a\nreceipt:77\n\n\0");
                StompTestClient.Frame error = expect(client, "ERROR");
                assertThat(error.header("receipt-id")).as("receipt-id of the ERROR").isEqualTo("77");
                assertThat(client.closedByServer()).isTrue();
            }
        }

        @Test
        @DisplayName("DISCONNECT with a receipt gets its RECEIPT, then the server closes the connection (STOMP 1.2 DISCONNECT)")
        void disconnect() throws IOException {
            try (StompTestClient client = StompTestClient.connected(port)) {
                client.send("DISCONNECT\nreceipt:bye\n\n\0");
                assertThat(expect(client, "RECEIPT").header("receipt-id")).isEqualTo("bye");
                assertThat(client.closedByServer()).as("closed after the DISCONNECT receipt").isTrue();
            }
            await().atMost(WAIT).until(() -> server.openConnections() == 0);
        }

        @Test
        @DisplayName("ack:client-individual: MESSAGE carries ack; ACK settles it; NACK redelivers it with redelivered:true (STOMP 1.2 ACK, NACK)")
        void clientIndividualAcks() throws IOException {
            try (StompTestClient client = StompTestClient.connected(port)) {
                subscribe(client, "id:s\ndestination:/topic/jobs\nack:client-individual\n");
                client.send("SEND\ndestination:/topic/jobs\n\nj1\0SEND\ndestination:/topic/jobs\n\nj2\0");
                StompTestClient.Frame first = expect(client, "MESSAGE");
                StompTestClient.Frame second = expect(client, "MESSAGE");
                assertThat(first.header("ack")).as("ack header of %s", first).isNotBlank();
                assertThat(second.header("ack")).isNotEqualTo(first.header("ack"));

                client.send("ACK\nid:" + first.header("ack") + "\n\n\0NACK\nid:" + second.header("ack") + "\n\n\0");

                StompTestClient.Frame again = expect(client, "MESSAGE");
                assertThat(again.bodyText()).as("redelivered after NACK").isEqualTo("j2");
                assertThat(again.header("redelivered")).as("redelivered header").isEqualTo("true");
                assertThat(again.header("message-id")).as("same message-id").isEqualTo(second.header("message-id"));
                client.send("ACK\nid:" + again.header("ack") + "\nreceipt:done\n\n\0");
                expect(client, "RECEIPT");
                assertThat(broker.pending()).as("pending after the ACKs").isZero();
                client.send("ACK\nid:" + first.header("ack") + "\n\n\0");
                assertThat(expect(client, "ERROR").header("message")).as("ERROR for acking twice").isNotBlank();
            }
        }

        @Test
        @DisplayName("a client that drops its socket gets its unacked messages redelivered to another member of its group")
        void droppedSocketRedelivers() throws IOException {
            try (StompTestClient crashing = StompTestClient.connected(port);
                 StompTestClient survivor = StompTestClient.connected(port);
                 StompTestClient publisher = StompTestClient.connected(port)) {
                subscribe(crashing, "id:c\ndestination:/topic/jobs\nack:client-individual\ngroup:workers\nprefetch-count:10\n");
                for (int i = 1; i <= 3; i++) {
                    publisher.send("SEND\ndestination:/topic/jobs\n\nj" + i + "\0");
                }
                for (int i = 1; i <= 3; i++) {
                    assertThat(expect(crashing, "MESSAGE").bodyText()).isEqualTo("j" + i);
                }
                subscribe(survivor, "id:s\ndestination:/topic/jobs\nack:client-individual\ngroup:workers\nprefetch-count:1\n");

                crashing.close(); // no DISCONNECT, no ACK

                for (int i = 1; i <= 3; i++) {
                    StompTestClient.Frame message = expect(survivor, "MESSAGE");
                    assertThat(message.bodyText()).as("redelivered to the survivor").isEqualTo("j" + i);
                    assertThat(message.header("redelivered")).isEqualTo("true");
                    survivor.send("ACK\nid:" + message.header("ack") + "\n\n\0");
                }
                await().atMost(WAIT).untilAsserted(() -> assertThat(broker.pending()).isZero());
            }
        }

        @Test
        @DisplayName("UNSUBSCRIBE stops the MESSAGE frames of that subscription only")
        void unsubscribe() throws IOException {
            try (StompTestClient client = StompTestClient.connected(port)) {
                subscribe(client, "id:a\ndestination:/topic/news\n");
                subscribe(client, "id:b\ndestination:/topic/news\n");
                client.send("UNSUBSCRIBE\nid:a\nreceipt:u\n\n\0");
                expect(client, "RECEIPT");
                assertThat(broker.publish("news", utf8("in-process")).deliveredTo())
                        .as("subscriptions of news after UNSUBSCRIBE id:a").hasSize(1);

                client.send("SEND\ndestination:/topic/news\n\nfirst\0SEND\ndestination:/topic/news\n\nsecond\0");

                List<String> seen = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    StompTestClient.Frame message = expect(client, "MESSAGE");
                    seen.add(message.header("subscription") + ":" + message.bodyText());
                }
                assertThat(seen).as("MESSAGE frames after UNSUBSCRIBE id:a")
                        .containsExactly("b:in-process", "b:first", "b:second");
            }
        }

        @Test
        @DisplayName("the sender's headers travel with the message but cannot override the server's MESSAGE headers")
        void senderHeaders() throws IOException {
            try (StompTestClient client = StompTestClient.connected(port)) {
                subscribe(client, "id:mine\ndestination:/topic/t\n");
                client.send("SEND\ndestination:/topic/t\nsubscription:forged\nmessage-id:forged\nx-trace:abc\n\nx\0");
                StompTestClient.Frame message = expect(client, "MESSAGE");
                assertThat(message.header("subscription")).as("first subscription header of %s", message).isEqualTo("mine");
                assertThat(message.header("message-id")).as("first message-id header").isNotEqualTo("forged");
                assertThat(message.header("x-trace")).as("the sender's own header").isEqualTo("abc");
            }
        }

        @Test
        @DisplayName("a SEND that a full REJECT_PUBLISH subscription refuses is answered with ERROR: the refusal is never silent")
        void rejectedSend() throws IOException {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            broker.connect("stuck").subscribe(SubscriptionOptions.of("t").withBuffer(1, OverflowPolicy.REJECT_PUBLISH),
                    delivery -> {
                        entered.countDown();
                        awaitQuietly(release);
                    });
            try (StompTestClient client = StompTestClient.connected(port)) {
                client.send("SEND\ndestination:/topic/t\n\n1\0");
                awaitLatch(entered, "the stuck subscriber took message 1");
                client.send("SEND\ndestination:/topic/t\nreceipt:2\n\n2\0");
                expect(client, "RECEIPT");

                client.send("SEND\ndestination:/topic/t\nreceipt:3\n\n3\0");

                StompTestClient.Frame error = expect(client, "ERROR");
                assertThat(error.header("receipt-id")).as("receipt-id of the ERROR").isEqualTo("3");
                assertThat(client.closedByServer()).isTrue();
            } finally {
                release.countDown();
            }
        }

        @Test
        @DisplayName("keeps each publisher's order over the wire: 2 connections × 200 SENDs reach 2 subscribing connections (concurrent)")
        void concurrentOverTheWire() throws Exception {
            List<StompTestClient> subscribers = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int s = 0; s < 2; s++) {
                    StompTestClient subscriber = StompTestClient.connected(port);
                    subscribers.add(subscriber);
                    subscribe(subscriber, "id:" + s + "\ndestination:/topic/load/#\n");
                }
                List<Future<?>> sends = new ArrayList<>();
                for (int p = 0; p < 2; p++) {
                    int publisher = p;
                    sends.add(pool.submit(() -> {
                        try (StompTestClient client = StompTestClient.connected(port)) {
                            StringBuilder frames = new StringBuilder();
                            for (int seq = 0; seq < 200; seq++) {
                                frames.append("SEND\ndestination:/topic/load/p").append(publisher).append("\n\np")
                                        .append(publisher).append(':').append(seq).append('\0');
                            }
                            client.send(frames.toString()).send("DISCONNECT\nreceipt:d\n\n\0");
                            expect(client, "RECEIPT");
                        }
                        return null;
                    }));
                }
                for (Future<?> send : sends) {
                    send.get(10, TimeUnit.SECONDS);
                }
                for (int s = 0; s < 2; s++) {
                    List<Delivery> received = new ArrayList<>();
                    for (int i = 0; i < 400; i++) {
                        StompTestClient.Frame message = expect(subscribers.get(s), "MESSAGE");
                        received.add(new Delivery(i, "s", Long.parseLong(message.header("message-id")), "t",
                                message.body(), Map.of(), false));
                    }
                    assertThat(received.stream().map(Delivery::messageId).distinct().count())
                            .as("subscriber %d: distinct messages", s).isEqualTo(400);
                    assertInPublisherOrder(received, "STOMP subscriber " + s);
                }
            } finally {
                pool.shutdownNow();
                for (StompTestClient subscriber : subscribers) {
                    subscriber.close();
                }
            }
        }

        @Test
        @DisplayName("closing the server closes every connection and leaves no stomp-… or pubsub-… thread running")
        void closeLeavesNothing() throws IOException {
            List<StompTestClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    StompTestClient client = StompTestClient.connected(port);
                    clients.add(client);
                    subscribe(client, "id:x\ndestination:/topic/t\n");
                }
                server.close();
                for (StompTestClient client : clients) {
                    assertThat(client.closedByServer()).as("a client after the server closed").isTrue();
                }
                awaitNoThreads("stomp-");
                awaitNoThreads("pubsub-");
            } finally {
                for (StompTestClient client : clients) {
                    client.close();
                }
            }
        }

        // --- the codec on its own -------------------------------------------------------------------------------

        @Test
        @DisplayName("codec: reads command, headers and body; skips heart-beat EOLs; accepts \\r\\n line ends (STOMP 1.2 Augmented BNF)")
        void codecReadsFrames() throws Exception {
            StompCodec codec = new StompCodec(SMALL);
            InputStream in = new ByteArrayInputStream(utf8(
                    "\n\r\nSEND\r\ndestination:/topic/a\r\nx:1\r\n\r\nhello\0\n\nMESSAGE\nid:2\n\n\0\r\n"));

            StompFrame first = codec.read(in);
            StompFrame second = codec.read(in);

            assertThat(first.command()).isEqualTo("SEND");
            assertThat(first.headers()).as("headers, in order")
                    .containsExactly(Map.entry("destination", "/topic/a"), Map.entry("x", "1"));
            assertThat(first.bodyText()).isEqualTo("hello");
            assertThat(second.command()).isEqualTo("MESSAGE");
            assertThat(second.headers()).containsExactly(Map.entry("id", "2"));
            assertThat(second.body()).isEmpty();
            assertThat(codec.read(in)).as("after the last frame and its trailing EOLs: a clean end").isNull();
        }

        @Test
        @DisplayName("codec: a content-length body is exactly that many octets, NULs included (STOMP 1.2 content-length)")
        void codecContentLength() throws Exception {
            StompFrame frame = parse("SEND\ncontent-length:5\n\na\0b\0c\0");
            assertThat(frame.body()).containsExactly('a', 0, 'b', 0, 'c');
            assertThat(parse("SEND\ncontent-length:0\n\n\0").body()).as("content-length:0").isEmpty();
            assertThat(parse("SEND\ncontent-length:007\n\n1234567\0").bodyText()).as("content-length:007")
                    .isEqualTo("1234567");
            assertThat(parse("SEND\ncontent-length:000000000000003\n\nabc\0").bodyText())
                    .as("content-length with 12 leading zeros").isEqualTo("abc");
        }

        @Test
        @DisplayName("codec: unescapes \\r \\n \\c \\\\ in header names and values; CONNECT and CONNECTED are not unescaped (STOMP 1.2 Value Encoding)")
        void codecUnescapes() throws Exception {
            assertThat(parse("MESSAGE\na\\cb:c\\nd\\re\\\\f\\c\n\n\0").headers()).as("decoded headers")
                    .containsExactly(Map.entry("a:b", "c\nd\re\\f:"));
            assertThat(parse("CONNECT\nhost:a\\cb\\\\c\\t\n\n\0").headers()).as("CONNECT headers, taken literally")
                    .containsExactly(Map.entry("host", "a\\cb\\\\c\\t"));
            assertThat(parse("CONNECTED\nserver:x\\ny\n\n\0").header("server")).as("CONNECTED header").isEqualTo("x\\ny");
        }

        @Test
        @DisplayName("codec: when a header repeats, the first entry wins; a value may contain further colons (STOMP 1.2 Repeated Header Entries)")
        void codecFirstHeaderWins() throws Exception {
            StompFrame frame = parse("MESSAGE\nfoo:World\nfoo:Hello\ntime:12:30\n\n\0");
            assertThat(frame.header("foo")).as("foo (sent World, then Hello)").isEqualTo("World");
            assertThat(frame.header("time")).as("a value after the first colon").isEqualTo("12:30");
            assertThat(frame.headers()).hasSize(2);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.backendkatas.pubsub.PubSubKataTest#malformedFrames")
        @DisplayName("codec: refuses malformed or oversized frames with StompProtocolException (STOMP 1.2 Augmented BNF, Size Limits)")
        void codecRefusesMalformed(String why, String raw) {
            assertThatExceptionOfType(StompProtocolException.class).as("reading %s: %s", why, Visible.of(raw))
                    .isThrownBy(() -> parse(raw));
        }

        @Test
        @DisplayName("codec: refuses a header that is not valid UTF-8 (STOMP 1.2 Value Encoding)")
        void codecRefusesBadUtf8() {
            byte[] raw = {'S', 'E', 'N', 'D', '\n', 'x', ':', (byte) 0xC3, (byte) 0x28, '\n', '\n', 0};
            assertThatExceptionOfType(StompProtocolException.class).as("reading %s", Visible.of(raw))
                    .isThrownBy(() -> parse(raw));
        }

        @Test
        @DisplayName("codec: exactly at the limits is fine: a 64-byte line, 8 headers, a 256-byte body (STOMP 1.2 Size Limits)")
        void codecAtTheLimits() throws Exception {
            assertThat(parse("SEND\nx:" + "y".repeat(62) + "\n\n\0").header("x")).as("a 64-byte header line").hasSize(62);
            StringBuilder eight = new StringBuilder("SEND\n");
            for (int i = 0; i < 8; i++) {
                eight.append("h").append(i).append(":v\n");
            }
            assertThat(parse(eight + "\n\0").headers()).as("8 headers").hasSize(8);
            assertThat(parse("SEND\n\n" + "b".repeat(256) + "\0").body()).as("a 256-byte body").hasSize(256);
            assertThat(parse("SEND\ncontent-length:256\n\n" + "b".repeat(256) + "\0").body()).hasSize(256);
        }

        @Test
        @DisplayName("codec: a clean end between frames reads as null; an end inside a frame is an EOFException")
        void codecEndOfStream() throws Exception {
            assertThat(parse("")).as("an empty stream").isNull();
            assertThat(parse("\n\r\n")).as("only heart-beats").isNull();
            for (String cut : List.of("SEND", "SEND\ndestination:/topic/a\n", "SEND\n\nabc", "SEND\ncontent-length:5\n\nab",
                    "SEND\ncontent-length:2\n\nab", "SEND\r")) {
                assertThatExceptionOfType(EOFException.class).as("reading %s, then the end", Visible.of(cut))
                        .isThrownBy(() -> parse(cut));
            }
        }

        @Test
        @DisplayName("codec: writes command, escaped headers, empty line, body and NUL; CONNECTED is written unescaped")
        void codecEncodes() {
            StompCodec codec = new StompCodec(SMALL);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("destination", "/topic/a");
            headers.put("note", "a:b\nc\\d\re");
            byte[] bytes = codec.encode(new StompFrame("MESSAGE", headers, utf8("hi")));
            assertThat(Visible.of(bytes)).as("encoded MESSAGE")
                    .isEqualTo(Visible.of("MESSAGE\ndestination:/topic/a\nnote:a\\cb\\nc\\\\d\\re\n\nhi\0"));

            byte[] connected = codec.encode(new StompFrame("CONNECTED", Map.of("server", "x\\y")));
            assertThat(Visible.of(connected)).as("encoded CONNECTED").isEqualTo(Visible.of("CONNECTED\nserver:x\\y\n\n\0"));
            assertThatExceptionOfType(IllegalArgumentException.class).as("a CONNECTED header with a LF")
                    .isThrownBy(() -> codec.encode(new StompFrame("CONNECTED", Map.of("server", "x\ny"))));
            assertThatExceptionOfType(IllegalArgumentException.class).as("a CONNECT header with a CR")
                    .isThrownBy(() -> codec.encode(new StompFrame("CONNECT", Map.of("host", "a\rb"))));
            assertThatExceptionOfType(IllegalArgumentException.class).as("a CONNECT header name with a colon")
                    .isThrownBy(() -> codec.encode(new StompFrame("CONNECT", Map.of("a:b", "x"))));
        }

        @Test
        @DisplayName("codec: whatever it writes, it reads back the same: 300 random frames with special characters and binary bodies")
        void codecRoundTrip() throws Exception {
            StompCodec codec = new StompCodec(StompLimits.DEFAULTS);
            Random random = new Random(4);
            String alphabet = "ab:\\\n\rcé€ 1";
            for (int i = 0; i < 300; i++) {
                Map<String, String> headers = new LinkedHashMap<>();
                int count = random.nextInt(5);
                for (int h = 0; h < count; h++) {
                    headers.put("h" + h + randomText(random, alphabet), randomText(random, alphabet));
                }
                byte[] body = new byte[random.nextInt(40)];
                random.nextBytes(body);
                headers.put("content-length", Integer.toString(body.length));
                StompFrame frame = new StompFrame("MESSAGE", headers, body);

                byte[] encoded = codec.encode(frame);
                StompFrame back = codec.read(new ByteArrayInputStream(encoded));

                assertThat(back.headers()).as("headers read back from %s", Visible.of(encoded)).isEqualTo(frame.headers());
                assertThat(back.body()).as("body read back from %s", Visible.of(encoded)).isEqualTo(body);
            }
        }
    }

    static String randomText(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    static Stream<Arguments> badFramesAfterConnect() {
        return Stream.of(
                Arguments.of("an undefined escape sequence", "SEND\ndestination:/topic/a\nbad:x\\ty\n\nbody\0"),
                Arguments.of("no NUL after the content-length body", "SEND\ndestination:/topic/a\ncontent-length:3\n\nabcd\0"),
                Arguments.of("content-length not a number", "SEND\ndestination:/topic/a\ncontent-length:x\n\nabc\0"),
                Arguments.of("a header line without a colon", "SEND\nno-colon\n\n\0"),
                Arguments.of("a line over the 1,024-byte limit", "SEND\nx:" + "y".repeat(1_100) + "\n\n\0"),
                Arguments.of("17 headers (limit 16)", "SEND\ndestination:/topic/a\n" + "h:v\n".repeat(16) + "\n\0"),
                Arguments.of("a body over 64 KiB", "SEND\ndestination:/topic/a\n\n" + "b".repeat(65 * 1_024) + "\0"),
                Arguments.of("SEND without destination", "SEND\n\nx\0"),
                Arguments.of("a destination outside /topic/", "SEND\ndestination:/queue/a\n\nx\0"),
                Arguments.of("a wildcard in a SEND destination", "SEND\ndestination:/topic/a/#\n\nx\0"),
                Arguments.of("a SEND in a transaction", "SEND\ndestination:/topic/a\ntransaction:tx1\n\nx\0"),
                Arguments.of("BEGIN (transactions unsupported)", "BEGIN\ntransaction:tx1\n\n\0"),
                Arguments.of("an invalid topic filter", "SUBSCRIBE\nid:1\ndestination:/topic/a/#/b\n\n\0"),
                Arguments.of("ack:client (cumulative, unsupported)", "SUBSCRIBE\nid:1\ndestination:/topic/a\nack:client\n\n\0"),
                Arguments.of("an unknown ack mode", "SUBSCRIBE\nid:1\ndestination:/topic/a\nack:sometimes\n\n\0"),
                Arguments.of("SUBSCRIBE without id", "SUBSCRIBE\ndestination:/topic/a\n\n\0"),
                Arguments.of("a prefetch-count of 0", "SUBSCRIBE\nid:1\ndestination:/topic/a\nprefetch-count:0\n\n\0"),
                Arguments.of("a subscription id used twice",
                        "SUBSCRIBE\nid:1\ndestination:/topic/a\n\n\0SUBSCRIBE\nid:1\ndestination:/topic/b\n\n\0"),
                Arguments.of("ACK of an unknown id", "ACK\nid:123456\n\n\0"),
                Arguments.of("ACK of a non-numeric id", "ACK\nid:abc\n\n\0"),
                Arguments.of("NACK without id", "NACK\n\n\0"),
                Arguments.of("UNSUBSCRIBE of an unknown id", "UNSUBSCRIBE\nid:nope\n\n\0"),
                Arguments.of("an unknown command", "FROB\n\n\0"),
                Arguments.of("a lowercase command", "send\ndestination:/topic/a\n\nx\0"),
                Arguments.of("a second CONNECT", "CONNECT\naccept-version:1.2\nhost:localhost\n\n\0"),
                Arguments.of("a CR not followed by LF", "SEND\ndestination:/topic/a\r\r\n\n\0"));
    }
}
