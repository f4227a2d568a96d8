package dev.backendkatas.pubsub;

import static dev.backendkatas.pubsub.Payloads.payloadsOf;
import static dev.backendkatas.pubsub.Threads.liveThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 2 of kata 04: MQTT 5.0 filters with + and #, $-topics; the README section of the same name teaches it. */
@Order(2)
@DisplayName("Stage 2 — Topic filters")
class Stage2TopicFiltersTest extends BrokerFixture {

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

    @ParameterizedTest(name = "\"{0}\" vs topic \"{1}\" → {2}   ({3})")
    @Order(2)
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "#        | a        | true  | # alone: every topic, one level too",
        "#        | a/b/c    | true  | # alone: any number of levels",
        "a/#      | a        | true  | the parent level a",
        "a/#      | a/       | true  | an empty level below a",
        "a/#      | a/b/c    | true  | levels below a",
        "a/#      | ab       | false | levels, not prefixes",
        "a/#      | b        | false | another parent",
        "a/+/#    | a/b      | true  | the parent level is the one + matched",
        "a/+/#    | a/       | true  | + matched the empty level, # its parent level",
        "a/+/#    | a/b/c/d  | true  | and everything below it",
        "a/+/#    | a        | false | + still needs a level of its own",
        "+/#      | a        | true  | + matched a, # its parent level",
        "+/#      | /        | true  | + matched the empty first level",
        "+/#      | a/b/c    | true  | any topic not starting with $",
        "+/+/#    | a/b      | true  | two wildcard levels, then #",
        "+/+/#    | a        | false | the second + needs a level",
        "/#       | /        | true  | the empty parent level",
        "$SYS/#   | $SYS     | true  | §4.7.2: the parent level may be a $ level the filter names",
        "+/#      | $SYS     | false | §4.7.2: but a wildcard never matches a leading $ level",
    })
    @DisplayName("# also matches its parent level, whatever the filter has before it: a/# matches a, a/+/# matches a/b, +/# matches a (MQTT 5.0 §4.7.1.2)")
    void hashMatchesItsParentLevel(String filter, String topic, boolean expected, String rule) {
        assertThat(TopicFilter.parse(filter).matches(topic))
                .as("filter \"%s\" matches topic \"%s\" (%s)", filter, topic, rule).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" vs topic \"{1}\" → {2}   ({3})")
    @Order(3)
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "#                | $aws/things/lamp | false | every topic starting with $, not only $SYS",
        "+/things/lamp    | $aws/things/lamp | false | a + first level",
        "+/#              | $aws/things/lamp | false | a + first level, then #",
        "#                | $                | false | the topic $ alone",
        "+                | $                | false | the topic $ alone",
        "$aws/#           | $aws/things/lamp | true  | a first level that names the $ level",
        "$aws/things/+    | $aws/things/lamp | true  | wildcards after the named $ level",
        "$                | $                | true  | no wildcard at all",
        "a/+              | a/$x             | true  | only a $ at the start of the topic counts",
        "+/$x             | a/$x             | true  | only a $ at the start of the topic counts",
    })
    @DisplayName("$ topics: a filter whose first level is a wildcard matches no topic that starts with $, whichever it is (MQTT 5.0 §4.7.2)")
    void dollarTopicsNeedANamedFirstLevel(String filter, String topic, boolean expected, String rule) {
        assertThat(TopicFilter.parse(filter).matches(topic))
                .as("filter \"%s\" matches topic \"%s\" (§4.7.2: %s)", filter, topic, rule).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @Order(4)
    @ValueSource(strings = {"#", "+", "/", "+/+", "/+", "sport/", "a//b", " ", "$SYS/#", "sport/+/player1",
            "+/tennis/#", "a/b/c/d/e/f", "ümlaut/+"})
    @DisplayName("accepts every valid filter form and keeps it as given (MQTT 5.0 §4.7.1)")
    void acceptsValidFilters(String filter) {
        TopicFilter parsed = TopicFilter.parse(filter);
        assertThat(parsed.filter()).as("parse(\"%s\").filter()", filter).isEqualTo(filter);
        assertThat(parsed).as("parse(\"%s\").toString()", filter).hasToString(filter);
    }

    @Test
    @Order(5)
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
    @Order(6)
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
    @Order(7)
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

    @ParameterizedTest(name = "{0}")
    @Order(8)
    @MethodSource("invalidFilters")
    @DisplayName("refuses invalid filters with InvalidTopicFilterException: misplaced wildcards, empty, NUL, too long (MQTT 5.0 §4.7.1, §4.7.3)")
    void refusesInvalidFilters(String shown, String filter) {
        InvalidTopicFilterException e = catchThrowableOfType(InvalidTopicFilterException.class,
                () -> TopicFilter.parse(filter));
        assertThat(e).as("TopicFilter.parse(%s) must throw InvalidTopicFilterException", shown).isNotNull();
        assertThat(e.filter()).as("the exception names the filter").isEqualTo(filter);
    }

    @Test
    @Order(9)
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
    @Order(10)
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
}
