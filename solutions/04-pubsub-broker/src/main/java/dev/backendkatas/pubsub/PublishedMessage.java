package dev.backendkatas.pubsub;

import java.util.Map;

/**
 * A message as the broker keeps it: one immutable instance shared by every queue it was published to. The payload
 * array is the broker's own copy and is never handed out (every {@link Delivery} copies it again).
 */
record PublishedMessage(long id, String topic, byte[] payload, Map<String, String> headers) {
}
