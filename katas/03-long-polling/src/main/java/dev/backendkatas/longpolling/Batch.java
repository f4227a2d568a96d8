package dev.backendkatas.longpolling;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The answer to "events after cursor N": the events, oldest first, and the cursor to ask after next time.
 *
 * <p>Given to you, with its JSON form. An empty batch is a normal answer (nothing new yet, or a long poll that timed
 * out); its {@code next} is the cursor the client asked with, so the client simply asks again.
 *
 * @param events the events after the cursor, in cursor order, consecutive
 * @param next   the cursor of the last event of the batch, or the cursor asked with if the batch is empty
 */
public record Batch(List<Event> events, long next) {

    public Batch {
        events = List.copyOf(events);
        if (!events.isEmpty() && events.get(events.size() - 1).cursor() != next) {
            throw new IllegalArgumentException("next " + next + " is not the cursor of the last event");
        }
    }

    /** No events: ask again after {@code cursor}. */
    public static Batch empty(long cursor) {
        return new Batch(List.of(), cursor);
    }

    /**
     * Reads what {@link #toJson()} writes (and nothing else: this is not a general JSON parser).
     *
     * @throws IllegalArgumentException if {@code json} is not such a batch
     */
    public static Batch parse(String json) {
        return new BatchParser(json).batch();
    }

    /** {@code {"events":[{"cursor":3,"data":"a"},…],"next":3}} */
    public String toJson() {
        return "{\"events\":[" + events.stream().map(Event::toJson).collect(Collectors.joining(","))
                + "],\"next\":" + next + "}";
    }
}
