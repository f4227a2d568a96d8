package dev.backendkatas.grader.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the forked test JVM reported, read back from its events file (see {@link ForkedTestMain}). Works on a file cut
 * short by a crash: every test announced is listed, those without a result as {@link TestStatus#NOT_RUN}.
 */
public final class RunEvents {

    private record Finish(TestStatus status, String message) {
    }

    /** Planned tests in order; a template's entry collects the dynamic tests it registered. */
    private final Map<String, List<String>> plannedPaths = new LinkedHashMap<>();
    private final Map<String, List<String>> dynamicTestsByTemplate = new HashMap<>();
    private final Map<String, List<String>> dynamicPaths = new HashMap<>();
    private final Map<String, Finish> finished = new HashMap<>();
    /** Started and not yet finished, in start order: the last one is where the JVM was when it stopped. */
    private final Map<String, List<String>> running = new LinkedHashMap<>();
    private boolean done;
    private String crash;
    private String stopped;

    private RunEvents() {
    }

    public static RunEvents read(Path eventsFile) throws IOException {
        RunEvents events = new RunEvents();
        if (!Files.isRegularFile(eventsFile)) {
            return events;
        }
        String content = Files.readString(eventsFile, StandardCharsets.UTF_8);
        int start = 0;
        for (int end = content.indexOf('\n'); end >= 0; end = content.indexOf('\n', start)) {
            events.accept(EventCodec.decode(content.substring(start, end)));
            start = end + 1;
        }
        // Anything after the last newline is an event the child did not finish writing.
        return events;
    }

    private void accept(List<String> fields) {
        String type = fields.get(0);
        switch (type) {
            case ForkedTestMain.PLANNED -> plannedPaths.put(fields.get(1), path(fields));
            case ForkedTestMain.REGISTERED -> register(fields.get(1), path(fields));
            case ForkedTestMain.STARTED -> running.put(fields.get(1), path(fields));
            case ForkedTestMain.FINISHED -> {
                running.remove(fields.get(1));
                finished.put(fields.get(1), new Finish(TestStatus.valueOf(fields.get(2)), fields.size() > 3 ? fields.get(3) : ""));
            }
            case ForkedTestMain.DONE -> done = true;
            case ForkedTestMain.STOPPED -> stopped = fields.size() > 1 ? fields.get(1) : "";
            case ForkedTestMain.CRASH -> crash = fields.size() > 1 ? fields.get(1) : "";
            default -> {
                // An unknown event comes from a newer grader: skip it rather than fail the whole report.
            }
        }
    }

    private void register(String uniqueId, List<String> path) {
        dynamicPaths.put(uniqueId, path);
        for (String planned : plannedPaths.keySet()) {
            if (uniqueId.startsWith(planned + "/")) {
                dynamicTestsByTemplate.computeIfAbsent(planned, k -> new ArrayList<>()).add(uniqueId);
                return;
            }
        }
        plannedPaths.put(uniqueId, path);
    }

    private static List<String> path(List<String> fields) {
        return List.copyOf(fields.subList(2, fields.size()));
    }

    /** Whether the run that writes {@code eventsFile} has ended: its last complete line is done, crash or stopped. */
    static boolean ended(Path eventsFile) {
        return lastEvent(eventsFile).filter(e -> e.equals(ForkedTestMain.DONE) || e.equals(ForkedTestMain.CRASH)
                || e.equals(ForkedTestMain.STOPPED)).isPresent();
    }

    /** Whether the run stopped at a test that timed out (the JVM halts right after). */
    static boolean stoppedAtTimeout(Path eventsFile) {
        return lastEvent(eventsFile).filter(ForkedTestMain.STOPPED::equals).isPresent();
    }

    /** The type of the last complete event line, reading only the file's end: it is polled while the run goes on. */
    private static Optional<String> lastEvent(Path eventsFile) {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(eventsFile.toFile(), "r")) {
            long length = file.length();
            int tail = (int) Math.min(length, 8192);
            byte[] bytes = new byte[tail];
            file.seek(length - tail);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return Optional.empty();
            }
            String line = text.substring(text.lastIndexOf('\n', end - 1) + 1, end);
            int tab = line.indexOf('\t');
            return Optional.of(tab < 0 ? line : line.substring(0, tab));
        } catch (IOException e) {
            // Not there yet, or gone: not ended as far as this file says.
            return Optional.empty();
        }
    }

    /** The child wrote its final event: every test ran. */
    public boolean done() {
        return done;
    }

    /** Why the child stopped before the end on purpose (a test timed out), if it did. */
    public Optional<String> stopped() {
        return Optional.ofNullable(stopped);
    }

    /** The launcher's own failure, if the child reported one. */
    public Optional<String> crash() {
        return Optional.ofNullable(crash);
    }

    /** The innermost test or container that started and never finished, as {@code Class › Stage › test}. */
    public Optional<String> lastRunning() {
        List<String> last = null;
        for (List<String> path : running.values()) {
            last = path;
        }
        return Optional.ofNullable(last).map(p -> String.join(" › ", p));
    }

    /**
     * Messages of failed containers that no test accounts for, e.g. an engine that could not load a test class while
     * discovering, so a run with no tests can still say why.
     */
    public List<String> orphanContainerFailures() {
        if (!plannedPaths.isEmpty()) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        for (Finish finish : finished.values()) {
            if (finish.status() == TestStatus.FAILED) {
                messages.add(finish.message());
            }
        }
        messages.sort(null);
        return messages;
    }

    /** Every test, in execution order, with its status. */
    public List<TestResult> tests() {
        List<TestResult> tests = new ArrayList<>();
        for (Map.Entry<String, List<String>> planned : plannedPaths.entrySet()) {
            List<String> dynamic = dynamicTestsByTemplate.get(planned.getKey());
            if (dynamic == null) {
                tests.add(result(planned.getKey(), planned.getValue()));
            } else {
                for (String uniqueId : dynamic) {
                    tests.add(result(uniqueId, dynamicPaths.get(uniqueId)));
                }
            }
        }
        return tests;
    }

    private TestResult result(String uniqueId, List<String> path) {
        Finish own = finished.get(uniqueId);
        if (own != null) {
            return new TestResult(uniqueId, path, own.status(), own.message());
        }
        // No result of its own: a failed or skipped container above it (a @BeforeAll, a class that cannot be loaded)
        // decides, with that container's message.
        for (String ancestor = parentOf(uniqueId); ancestor != null; ancestor = parentOf(ancestor)) {
            Finish finish = finished.get(ancestor);
            if (finish != null && finish.status() != TestStatus.SUCCESSFUL) {
                return new TestResult(uniqueId, path, finish.status(), finish.message());
            }
        }
        String message = running.containsKey(uniqueId) ? "did not finish: the test JVM stopped while it ran"
                : stopped != null ? "not run: an earlier test timed out, and the run stopped there (fix that one first)"
                : "did not run";
        return new TestResult(uniqueId, path, TestStatus.NOT_RUN, message);
    }

    /** Unique ids are segment paths, {@code [engine:x]/[class:y]/[method:z()]}: the parent drops the last segment. */
    private static String parentOf(String uniqueId) {
        int slash = uniqueId.lastIndexOf("/[");
        return slash < 0 ? null : uniqueId.substring(0, slash);
    }
}
