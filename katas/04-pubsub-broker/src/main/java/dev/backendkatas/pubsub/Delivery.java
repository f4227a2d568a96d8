package dev.backendkatas.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message handed to one consumer.
 *
 * @param tag          identifies this delivery (not the message) for {@link Session#ack(long)} and
 *                     {@link Session#nack(long, boolean)}: unique within the broker, and a redelivery of the same
 *                     message gets a new tag (as in RabbitMQ, AMQP 0-9-1 §1.8.3.13 {@code delivery-tag})
 * @param subscription the {@link Subscription#name() name} of the subscription this delivery belongs to
 * @param messageId    identifies the published message: the same in every subscription and on every redelivery
 * @param topic        the topic the message was published to (never a filter)
 * @param payload      the message body, as published
 * @param headers      the application headers given to {@link Broker#publish(String, byte[], Map)}, in their order
 * @param redelivered  {@code true} when this subscription delivered the same message before (to this consumer or to
 *                     another member of its group) and it came back unacked: the consumer may have processed it
 *                     already, so it should be idempotent (AMQP 0-9-1 {@code redelivered}, MQTT's DUP flag §3.3.1.1)
 */
public record Delivery(long tag, String subscription, long messageId, String topic, byte[] payload,
                       Map<String, String> headers, boolean redelivered) {

    public Delivery {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(topic, "topic");
        payload = Objects.requireNonNull(payload, "payload").clone();
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    }

    /** A copy of the payload: a consumer cannot change what other subscriptions receive. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload decoded as UTF-8. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Delivery[tag=" + tag + ", subscription=" + subscription + ", messageId=" + messageId + ", topic="
                + topic + ", payload=" + payloadText() + ", headers=" + headers + ", redelivered=" + redelivered + "]";
    }
}
