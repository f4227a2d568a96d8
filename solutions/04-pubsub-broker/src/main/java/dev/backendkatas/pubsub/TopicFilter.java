package dev.backendkatas.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A validated MQTT topic filter, and the rule that decides which topic names it matches (MQTT 5.0 §4.7). The rules
 * are in the stub's Javadoc; this is the reference.
 */
public final class TopicFilter {

    /** MQTT strings carry a two-byte length (§1.5.4). */
    static final int MAX_UTF8_BYTES = 65_535;

    private final String filter;
    /** The filter's levels: split once, here, so that matching never allocates. */
    private final String[] levels;

    private TopicFilter(String filter, String[] levels) {
        this.filter = filter;
        this.levels = levels;
    }

    public static TopicFilter parse(String filter) {
        Objects.requireNonNull(filter, "filter");
        if (filter.isEmpty()) {
            throw new InvalidTopicFilterException(filter, "a topic filter is at least one character long (MQTT 5.0 §4.7.3)");
        }
        if (filter.contains("\0")) {
            throw new InvalidTopicFilterException(filter, "a topic filter must not contain NUL (MQTT 5.0 §4.7.3)");
        }
        if (filter.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            throw new InvalidTopicFilterException(filter, "a topic filter is at most 65535 bytes of UTF-8 (MQTT 5.0 §1.5.4)");
        }
        // split with limit -1 keeps trailing empty levels: "sport/" has the levels "sport" and "".
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#")) {
                if (i != levels.length - 1) {
                    throw new InvalidTopicFilterException(filter,
                            "'#' must be the last level of the filter (MQTT 5.0 §4.7.1.2)");
                }
            } else if (level.indexOf('#') >= 0) {
                throw new InvalidTopicFilterException(filter, "'#' must occupy a whole level (MQTT 5.0 §4.7.1.2)");
            } else if (!level.equals("+") && level.indexOf('+') >= 0) {
                throw new InvalidTopicFilterException(filter, "'+' must occupy a whole level (MQTT 5.0 §4.7.1.3)");
            }
        }
        return new TopicFilter(filter, levels);
    }

    public boolean matches(String topic) {
        Objects.requireNonNull(topic, "topic");
        // §4.7.2: a wildcard in the first level never matches a topic that starts with '$'.
        if (topic.startsWith("$") && (levels[0].equals("+") || levels[0].equals("#"))) {
            return false;
        }
        String[] topicLevels = topic.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#")) {
                return true; // '#' also matches its parent level: "sport/#" matches "sport"
            }
            if (i >= topicLevels.length) {
                return false;
            }
            if (!level.equals("+") && !level.equals(topicLevels[i])) {
                return false;
            }
        }
        return levels.length == topicLevels.length;
    }

    public String filter() {
        return filter;
    }

    @Override
    public String toString() {
        return filter;
    }
}
