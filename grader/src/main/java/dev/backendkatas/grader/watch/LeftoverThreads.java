package dev.backendkatas.grader.watch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Threads an in-process run left behind (they carry the run's class loader as context class loader, inherited from the
 * test thread). In a forked JVM they would die with it; here they live on. An idle one (a server that was not closed)
 * costs little, but one that keeps using the CPU (a loop that ignores interrupts) would slow every later run, so
 * watch mode runs the forked runner while one does.
 */
final class LeftoverThreads {

    /**
     * A thread spins when it used more than this share of one core since it was last looked at. Low, because on a busy
     * machine a spinning thread gets only a slice of a core, and an idle one (blocked, waiting) uses next to nothing.
     */
    private static final double SPINNING_CPU_SHARE = 0.1;

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Map<Thread, long[]> tracked = new HashMap<>();

    /** Starts tracking the live threads whose context class loader is {@code loader}, and interrupts them. */
    synchronized int adopt(ClassLoader loader) {
        int adopted = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && thread.getContextClassLoader() == loader && !tracked.containsKey(thread)) {
                tracked.put(thread, new long[] {cpuNanos(thread), System.nanoTime()});
                thread.interrupt();
                adopted++;
            }
        }
        return adopted;
    }

    /** How many tracked threads are alive and used more than a tenth of a core since the last look. */
    synchronized int spinning() {
        tracked.keySet().removeIf(t -> !t.isAlive());
        int spinning = 0;
        for (Map.Entry<Thread, long[]> e : tracked.entrySet()) {
            long cpu = cpuNanos(e.getKey());
            long now = System.nanoTime();
            long[] last = e.getValue();
            if (last[0] >= 0 && cpu >= 0 && now > last[1] && (cpu - last[0]) > SPINNING_CPU_SHARE * (now - last[1])) {
                spinning++;
            }
            e.setValue(new long[] {cpu, now});
        }
        return spinning;
    }

    /** The live tracked threads' names, for the screen. */
    synchronized List<String> names() {
        List<String> names = new ArrayList<>();
        tracked.keySet().stream().filter(Thread::isAlive).forEach(t -> names.add(t.getName()));
        return names;
    }

    /** CPU time of a thread, or -1 where the JVM cannot measure it (then it never counts as spinning). */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+, and this targets 17.
    private long cpuNanos(Thread thread) {
        try {
            return mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(thread.getId()) : -1;
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }
}
