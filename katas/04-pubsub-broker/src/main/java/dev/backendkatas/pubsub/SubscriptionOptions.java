package dev.backendkatas.pubsub;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to subscribe: which topics, shared or not, durable or not, how acks work and how much may pile up.
 * Start from {@link #of(String...)} and change one thing at a time with the {@code with…} methods.
 *
 * @param filters     the topic filters (MQTT 5.0 §4.7; in stage 1 plain topic names); a message whose topic matches
 *                    any of them is delivered once. The broker validates them ({@link InvalidTopicFilterException}).
 * @param group       {@code null}, or the name of a consumer group: subscriptions with the same group name share one
 *                    queue, and each message goes to exactly one live member (competing consumers; MQTT 5.0 §4.8.2
 *                    shared subscriptions). Letters, digits, {@code . _ -}.
 * @param durableName {@code null}, or the name of a durable subscription: it outlives its consumer and keeps
 *                    buffering while nobody is attached. Same characters as a group name. Not combined with a group.
 * @param ackMode     {@link AckMode#AUTO} or {@link AckMode#CLIENT}
 * @param prefetch    with {@link AckMode#CLIENT}: the most unacked deliveries this consumer may hold at once (RabbitMQ's
 *                    {@code basic.qos} prefetch count); at least 1
 * @param bufferLimit the most ready (not yet delivered) messages the subscription's queue holds; at least 1
 * @param overflow    what happens to a message that arrives when the buffer is full
 */
public record SubscriptionOptions(List<String> filters, String group, String durableName, AckMode ackMode,
                                  int prefetch, int bufferLimit, OverflowPolicy overflow) {

    /** Prefetch when none is given. */
    public static final int DEFAULT_PREFETCH = 16;
    /** Buffer limit when none is given. */
    public static final int DEFAULT_BUFFER_LIMIT = 1_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /**
     * @throws NullPointerException     {@code filters}, one of them, {@code ackMode} or {@code overflow} is null
     * @throws IllegalArgumentException no filters; prefetch or buffer limit below 1; a group or durable name that is
     *                                  not 1–128 of {@code [A-Za-z0-9._-]}; both a group and a durable name
     */
    public SubscriptionOptions {
        filters = List.copyOf(Objects.requireNonNull(filters, "filters"));
        Objects.requireNonNull(ackMode, "ackMode");
        Objects.requireNonNull(overflow, "overflow");
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one topic filter");
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, got " + prefetch);
        }
        if (bufferLimit < 1) {
            throw new IllegalArgumentException("bufferLimit must be at least 1, got " + bufferLimit);
        }
        if (group != null && !NAME.matcher(group).matches()) {
            throw new IllegalArgumentException("a group name is 1-128 of [A-Za-z0-9._-], got \"" + group + "\"");
        }
        if (durableName != null && !NAME.matcher(durableName).matches()) {
            throw new IllegalArgumentException("a durable name is 1-128 of [A-Za-z0-9._-], got \"" + durableName + "\"");
        }
        if (group != null && durableName != null) {
            throw new IllegalArgumentException("a subscription is either in a group or durable, not both");
        }
    }

    /** A plain subscription: no group, not durable, {@link AckMode#AUTO}, default prefetch, default buffer, reject. */
    public static SubscriptionOptions of(String... filters) {
        return new SubscriptionOptions(List.of(filters), null, null, AckMode.AUTO, DEFAULT_PREFETCH,
                DEFAULT_BUFFER_LIMIT, OverflowPolicy.REJECT_PUBLISH);
    }

    /** The same options as a member of the consumer group {@code group}. */
    public SubscriptionOptions withGroup(String group) {
        return new SubscriptionOptions(filters, group, durableName, ackMode, prefetch, bufferLimit, overflow);
    }

    /** The same options as the durable subscription {@code durableName}. */
    public SubscriptionOptions durable(String durableName) {
        return new SubscriptionOptions(filters, group, durableName, ackMode, prefetch, bufferLimit, overflow);
    }

    /** The same options with another ack mode. */
    public SubscriptionOptions withAckMode(AckMode ackMode) {
        return new SubscriptionOptions(filters, group, durableName, ackMode, prefetch, bufferLimit, overflow);
    }

    /** The same options with another prefetch limit. */
    public SubscriptionOptions withPrefetch(int prefetch) {
        return new SubscriptionOptions(filters, group, durableName, ackMode, prefetch, bufferLimit, overflow);
    }

    /** The same options with another buffer limit and overflow policy. */
    public SubscriptionOptions withBuffer(int bufferLimit, OverflowPolicy overflow) {
        return new SubscriptionOptions(filters, group, durableName, ackMode, prefetch, bufferLimit, overflow);
    }
}
