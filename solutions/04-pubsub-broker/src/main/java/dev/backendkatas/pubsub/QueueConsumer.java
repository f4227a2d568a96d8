package dev.backendkatas.pubsub;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One consumer of a {@link SubscriptionQueue}, with the broker-owned thread that pushes deliveries to its handler
 * (RabbitMQ style): take one message, call the handler, repeat. The handler runs outside every lock.
 */
final class QueueConsumer implements Subscription {

    private static final System.Logger LOG = System.getLogger(QueueConsumer.class.getName());
    /** How long ending a subscription waits for its thread after interrupting it. */
    private static final long JOIN_MILLIS = 5_000;

    final Broker broker;
    final SubscriptionQueue queue;
    final BrokerSession session;
    private final SubscriptionOptions options;
    private final MessageHandler handler;
    private final Thread thread;

    /** Tag to delivery, in delivery order; guarded by the queue's lock. */
    final Map<Long, SubscriptionQueue.InFlight> unackedMap = new LinkedHashMap<>();
    /** Guarded by the queue's lock; read without it only by {@link #isActive()}, hence volatile. */
    volatile boolean stopped;

    QueueConsumer(Broker broker, SubscriptionQueue queue, BrokerSession session, SubscriptionOptions options,
                  MessageHandler handler, String threadName) {
        this.broker = broker;
        this.queue = queue;
        this.session = session;
        this.options = options;
        this.handler = handler;
        this.thread = new Thread(this::dispatch, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Whether the consumer may take one more message. With AUTO the single dispatch thread already limits it to one
     * at a time; with CLIENT the prefetch limit counts deliveries not yet acked.
     */
    boolean hasRoom() {
        return options.ackMode() == AckMode.AUTO || unackedMap.size() < options.prefetch();
    }

    private void dispatch() {
        while (true) {
            Delivery delivery = queue.take(this);
            if (delivery == null) {
                return;
            }
            try {
                handler.onMessage(delivery);
            } catch (InterruptedException e) {
                // Ending the subscription interrupts a busy handler; take() then sees the stop and returns null.
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // A CLIENT delivery stays unacked and follows the redelivery rules; an AUTO one is consumed anyway.
                LOG.log(System.Logger.Level.WARNING, "handler of " + queue.name + " failed on message "
                        + delivery.messageId(), e);
            }
        }
    }

    /** Waits for the dispatch thread to end, interrupting a handler that is still busy. Never waits for itself. */
    void awaitEnd() {
        if (Thread.currentThread() == thread) {
            return; // unsubscribing from inside the handler: the loop ends when the handler returns
        }
        thread.interrupt();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return queue.name;
    }

    @Override
    public SubscriptionOptions options() {
        return options;
    }

    @Override
    public int buffered() {
        return queue.readyCount();
    }

    @Override
    public int unacked() {
        return queue.unackedCount(this);
    }

    @Override
    public long dropped() {
        return queue.dropped();
    }

    @Override
    public boolean isActive() {
        return !stopped;
    }

    @Override
    public void unsubscribe() {
        broker.end(this, true);
        awaitEnd();
    }
}
