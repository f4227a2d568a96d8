package dev.backendkatas.pubsub;

/**
 * One consumer's subscription, as returned by {@link Session#subscribe}. The messages themselves live in the
 * subscription's <em>queue</em>: a private queue for a plain subscription, one queue shared by all members of a
 * group, or a named queue that outlives its consumer for a durable subscription.
 */
public interface Subscription {

    /**
     * The name of the subscription's queue, as it appears in {@link Delivery#subscription()} and
     * {@link PublishResult}: the durable name for a durable subscription, {@code "$share/" + group} for a group
     * member (MQTT 5.0 §4.8.2 spelling), and {@code clientId + "#" + n} for a plain one.
     */
    String name();

    /** The options it was created with. */
    SubscriptionOptions options();

    /** How many messages wait in the queue, ready and not yet delivered to anyone. */
    int buffered();

    /** How many deliveries this consumer holds unacked right now (always 0 with {@link AckMode#AUTO}). */
    int unacked();

    /** How many messages the queue discarded to make room under {@link OverflowPolicy#DROP_OLDEST}, since it was created. */
    long dropped();

    /** {@code false} once the subscription was unsubscribed, or its session or the broker closed. */
    boolean isActive();

    /**
     * Ends this consumer's subscription. Its unacked deliveries go back to the queue (redelivered to other group
     * members); a plain subscription's queue is gone, and so is a group's when its last member leaves. A durable
     * subscription is deleted for good, backlog included (JMS {@code unsubscribe}); to keep it, close the session
     * instead. Then ends the consumer's thread: a handler still running is interrupted, and the call waits (for a
     * bounded time) until the thread has ended, unless it is made from inside the handler. Calling it again does
     * nothing.
     */
    void unsubscribe();
}
