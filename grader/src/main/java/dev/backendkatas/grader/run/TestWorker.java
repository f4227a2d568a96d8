package dev.backendkatas.grader.run;

import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The main class of a test JVM (see {@link WarmTestJvm}). It starts before the kata is built and loads the JUnit
 * Platform, then serves runs: each line on its standard input is one {@link EventCodec} command,
 * {@code <events-file> <classes-dir> <test-classes-dir> [key=value ...]} (the pairs are JUnit configuration), and runs
 * those tests with the kata's classes in a class loader of their own, so the next run sees the newly compiled code
 * while JUnit, AssertJ and the rest stay loaded and JIT-compiled.
 *
 * <p>It serves another run only when this one left nothing behind. It ends (halts, so no learner shutdown hook or
 * thread can keep it alive) at the end of its input, after a test timed out ({@link ForkedTestMain} halts at once),
 * when a run left a thread running, and after {@value #MAX_RUNS} runs, which bounds what library caches keep of old
 * kata classes. The grader then starts a fresh one.
 */
public final class TestWorker {

    static final int MAX_RUNS = 25;
    /** How long threads a run started may take to end on their own (an executor shutting down) before they count. */
    private static final long LEFTOVER_GRACE_MILLIS = 1_000;

    private TestWorker() {
    }

    public static void main(String[] ignored) throws IOException {
        warmUp();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (int run = 1; run <= MAX_RUNS; run++) {
            String line = commands.readLine();
            if (line == null) {
                break;
            }
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            runIsolated(EventCodec.decode(line));
            if (leftThreadsRunning(before)) {
                break;
            }
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    /**
     * Loads what every run needs (the launcher, the engines, the discovery machinery) while the grader still compiles,
     * so the run itself starts warm. Touches no kata class: those may not exist yet.
     */
    private static void warmUp() {
        try {
            LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request().build());
        } catch (RuntimeException e) {
            // Only a warm-up: the real run reports every problem.
        }
    }

    private static void runIsolated(List<String> command) throws IOException {
        Path events = Path.of(command.get(0));
        Path classes = Path.of(command.get(1));
        Path testClasses = Path.of(command.get(2));
        Map<String, String> configuration = new LinkedHashMap<>();
        for (String pair : command.subList(3, command.size())) {
            int eq = pair.indexOf('=');
            configuration.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        // Unnamed on purpose: a named loader would prefix every stack frame in a failure message with its name.
        // JUnit finds the tests, and junit-platform.properties, through the context class loader.
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        try (URLClassLoader kata = new URLClassLoader(
                new URL[] {testClasses.toUri().toURL(), classes.toUri().toURL()}, TestWorker.class.getClassLoader())) {
            current.setContextClassLoader(kata);
            ForkedTestMain.runTests(events, classes, testClasses, configuration);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /** Whether a thread started during the run is still running after a short grace: then this JVM is not clean. */
    private static boolean leftThreadsRunning(Set<Thread> before) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LEFTOVER_GRACE_MILLIS);
        Set<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t != Thread.currentThread())
                .collect(Collectors.toSet());
        for (Thread thread : started) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                try {
                    thread.join(left);
                } catch (InterruptedException e) {
                    return true;
                }
            }
            if (thread.isAlive()) {
                return true;
            }
        }
        return false;
    }
}
