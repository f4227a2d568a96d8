package dev.backendkatas.pubsub;

/**
 * A topic filter that breaks the rules of MQTT 5.0 §4.7 (wildcards in the wrong place, empty, too long, a NUL
 * character). Thrown by {@link TopicFilter#parse(String)} and by {@link Session#subscribe}, before anything is
 * subscribed.
 */
public class InvalidTopicFilterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String filter;

    /**
     * @param filter the refused filter, as given
     * @param reason which rule it breaks, in plain words (with the spec section)
     */
    public InvalidTopicFilterException(String filter, String reason) {
        super("invalid topic filter \"" + filter + "\": " + reason);
        this.filter = filter;
    }

    /** The refused filter, exactly as it was given. */
    public String filter() {
        return filter;
    }
}
