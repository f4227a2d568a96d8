package dev.backendkatas.grader.report;

import dev.backendkatas.grader.Grader;
import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.run.KataResult;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One line on the error stream, redrawn every second while katas are graded, so a long first run never looks hung:
 * {@code grading 3/9 · 01 running tests 4 s · 02 compiling 1 s}. Only on a terminal: piped or --json output stays
 * clean. Erased when grading ends.
 */
public final class ProgressLine implements Grader.Progress, AutoCloseable {

    private record Phase(String name, long since) {
    }

    private final PrintWriter err;
    private final int katas;
    private final boolean enabled;
    private final Map<String, Phase> running = new ConcurrentHashMap<>();
    private final AtomicInteger done = new AtomicInteger();
    private final EverySecond redraw;

    public ProgressLine(PrintWriter err, int katas, boolean enabled) {
        this.err = err;
        this.katas = katas;
        this.enabled = enabled;
        this.redraw = new EverySecond("grader-progress", enabled, this::draw);
    }

    @Override
    public void phase(Kata kata, String phase) {
        running.put(String.format("%02d", kata.number()), new Phase(phase, System.nanoTime()));
        draw();
    }

    @Override
    public void finished(Kata kata, KataResult result, boolean reused) {
        running.remove(String.format("%02d", kata.number()));
        done.incrementAndGet();
        draw();
    }

    private void draw() {
        if (!enabled) {
            return;
        }
        StringBuilder line = new StringBuilder("grading ").append(done.get()).append('/').append(katas);
        long now = System.nanoTime();
        for (String kata : List.copyOf(new java.util.TreeSet<>(running.keySet()))) {
            Phase phase = running.get(kata);
            if (phase != null) {
                line.append(" · ").append(kata).append(' ').append(phase.name()).append(' ')
                        .append(TimeUnit.NANOSECONDS.toSeconds(now - phase.since())).append(" s");
            }
        }
        synchronized (err) {
            err.print("\r\u001b[K" + line);
            err.flush();
        }
    }

    @Override
    public void close() {
        redraw.close();
        if (enabled) {
            synchronized (err) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }
}
