package dev.backendkatas.grader.run;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

/**
 * Runs inside the forked test JVM: runs one kata's graded tests with the JUnit Platform Launcher and writes one event
 * per line to the events file, flushed at once, so whatever the learner's code does next (loop, exhaust memory, call
 * System.exit) the grader keeps every result reported before it.
 *
 * <p>Called by {@link TestWorker} once per run, with the kata's classes in a class loader of their own. Events:
 * <pre>
 * planned    uid name...          a test known before the run (or a test template/factory, expanded by "registered")
 * registered uid name...          a dynamic test (parameterized invocation, factory test)
 * started    uid name...          a test or container began
 * finished   uid status message   a test or container ended: SUCCESSFUL, FAILED, ABORTED or SKIPPED
 * stopped    name                 the test of that display name timed out (its message says where the code spun),
 *                                 and the JVM halts
 * done                            every test ran
 * crash      message              the launcher itself failed
 * </pre>
 */
public final class ForkedTestMain {

    static final String PLANNED = "planned";
    static final String REGISTERED = "registered";
    static final String STARTED = "started";
    static final String FINISHED = "finished";
    static final String STOPPED = "stopped";
    static final String DONE = "done";
    static final String CRASH = "crash";

    private static final int MAX_MESSAGE_CHARS = 4000;

    private ForkedTestMain() {
    }

    /**
     * Runs the tests below {@code testClasses} and streams the events to {@code eventsFile}; false when the launcher
     * itself failed (reported as a "crash" event).
     */
    static boolean runTests(Path eventsFile, Path classes, Path testClasses, Map<String, String> configuration)
            throws IOException {
        try (EventWriter events = new EventWriter(eventsFile)) {
            try {
                LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                        // Only the kata's test folder: never tests that happen to sit elsewhere on the classpath.
                        .selectors(selectClasspathRoots(Set.of(testClasses)))
                        .configurationParameters(configuration)
                        .build();
                LauncherFactory.create().execute(request, new StreamingListener(events, kataClassNames(classes)));
                events.write(List.of(DONE));
                return true;
            } catch (Throwable t) {
                events.write(List.of(CRASH, describe(t, Set.of())));
                return false;
            }
        }
    }

    /** Binary names of the kata's main classes, to point a failure at the learner's line that threw. */
    private static Set<String> kataClassNames(Path classes) throws IOException {
        Set<String> names = new HashSet<>();
        if (!Files.isDirectory(classes)) {
            return names;
        }
        try (Stream<Path> walk = Files.walk(classes)) {
            walk.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                String relative = classes.relativize(p).toString().replace('\\', '/');
                names.add(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'));
            });
        }
        return names;
    }

    /** A failure in words: the assertion's message, or the exception type, its message and where the kata's code threw. */
    static String describe(Throwable t, Set<String> kataClasses) {
        String message = t.getMessage();
        String text;
        if (t instanceof AssertionError && message != null && !message.isBlank()) {
            text = message;
        } else {
            String type = t.getClass().getName().startsWith("java.") ? t.getClass().getSimpleName() : t.getClass().getName();
            text = message == null || message.isBlank() ? type : type + ": " + message;
            Optional<StackTraceElement> kataFrame = Stream.of(t.getStackTrace())
                    .filter(frame -> kataClasses.contains(frame.getClassName()))
                    .findFirst();
            if (kataFrame.isPresent()) {
                text += "\n    at " + kataFrame.get();
            }
            Throwable cause = t.getCause();
            // JUnit's own causes (how a timeout was enforced) say nothing about the learner's code.
            if (cause != null && cause != t && !cause.getClass().getName().startsWith("org.junit.")) {
                String causeMessage = cause.getMessage();
                text += "\n  caused by " + cause.getClass().getName()
                        + (causeMessage == null ? "" : ": " + causeMessage);
            }
        }
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "…" : text;
    }

    /** Writes events; synchronized because JUnit may report from the timeout threads as well as the main one. */
    private static final class EventWriter implements AutoCloseable {
        private final Writer out;

        EventWriter(Path file) throws IOException {
            out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8));
        }

        synchronized void write(List<String> fields) {
            try {
                out.write(EventCodec.encode(fields));
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }

    private static final class StreamingListener implements TestExecutionListener {
        private final EventWriter events;
        private final Set<String> kataClasses;
        private TestPlan plan;

        StreamingListener(EventWriter events, Set<String> kataClasses) {
            this.events = events;
            this.kataClasses = kataClasses;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
            // Announce every test up front: if the JVM dies half-way, the grader still knows the full total.
            Deque<TestIdentifier> pending = new ArrayDeque<>(testPlan.getRoots());
            List<TestIdentifier> ordered = new ArrayList<>();
            while (!pending.isEmpty()) {
                TestIdentifier id = pending.pollFirst();
                ordered.add(id);
                List<TestIdentifier> children = new ArrayList<>(testPlan.getChildren(id));
                for (int i = children.size() - 1; i >= 0; i--) {
                    pending.addFirst(children.get(i));
                }
            }
            for (TestIdentifier id : ordered) {
                if (id.isTest() || isTemplate(id)) {
                    events.write(fields(PLANNED, id));
                }
            }
        }

        /** A parameterized test or test factory: a method container whose tests exist only once it runs. */
        private boolean isTemplate(TestIdentifier id) {
            return id.isContainer() && id.getSource().filter(MethodSource.class::isInstance).isPresent()
                    && plan.getChildren(id).isEmpty();
        }

        @Override
        public void dynamicTestRegistered(TestIdentifier id) {
            if (id.isTest()) {
                events.write(fields(REGISTERED, id));
            }
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.getParentId().isPresent()) {
                events.write(fields(STARTED, id));
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            events.write(List.of(FINISHED, id.getUniqueId(), "SKIPPED", reason == null ? "" : reason));
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Optional<String> spin = result.getThrowable().flatMap(t -> TimeoutDiagnosis.of(t, kataClasses));
            String message = spin.or(() -> result.getThrowable().map(t -> describe(t, kataClasses))).orElse("");
            events.write(List.of(FINISHED, id.getUniqueId(), result.getStatus().name(), message));
            if (spin.isPresent()) {
                // The timed-out code still spins in its thread, and the next tests would most likely wait for the
                // same bug: stop here, which also ends that thread. The rest of the kata is reported as not run.
                events.write(List.of(STOPPED, id.getDisplayName()));
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(0);
            }
        }

        /** The event name, the unique id, then the display names from below the engine down to {@code id}. */
        private List<String> fields(String event, TestIdentifier id) {
            List<String> path = new ArrayList<>();
            for (TestIdentifier at = id; at != null && at.getParentId().isPresent(); at = plan.getParent(at).orElse(null)) {
                path.add(0, at.getDisplayName());
            }
            List<String> fields = new ArrayList<>();
            fields.add(event);
            fields.add(id.getUniqueId());
            fields.addAll(path);
            return fields;
        }
    }
}
