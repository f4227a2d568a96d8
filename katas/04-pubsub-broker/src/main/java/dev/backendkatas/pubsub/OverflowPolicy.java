package dev.backendkatas.pubsub;

/**
 * What a subscription does with a new message when its buffer of ready (not yet delivered) messages is full.
 * Either way the caller of {@link Broker#publish} is told in the {@link PublishResult}: the broker never drops a
 * message silently and never buffers without bound.
 */
public enum OverflowPolicy {
    /**
     * The full subscription refuses the new message; the publish result lists it in
     * {@link PublishResult#rejectedBy()}. Other matching subscriptions still take the message. RabbitMQ's
     * {@code x-overflow: reject-publish} (the publisher gets a nack); over STOMP the SEND is answered with ERROR.
     */
    REJECT_PUBLISH,
    /**
     * The full subscription discards its oldest ready message to make room; the publish result lists it in
     * {@link PublishResult#droppedOldestFrom()} and {@link Subscription#dropped()} counts it. RabbitMQ's default
     * {@code drop-head}; the right choice when only the latest values matter (prices, sensor readings).
     */
    DROP_OLDEST
}
