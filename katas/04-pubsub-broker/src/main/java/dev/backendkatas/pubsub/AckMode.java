package dev.backendkatas.pubsub;

/**
 * When the broker may forget a message it handed to a consumer.
 *
 * <ul>
 *   <li>{@link #AUTO}: the message counts as consumed the moment it is handed to the handler (at-most-once). A
 *       handler that throws, or a consumer that crashes, loses it. RabbitMQ's {@code autoAck=true}, STOMP
 *       {@code ack:auto}, MQTT QoS 0.</li>
 *   <li>{@link #CLIENT}: the consumer must {@link Session#ack(long) ack} or {@link Session#nack(long, boolean) nack}
 *       each delivery by its tag. Until then the message is <em>unacked</em>, and the broker redelivers it if the
 *       consumer leaves, nacks it with requeue, or lets the ack timeout pass (at-least-once). RabbitMQ's manual acks,
 *       STOMP {@code ack:client-individual}, MQTT QoS 1 (§4.3.2).</li>
 * </ul>
 */
public enum AckMode {
    /** Consumed on hand-over: no ack expected, nothing is redelivered. */
    AUTO,
    /** Each delivery stays unacked until the consumer acks or nacks it by its tag. */
    CLIENT
}
