package dev.backendkatas.pubsub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A client's session: its subscriptions, through which it acks what they delivered. */
final class BrokerSession implements Session {

    private final Broker broker;
    private final String clientId;
    /** Changed under the broker's registry lock; read without it by acks, hence copy-on-write. */
    final List<QueueConsumer> consumers = new CopyOnWriteArrayList<>();
    /** Written under the broker's registry lock. */
    volatile boolean open = true;

    BrokerSession(Broker broker, String clientId) {
        this.broker = broker;
        this.clientId = clientId;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public Subscription subscribe(SubscriptionOptions options, MessageHandler handler) {
        return broker.subscribe(this, options, handler);
    }

    @Override
    public void ack(long tag) {
        settle(tag, true, false);
    }

    @Override
    public void nack(long tag, boolean requeue) {
        settle(tag, false, requeue);
    }

    private void settle(long tag, boolean ack, boolean requeue) {
        if (!open) {
            throw new IllegalStateException("session " + clientId + " is closed");
        }
        // The consumers' unacked maps are the only record of what is in flight: asking each of our consumers (a
        // session has a handful) means there is no second record to keep in step, and another session's tag, an
        // expired one or one acked before is simply found nowhere.
        for (QueueConsumer consumer : consumers) {
            if (consumer.queue.settle(consumer, tag, ack, requeue)) {
                return;
            }
        }
        throw new IllegalStateException("delivery tag " + tag + " is not an unacked delivery of session " + clientId
                + ": acked or nacked before, expired by the ack timeout, auto-acked, another session's, or unknown");
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        broker.closeSession(this);
    }
}
