package dev.backendkatas.grader.bench;

import java.util.List;

/** How long {@code ./grade bench} measures: the JMH options, the same for every implementation of one bench. */
public enum BenchMode {
    /**
     * A first look, about 4.5 s per case and implementation with the fork: one fork, a warm-up of 1 s and five
     * measurements of half a second (five, so that JMH's error bar is not many times the score).
     */
    QUICK(List.of("-f", "1", "-wi", "1", "-w", "1s", "-i", "5", "-r", "500ms")),
    /** Minutes: two forks, three warm-ups and five measurements of 2 s each. */
    FULL(List.of("-f", "2", "-wi", "3", "-w", "2s", "-i", "5", "-r", "2s"));

    private final List<String> jmhOptions;

    BenchMode(List<String> jmhOptions) {
        this.jmhOptions = jmhOptions;
    }

    public List<String> jmhOptions() {
        return jmhOptions;
    }
}
