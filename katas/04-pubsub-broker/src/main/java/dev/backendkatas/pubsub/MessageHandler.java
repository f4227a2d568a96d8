package dev.backendkatas.pubsub;

/**
 * Receives the deliveries of one subscription, pushed by the broker (RabbitMQ style).
 *
 * <p>The broker calls {@link #onMessage} on a thread it owns, one thread per subscription (per consumer), one delivery
 * at a time and in the order of the subscription's queue. A slow or stuck handler holds up only its own subscription:
 * never the publishers and never the other subscriptions. A handler may call {@link Session#ack(long)},
 * {@link Session#nack(long, boolean)} or even {@link Session#close()} from inside {@code onMessage}.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles one delivery. With {@link AckMode#CLIENT}, returning does not acknowledge: call
     * {@link Session#ack(long)} (now or later, from any thread). A handler that throws leaves a
     * {@link AckMode#CLIENT} delivery unacked, so the usual redelivery rules apply; with {@link AckMode#AUTO} the
     * message is already consumed.
     */
    void onMessage(Delivery delivery) throws Exception;
}
