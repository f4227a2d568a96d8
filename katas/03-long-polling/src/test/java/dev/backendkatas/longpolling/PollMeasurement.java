package dev.backendkatas.longpolling;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one client cost on the {@link VirtualEventsServer}: its requests, how many came back empty, and each event's
 * delivery delay, all in virtual time.
 *
 * @param polls      every request, in order
 * @param deliveries every event the listener got, in order
 */
record PollMeasurement(List<Poll> polls, List<Delivery> deliveries) {

    PollMeasurement {
        polls = List.copyOf(polls);
        deliveries = List.copyOf(deliveries);
    }

    /**
     * One request.
     *
     * @param sent      virtual time it arrived
     * @param after     its cursor
     * @param waitAsked the wait it asked for (0 for a short poll)
     * @param status    the answer's status
     * @param events    events in the answer
     * @param answered  virtual time it was answered (later than {@code sent} only for a long poll that waited)
     */
    record Poll(Duration sent, long after, Duration waitAsked, int status, int events, Duration answered) {

        @Override
        public String toString() {
            return "at " + seconds(sent) + " after=" + after
                    + (waitAsked.isZero() ? "" : " wait=" + waitAsked.toSeconds()) + " → " + (status == 200 ? events + " event(s)" : String.valueOf(status))
                    + (answered.equals(sent) ? "" : " at " + seconds(answered));
        }
    }

    /**
     * One event given to the listener.
     *
     * @param cursor its cursor
     * @param delay  virtual time from its append to its delivery ({@code null} for an event the server never sent)
     */
    record Delivery(long cursor, Duration delay) {
    }

    int requests() {
        return polls.size();
    }

    /** Answers 200 with no event: a request that carried nothing. */
    int emptyAnswers() {
        return (int) polls.stream().filter(p -> p.status() == 200 && p.events() == 0).count();
    }

    List<Long> deliveredCursors() {
        return deliveries.stream().map(Delivery::cursor).toList();
    }

    List<Duration> delays() {
        return deliveries.stream().map(Delivery::delay).toList();
    }

    Duration maxDelay() {
        return deliveries.stream().map(Delivery::delay).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
    }

    /** A line for a failure message: the totals, then the first requests. */
    @Override
    public String toString() {
        String first = polls.stream().limit(12).map(Poll::toString).collect(Collectors.joining("; "));
        return requests() + " requests, " + emptyAnswers() + " empty, " + deliveries.size()
                + " events delivered, delays " + delays().stream().map(d -> d == null ? "?" : seconds(d)).toList()
                + "; requests: " + first + (polls.size() > 12 ? "; …" : "");
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
    }
}
