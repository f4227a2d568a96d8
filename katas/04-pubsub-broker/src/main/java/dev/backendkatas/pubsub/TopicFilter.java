package dev.backendkatas.pubsub;

import java.util.Objects;

/**
 * A validated MQTT topic filter, and the rule that decides which topic names it matches (MQTT 5.0 §4.7).
 *
 * <h2>Stage 2 — Topic filters</h2>
 * <ul>
 *   <li>Topic names and filters are split into <em>levels</em> at every {@code /} (§4.7.1.1). Empty levels are real
 *       levels: {@code "/finance"} has two levels, {@code ""} and {@code "finance"}; {@code "a//b"} has three.</li>
 *   <li>{@code +} is the single-level wildcard (§4.7.1.3): it matches exactly one level, which may be empty. It must
 *       occupy a whole level: {@code "sport/+/player1"} and {@code "+"} are valid, {@code "sport+"} is not.
 *       {@code "sport/+"} matches {@code "sport/"} but not {@code "sport"}.</li>
 *   <li>{@code #} is the multi-level wildcard (§4.7.1.2): it matches the parent level and any number of levels below,
 *       so {@code "sport/#"} matches {@code "sport"}, {@code "sport/tennis"} and {@code "sport/tennis/player1"}. It
 *       must occupy a whole level and be the last one: {@code "sport/tennis#"} and {@code "sport/tennis/#/ranking"}
 *       are invalid. {@code "#"} alone matches every topic (but see {@code $} below).</li>
 *   <li>Matching is exact and case-sensitive, character for character (§4.7.3): {@code "ACCOUNTS"} is not
 *       {@code "Accounts"}; spaces are ordinary characters.</li>
 *   <li>Topics that start with {@code $} (like {@code $SYS/…}, §4.7.2) are not matched by a filter whose first
 *       level is a wildcard: {@code "#"} and {@code "+/monitor/Clients"} do not match {@code "$SYS/monitor/Clients"};
 *       {@code "$SYS/#"} does.</li>
 *   <li>A filter is at least one character long, contains no NUL (U+0000), and is at most 65,535 bytes in UTF-8
 *       (§4.7.3, §1.5.4). Anything else is refused with {@link InvalidTopicFilterException}.</li>
 * </ul>
 */
public final class TopicFilter {

    private static final String STAGE_2 =
            "Stage 2: topic filters — see katas/04-pubsub-broker/README.md, 'Stage 2 — Topic filters'";

    private final String filter;

    private TopicFilter(String filter) {
        this.filter = filter;
    }

    /**
     * Validates {@code filter} by the rules above.
     *
     * @throws NullPointerException        {@code filter} is null
     * @throws InvalidTopicFilterException it is empty, too long, contains NUL, or has a wildcard that is not a whole
     *                                     level, or a {@code #} that is not the last level
     */
    public static TopicFilter parse(String filter) {
        throw new UnsupportedOperationException(STAGE_2);
    }

    /**
     * Whether this filter matches the topic name {@code topic} (a name, never a filter: the broker validates it).
     *
     * @throws NullPointerException {@code topic} is null
     */
    public boolean matches(String topic) {
        throw new UnsupportedOperationException(STAGE_2);
    }

    /** The filter, exactly as given to {@link #parse(String)}. */
    public String filter() {
        return filter;
    }

    @Override
    public String toString() {
        return Objects.toString(filter);
    }
}
