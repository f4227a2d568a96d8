package dev.backendkatas.pubsub;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages of one subscription: a bounded deque of ready messages, and the consumers that take from it. A plain
 * subscription's queue has one consumer, a group's has one per member, and a durable one may have none for a while.
 *
 * <p>One lock guards the deque, the consumers' unacked maps and their stop flags. Publishers hold it only to append,
 * consumers only to take or settle: no handler ever runs under it, so a stuck handler cannot block anyone else.
 * Consumers pull from the shared deque when they have room (prefetch), which is all it takes for competing consumers:
 * a busy or stuck member simply stops taking, and the others take the rest.
 */
final class SubscriptionQueue {

    enum Kind { PLAIN, GROUP, DURABLE }

    enum Offer { TAKEN, DROPPED_OLDEST, REJECTED, GONE }

    /** A message waiting in the deque; {@code redelivered} once it came back unacked. */
    record Ready(PublishedMessage message, boolean redelivered) {
    }

    /** A delivery a consumer holds unacked. */
    record InFlight(long tag, PublishedMessage message, Instant deadline) {
    }

    final String name;
    final Kind kind;
    final SubscriptionOptions shape;
    private final List<TopicFilter> filters;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a consumer might now be able to take: a message arrived, an ack freed a slot, a stop. */
    private final Condition changed = lock.newCondition();
    private final Deque<Ready> ready = new ArrayDeque<>();
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private long dropped;
    private boolean deleted;

    SubscriptionQueue(String name, Kind kind, SubscriptionOptions shape, List<TopicFilter> filters) {
        this.name = name;
        this.kind = kind;
        this.shape = shape;
        this.filters = List.copyOf(filters);
    }

    /** Whether any of the filters matches: a subscription whose several filters match still gets one copy. */
    boolean matches(String topic) {
        for (TopicFilter filter : filters) {
            if (filter.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /** A group member or a returning durable consumer must describe the same queue. */
    void requireSameShape(SubscriptionOptions options) {
        boolean same = new HashSet<>(shape.filters()).equals(new HashSet<>(options.filters()))
                && shape.bufferLimit() == options.bufferLimit() && shape.overflow() == options.overflow();
        if (!same) {
            throw new IllegalArgumentException("subscription " + name + " exists with filters " + shape.filters()
                    + ", buffer limit " + shape.bufferLimit() + " and " + shape.overflow() + "; got filters "
                    + options.filters() + ", buffer limit " + options.bufferLimit() + " and " + options.overflow());
        }
    }

    Offer offer(PublishedMessage message) {
        lock.lock();
        try {
            if (deleted) {
                return Offer.GONE; // deleted after the publisher took its snapshot: as if it never matched
            }
            Offer result = Offer.TAKEN;
            if (ready.size() >= shape.bufferLimit()) {
                if (shape.overflow() == OverflowPolicy.REJECT_PUBLISH) {
                    return Offer.REJECTED;
                }
                ready.pollFirst();
                dropped++;
                result = Offer.DROPPED_OLDEST;
            }
            ready.addLast(new Ready(message, false));
            changed.signalAll();
            return result;
        } finally {
            lock.unlock();
        }
    }

    void attach(QueueConsumer consumer) {
        lock.lock();
        try {
            consumers.add(consumer);
        } finally {
            lock.unlock();
        }
    }

    boolean hasConsumers() {
        lock.lock();
        try {
            return !consumers.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code consumer} may take a message (one is ready and the consumer is below its prefetch), takes
     * it, and records it as unacked for {@link AckMode#CLIENT}. Returns {@code null} once the consumer is stopped.
     */
    Delivery take(QueueConsumer consumer) {
        lock.lock();
        try {
            while (!consumer.stopped && (ready.isEmpty() || !consumer.hasRoom())) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    // Only a stop is a reason to leave, and the stop flag says so; anything else waits on.
                }
            }
            if (consumer.stopped) {
                return null;
            }
            Ready next = ready.pollFirst();
            PublishedMessage message = next.message();
            long tag = consumer.broker.nextTag();
            if (consumer.options().ackMode() == AckMode.CLIENT) {
                // The ack timeout runs from the moment of delivery, not from the moment the message was published.
                consumer.unackedMap.put(tag, new InFlight(tag, message, consumer.broker.ackDeadline()));
            }
            return new Delivery(tag, name, message.id(), message.topic(), message.payload(), message.headers(),
                    next.redelivered());
        } finally {
            lock.unlock();
        }
    }

    /** Acks or nacks one of {@code consumer}'s deliveries; {@code false} if it holds no such tag. */
    boolean settle(QueueConsumer consumer, long tag, boolean ack, boolean requeue) {
        lock.lock();
        try {
            InFlight settled = consumer.unackedMap.remove(tag);
            if (settled != null) {
                if (!ack && requeue) {
                    ready.addFirst(new Ready(settled.message(), true));
                }
                changed.signalAll(); // a prefetch slot is free, and maybe a message is back
            }
            return settled != null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes {@code consumer}: it stops, and its unacked deliveries go back to the head of the deque. Returns whether
     * the queue has no consumer left.
     */
    boolean detach(QueueConsumer consumer) {
        lock.lock();
        try {
            consumers.remove(consumer);
            consumer.stopped = true;
            requeueFirst(new ArrayList<>(consumer.unackedMap.values()));
            consumer.unackedMap.clear();
            changed.signalAll();
            return consumers.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Requeues every delivery held past its deadline; returns how many. */
    int expire(Instant now) {
        lock.lock();
        try {
            List<InFlight> expired = new ArrayList<>();
            for (QueueConsumer consumer : consumers) {
                for (InFlight inFlight : List.copyOf(consumer.unackedMap.values())) {
                    if (now.isAfter(inFlight.deadline())) {
                        consumer.unackedMap.remove(inFlight.tag());
                        expired.add(inFlight);
                    }
                }
            }
            requeueFirst(expired);
            changed.signalAll();
            return expired.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts {@code inFlight} back at the head of the deque, in publish order: they were delivered before anything still
     * ready. Delivery order is not good enough, because a message nacked and delivered again is younger by tag than
     * the messages published after it.
     */
    private void requeueFirst(List<InFlight> inFlight) {
        inFlight.sort(Comparator.comparingLong(f -> f.message().id()));
        for (int i = inFlight.size() - 1; i >= 0; i--) {
            ready.addFirst(new Ready(inFlight.get(i).message(), true));
        }
    }

    /** The queue ends: publishers that still see it in their snapshot are told it no longer matches. */
    void delete() {
        lock.lock();
        try {
            deleted = true;
        } finally {
            lock.unlock();
        }
    }

    int readyCount() {
        lock.lock();
        try {
            return ready.size();
        } finally {
            lock.unlock();
        }
    }

    int unackedCount(QueueConsumer consumer) {
        lock.lock();
        try {
            return consumer.unackedMap.size();
        } finally {
            lock.unlock();
        }
    }

    long pending() {
        lock.lock();
        try {
            long total = ready.size();
            for (QueueConsumer consumer : consumers) {
                total += consumer.unackedMap.size();
            }
            return total;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
