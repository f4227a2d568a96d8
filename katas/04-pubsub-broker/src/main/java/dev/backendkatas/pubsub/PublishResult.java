package dev.backendkatas.pubsub;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Broker#publish} did with one message: the publisher's receipt. The broker reports every subscription
 * that refused the message or lost an older one to make room, so nothing is lost silently.
 *
 * @param messageId         the broker's id of the message ({@link Delivery#messageId()})
 * @param deliveredTo       the names of the subscriptions whose filters matched and that took the message into
 *                          their buffer (including those that dropped an older message for it), in no set order
 * @param rejectedBy        the names of the matching subscriptions with a full buffer and
 *                          {@link OverflowPolicy#REJECT_PUBLISH}: they did not take the message
 * @param droppedOldestFrom the names of the matching subscriptions with a full buffer and
 *                          {@link OverflowPolicy#DROP_OLDEST}: each discarded its oldest ready message and took this one
 */
public record PublishResult(long messageId, List<String> deliveredTo, List<String> rejectedBy,
                            List<String> droppedOldestFrom) {

    public PublishResult {
        deliveredTo = List.copyOf(Objects.requireNonNull(deliveredTo, "deliveredTo"));
        rejectedBy = List.copyOf(Objects.requireNonNull(rejectedBy, "rejectedBy"));
        droppedOldestFrom = List.copyOf(Objects.requireNonNull(droppedOldestFrom, "droppedOldestFrom"));
    }

    /** {@code true} when no matching subscription refused the message (a message nobody subscribed to is accepted). */
    public boolean accepted() {
        return rejectedBy.isEmpty();
    }
}
