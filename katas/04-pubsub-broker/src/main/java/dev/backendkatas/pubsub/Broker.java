package dev.backendkatas.pubsub;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An in-process publish/subscribe broker. Publishers {@link #publish} to topics and move on; consumers
 * {@link #connect(String) connect}, {@link Session#subscribe subscribe} with topic filters, and get messages pushed to
 * their {@link MessageHandler} on threads the broker owns. Safe for any number of publisher and consumer threads.
 *
 * <h2>Stage 1 — Topics and fan-out</h2>
 * <ul>
 *   <li>Every subscription whose filters match the topic receives each published message once, even when several of
 *       its filters match. In stage 1 a filter matches a topic when it is equal to it (case-sensitive).</li>
 *   <li>Per publisher, order is kept: messages one thread publishes reach each subscription in publish order.</li>
 *   <li>The broker copies the payload and the headers: changing the caller's array afterwards changes nothing.</li>
 *   <li>A topic name is 1 to 65,535 bytes of UTF-8 with no wildcard ({@code +}, {@code #}) and no NUL
 *       (MQTT 5.0 §4.7.3, §3.3.2.1): otherwise {@link IllegalArgumentException}.</li>
 *   <li>Publishing to a topic nobody subscribed to is fine: the message is simply not kept.</li>
 *   <li>Consumer threads are named {@code pubsub-…}; none is left running after its subscription ends.</li>
 * </ul>
 *
 * <h2>Stage 2 — Topic filters</h2>
 * Subscriptions use {@link TopicFilter}: wildcards, {@code $}-topics, and invalid filters refused before anything is
 * subscribed.
 *
 * <h2>Stage 3 — Consumer groups</h2>
 * Subscriptions with the same {@link SubscriptionOptions#group() group} share one queue: each message goes to exactly
 * one live member; every other group and plain subscription still gets its own copy. A member's filters, buffer limit
 * and overflow policy must equal the group's ({@link IllegalArgumentException}). The group's queue ends with its last
 * member.
 *
 * <h2>Stage 4 — At-least-once delivery</h2>
 * With {@link AckMode#CLIENT}, a delivery stays unacked until {@link Session#ack(long)}. It goes back to the head of
 * its queue, and is delivered again with {@link Delivery#redelivered()} set, when the consumer nacks it with requeue,
 * unsubscribes, closes its session, or holds it longer than the ack timeout; messages that come back together go to
 * the head in publish order. The timeout is measured on the injected
 * {@link Clock} from the moment of delivery; it expires when more than {@code ackTimeout} has passed, and only when
 * {@link #redeliverExpired()} looks (the broker runs no timer of its own). A redelivered message can overtake
 * messages published after it: order is guaranteed for first deliveries only (as in RabbitMQ).
 *
 * <h2>Stage 5 — Flow control</h2>
 * A {@link AckMode#CLIENT} consumer never holds more than {@link SubscriptionOptions#prefetch()} unacked deliveries.
 * Each queue holds at most {@link SubscriptionOptions#bufferLimit()} ready messages and applies its
 * {@link OverflowPolicy} beyond that, reported in the {@link PublishResult}. Messages coming back from unacked
 * (nack, disconnect, timeout) are never refused or dropped for that, so the buffer may briefly exceed its limit by at
 * most the number of unacked deliveries. {@code publish} never waits for a consumer: a stuck handler holds up only its
 * own subscription.
 *
 * <h2>Stage 6 — Durable subscriptions</h2>
 * A {@link SubscriptionOptions#durableName() durable} subscription keeps its queue when its session closes: messages
 * keep arriving (within the buffer limit) and are delivered in order when a consumer subscribes again with the same
 * name, unacked ones first. One consumer at a time ({@link IllegalStateException}); the same filters, buffer limit and
 * overflow policy ({@link IllegalArgumentException}); {@link Subscription#unsubscribe()} deletes it. A plain
 * subscription is gone when its session closes.
 */
public final class Broker implements AutoCloseable {

    /** The ack timeout of {@link #Broker()}: 30 minutes, RabbitMQ's default consumer timeout. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofMinutes(30);

    private static final String README = "see katas/04-pubsub-broker/README.md, ";
    private static final String STAGE_1 = "Stage 1: topics and fan-out — " + README + "'Stage 1 — Topics and fan-out'";
    private static final String STAGE_4 =
            "Stage 4: at-least-once delivery — " + README + "'Stage 4 — At-least-once delivery'";

    private final Clock clock;
    private final Duration ackTimeout;

    /** A broker on the system clock with {@link #DEFAULT_ACK_TIMEOUT}. */
    public Broker() {
        this(Clock.systemUTC(), DEFAULT_ACK_TIMEOUT);
    }

    /**
     * @param clock      the time source for ack timeouts
     * @param ackTimeout how long a consumer may hold an unacked delivery; positive
     */
    public Broker(Clock clock, Duration ackTimeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("ackTimeout must be positive, got " + ackTimeout);
        }
    }

    /** {@link #publish(String, byte[], Map)} without headers. */
    public PublishResult publish(String topic, byte[] payload) {
        throw new UnsupportedOperationException(STAGE_1);
    }

    /**
     * Publishes a message to every subscription whose filters match {@code topic}, without waiting for any consumer.
     *
     * @return which subscriptions took the message, refused it, or dropped an older one for it
     * @throws NullPointerException     an argument, a header name or a header value is null
     * @throws IllegalArgumentException the topic is empty, longer than 65,535 UTF-8 bytes, or contains {@code +},
     *                                  {@code #} or NUL
     * @throws IllegalStateException    the broker is closed
     */
    public PublishResult publish(String topic, byte[] payload, Map<String, String> headers) {
        throw new UnsupportedOperationException(STAGE_1);
    }

    /**
     * Opens a session for a client. The id names the session (and its subscriptions and threads); it need not be
     * unique.
     *
     * @throws NullPointerException     {@code clientId} is null
     * @throws IllegalArgumentException {@code clientId} is blank
     * @throws IllegalStateException    the broker is closed
     */
    public Session connect(String clientId) {
        throw new UnsupportedOperationException(STAGE_1);
    }

    /**
     * Requeues, flagged redelivered, every unacked delivery held for more than the ack timeout (measured on the
     * clock). The consumer's tag becomes unknown: acking it afterwards throws {@link IllegalStateException}.
     *
     * @return how many deliveries it requeued
     */
    public int redeliverExpired() {
        throw new UnsupportedOperationException(STAGE_4);
    }

    /** How many messages the broker still holds for any subscription: ready in a queue, or delivered and unacked. */
    public long pending() {
        throw new UnsupportedOperationException(STAGE_1);
    }

    /**
     * Closes every session and deletes every subscription, durable ones included; waits for the consumer threads to
     * end. Calling it again does nothing.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException(STAGE_1);
    }
}
