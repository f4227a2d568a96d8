package dev.backendkatas.pubsub;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process publish/subscribe broker; the rules, stage by stage, are in the stub's Javadoc.
 *
 * <p>The design in one paragraph: every subscription owns a {@link SubscriptionQueue} (shared by a group's members,
 * kept by name for a durable subscription). {@code publish} walks an immutable snapshot of the queues, appends the
 * message to each matching one under that queue's short lock, and returns: it never waits for a consumer. Each
 * consumer has its own thread that takes from its queue when it is below its prefetch and calls the handler outside
 * every lock. Subscribing and leaving are rare, so they share one registry lock and publish a new snapshot.
 */
public final class Broker implements AutoCloseable {

    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofMinutes(30);

    private final Clock clock;
    private final Duration ackTimeout;

    private final AtomicLong messageIds = new AtomicLong();
    private final AtomicLong tags = new AtomicLong();
    private final AtomicLong plainSubscriptions = new AtomicLong();

    /** Guards the registry below; never taken while holding a queue's lock. */
    private final Object registry = new Object();
    private final Map<String, SubscriptionQueue> queuesByName = new LinkedHashMap<>();
    private final List<BrokerSession> sessions = new ArrayList<>();
    /** What publishers iterate: replaced, never changed, so publishing takes no registry lock. */
    private volatile List<SubscriptionQueue> queues = List.of();
    private volatile boolean closed;

    public Broker() {
        this(Clock.systemUTC(), DEFAULT_ACK_TIMEOUT);
    }

    public Broker(Clock clock, Duration ackTimeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("ackTimeout must be positive, got " + ackTimeout);
        }
    }

    public PublishResult publish(String topic, byte[] payload) {
        return publish(topic, payload, Map.of());
    }

    public PublishResult publish(String topic, byte[] payload, Map<String, String> headers) {
        requireValidTopicName(topic);
        Objects.requireNonNull(payload, "payload");
        Map<String, String> headersCopy = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((name, value) -> headersCopy.put(
                Objects.requireNonNull(name, "header name"), Objects.requireNonNull(value, "header value")));
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        // Our own copy: the caller may reuse its array the moment publish returns.
        PublishedMessage message = new PublishedMessage(messageIds.incrementAndGet(), topic, payload.clone(),
                Collections.unmodifiableMap(headersCopy));
        List<String> deliveredTo = new ArrayList<>();
        List<String> rejectedBy = new ArrayList<>();
        List<String> droppedOldestFrom = new ArrayList<>();
        for (SubscriptionQueue queue : queues) {
            if (!queue.matches(topic)) {
                continue;
            }
            switch (queue.offer(message)) {
                case TAKEN -> deliveredTo.add(queue.name);
                case DROPPED_OLDEST -> {
                    deliveredTo.add(queue.name);
                    droppedOldestFrom.add(queue.name);
                }
                case REJECTED -> rejectedBy.add(queue.name);
                case GONE -> {
                    // the subscription ended while we were publishing: it no longer matches anything
                }
            }
        }
        return new PublishResult(message.id(), deliveredTo, rejectedBy, droppedOldestFrom);
    }

    /** MQTT 5.0 §4.7.3 and §3.3.2.1: a topic name is not empty, has no wildcard and no NUL, and fits 65,535 bytes. */
    private static void requireValidTopicName(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("a topic name is at least one character long (MQTT 5.0 §4.7.3)");
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                throw new IllegalArgumentException("a topic name must not contain the wildcard '" + c
                        + "' (MQTT 5.0 §3.3.2.1): \"" + topic + "\"");
            }
            if (c == '\0') {
                throw new IllegalArgumentException("a topic name must not contain NUL (MQTT 5.0 §4.7.3)");
            }
        }
        if (topic.getBytes(StandardCharsets.UTF_8).length > TopicFilter.MAX_UTF8_BYTES) {
            throw new IllegalArgumentException("a topic name is at most 65535 bytes of UTF-8 (MQTT 5.0 §1.5.4)");
        }
    }

    public Session connect(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("a client id must not be blank");
        }
        synchronized (registry) {
            if (closed) {
                throw new IllegalStateException("the broker is closed");
            }
            BrokerSession session = new BrokerSession(this, clientId);
            sessions.add(session);
            return session;
        }
    }

    Subscription subscribe(BrokerSession session, SubscriptionOptions options, MessageHandler handler) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        // Validate every filter before touching anything: an invalid one subscribes nothing at all.
        List<TopicFilter> filters = options.filters().stream().map(TopicFilter::parse).toList();
        synchronized (registry) {
            if (closed || !session.open) {
                throw new IllegalStateException("the session " + session.clientId() + " is closed");
            }
            SubscriptionQueue queue;
            if (options.group() != null) {
                queue = queuesByName.get("$share/" + options.group());
                if (queue != null) {
                    queue.requireSameShape(options);
                } else {
                    queue = new SubscriptionQueue("$share/" + options.group(), SubscriptionQueue.Kind.GROUP, options,
                            filters);
                }
            } else if (options.durableName() != null) {
                queue = queuesByName.get(options.durableName());
                if (queue != null) {
                    queue.requireSameShape(options);
                    if (queue.hasConsumers()) {
                        throw new IllegalStateException("the durable subscription " + queue.name
                                + " already has a consumer");
                    }
                } else {
                    queue = new SubscriptionQueue(options.durableName(), SubscriptionQueue.Kind.DURABLE, options,
                            filters);
                }
            } else {
                String name = session.clientId() + "#" + plainSubscriptions.incrementAndGet();
                queue = new SubscriptionQueue(name, SubscriptionQueue.Kind.PLAIN, options, filters);
            }
            QueueConsumer consumer = new QueueConsumer(this, queue, session, options, handler,
                    "pubsub-consumer-" + queue.name + "-" + session.clientId());
            queue.attach(consumer);
            session.consumers.add(consumer);
            if (queuesByName.putIfAbsent(queue.name, queue) == null) {
                queues = List.copyOf(queuesByName.values());
            }
            consumer.start();
            return consumer;
        }
    }

    /**
     * Ends one consumer. Its unacked deliveries go back to the queue; the queue itself ends with its last consumer,
     * unless it is durable and the consumer only disconnected ({@code unsubscribe} false).
     */
    void end(QueueConsumer consumer, boolean unsubscribe) {
        synchronized (registry) {
            if (consumer.stopped) {
                return;
            }
            consumer.session.consumers.remove(consumer);
            SubscriptionQueue queue = consumer.queue;
            boolean empty = queue.detach(consumer);
            if (empty && (queue.kind != SubscriptionQueue.Kind.DURABLE || unsubscribe)) {
                removeQueue(queue);
            }
        }
    }

    private void removeQueue(SubscriptionQueue queue) {
        queue.delete();
        queuesByName.remove(queue.name);
        queues = List.copyOf(queuesByName.values());
    }

    void closeSession(BrokerSession session) {
        List<QueueConsumer> ended;
        synchronized (registry) {
            if (!session.open) {
                return;
            }
            session.open = false;
            sessions.remove(session);
            ended = List.copyOf(session.consumers);
            for (QueueConsumer consumer : ended) {
                end(consumer, false);
            }
        }
        // Join outside the registry lock: a handler finishing its delivery may still want to ack or unsubscribe.
        ended.forEach(QueueConsumer::awaitEnd);
    }

    long nextTag() {
        return tags.incrementAndGet();
    }

    Instant ackDeadline() {
        return clock.instant().plus(ackTimeout);
    }

    public int redeliverExpired() {
        Instant now = clock.instant();
        int requeued = 0;
        for (SubscriptionQueue queue : queues) {
            requeued += queue.expire(now);
        }
        return requeued;
    }

    public long pending() {
        long total = 0;
        for (SubscriptionQueue queue : queues) {
            total += queue.pending();
        }
        return total;
    }

    public void close() {
        List<BrokerSession> open;
        synchronized (registry) {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(sessions);
        }
        open.forEach(BrokerSession::close);
        synchronized (registry) {
            List.copyOf(queuesByName.values()).forEach(this::removeQueue);
        }
    }
}
