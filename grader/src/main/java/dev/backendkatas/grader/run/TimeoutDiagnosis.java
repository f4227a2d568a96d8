package dev.backendkatas.grader.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Turns a test that ran past its time limit into words a learner can act on: "probably an infinite loop in
 * {@code Parser.parse (Parser.java:42)}", with the frames of the kata's code where the test's thread was when time ran
 * out. Runs in the test JVM at the moment of the timeout, while the stuck thread is still there to be looked at.
 */
final class TimeoutDiagnosis {

    /** The kata's frames shown below the headline, innermost first. */
    private static final int MAX_FRAMES = 4;

    /** The middle of JUnit Jupiter's timeout message, "{@code %s timed out after %s}". */
    private static final String JUNIT_TIMEOUT_MESSAGE = " timed out after ";

    private TimeoutDiagnosis() {
    }

    /** The diagnosis, if {@code failure} is JUnit's timeout; empty for any other failure. */
    static Optional<String> of(Throwable failure, Set<String> kataClasses) {
        if (!isTimeout(failure)) {
            return Optional.empty();
        }
        String limit = Optional.ofNullable(failure.getMessage()).orElse("the test timed out");
        Optional<Map.Entry<Thread, StackTraceElement[]>> stuck = stuckThread(kataClasses);
        if (stuck.isEmpty()) {
            return Optional.of("probably an infinite loop or deadlock (" + limit + "); no thread was in your code when"
                    + " time ran out, so look for a wait that is never woken");
        }
        Thread thread = stuck.get().getKey();
        List<StackTraceElement> frames = Stream.of(stuck.get().getValue())
                .filter(frame -> kataClasses.contains(frame.getClassName()))
                .limit(MAX_FRAMES)
                .toList();
        StackTraceElement top = frames.get(0);
        String what = switch (thread.getState()) {
            case BLOCKED, WAITING, TIMED_WAITING -> "probably a deadlock, or a wait that is never woken, in ";
            default -> "probably an infinite loop in ";
        };
        StringBuilder text = new StringBuilder(what).append(shortName(top)).append(" (").append(limit).append(')');
        frames.forEach(frame -> text.append("\n    at ").append(frame.getClassName()).append('.')
                .append(frame.getMethodName()).append('(').append(frame.getFileName()).append(':')
                .append(frame.getLineNumber()).append(')'));
        return Optional.of(text.toString());
    }

    /**
     * JUnit's own timeout only: a {@link TimeoutException} thrown as the failure itself, with JUnit's message
     * "{@code method() timed out after 10 seconds}". A test's {@code future.get(5, SECONDS)} also throws a
     * {@link TimeoutException}, and Awaitility puts one as the cause of its {@code ConditionTimeoutException} when the
     * bound ends during a slow evaluation; both are ordinary failures, and halting the run on them would report every
     * later test as not run.
     */
    private static boolean isTimeout(Throwable failure) {
        return failure instanceof TimeoutException
                && failure.getMessage() != null && failure.getMessage().contains(JUNIT_TIMEOUT_MESSAGE);
    }

    /**
     * The thread that runs the kata's code now, preferring JUnit's timeout threads (where the timed-out test runs) and
     * then threads the test started; the calling thread only reports and is left out.
     */
    private static Optional<Map.Entry<Thread, StackTraceElement[]>> stuckThread(Set<String> kataClasses) {
        List<Map.Entry<Thread, StackTraceElement[]>> candidates = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            if (entry.getKey() != Thread.currentThread()
                    && Stream.of(entry.getValue()).anyMatch(frame -> kataClasses.contains(frame.getClassName()))) {
                candidates.add(entry);
            }
        }
        candidates.sort(Comparator.comparing(entry -> !entry.getKey().getName().startsWith("junit-timeout")));
        return candidates.stream().findFirst();
    }

    /** {@code Parser.parse (Parser.java:42)}: the simple class name, the method and the line. */
    private static String shortName(StackTraceElement frame) {
        String className = frame.getClassName();
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple + "." + frame.getMethodName() + " (" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
    }
}
