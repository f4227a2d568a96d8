package dev.backendkatas.pubsub;

/**
 * One connected client of a {@link Broker} (an AMQP channel, an MQTT session, a STOMP connection): it subscribes,
 * and it acks or nacks what it received. Safe to use from several threads.
 */
public interface Session extends AutoCloseable {

    /** The client id given to {@link Broker#connect(String)}. */
    String clientId();

    /**
     * Subscribes and starts pushing matching messages to {@code handler} on a thread the broker owns. Every message
     * published after this returns, whose topic matches one of the filters, reaches the subscription's queue once.
     *
     * @throws NullPointerException         an argument is null
     * @throws InvalidTopicFilterException  a filter breaks MQTT 5.0 §4.7 (nothing is subscribed then)
     * @throws IllegalArgumentException     the group or durable subscription exists with other filters, buffer limit or
     *                                      overflow policy
     * @throws IllegalStateException        the session is closed; the durable subscription already has a consumer
     */
    Subscription subscribe(SubscriptionOptions options, MessageHandler handler);

    /**
     * Acknowledges the delivery {@code tag}: the broker forgets the message for that subscription.
     *
     * @throws IllegalStateException the tag is not an unacked delivery of this session: acked or nacked before,
     *                               expired by the ack timeout, an {@link AckMode#AUTO} delivery, another session's, or
     *                               never delivered; or the session is closed
     */
    void ack(long tag);

    /**
     * Refuses the delivery {@code tag}. With {@code requeue} the message goes back to the head of its queue and is
     * delivered again, flagged {@link Delivery#redelivered()}; without, it is discarded (there is no dead-letter queue).
     *
     * @throws IllegalStateException as for {@link #ack(long)}
     */
    void nack(long tag, boolean requeue);

    /** {@code false} after {@link #close()} or after the broker closed. */
    boolean isOpen();

    /**
     * Disconnects: every subscription of the session ends as if unsubscribed, except that durable subscriptions are
     * only detached (they keep buffering). Unacked deliveries go back to their queues, flagged redelivered. Ends the
     * session's consumer threads as {@link Subscription#unsubscribe()} does. Calling it again does nothing.
     */
    @Override
    void close();
}
