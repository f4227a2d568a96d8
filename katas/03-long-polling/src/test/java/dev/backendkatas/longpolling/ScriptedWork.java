package dev.backendkatas.longpolling;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A job's work that does nothing by itself: the test tells each input's work when to report progress, finish or
 * fail. Inputs starting with "instant" finish at once with "done: " + input.
 */
final class ScriptedWork implements JobWork {

    private final Map<String, BlockingQueue<Step>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> started = new ConcurrentHashMap<>();

    @Override
    public String run(String input, IntConsumer progress) throws Exception {
        started.put(input, true);
        if (input.startsWith("instant")) {
            return "done: " + input;
        }
        BlockingQueue<Step> script = script(input);
        while (true) {
            // Bounded, so that a test that forgets to finish a job cannot leave a worker behind for long.
            Step step = script.poll(20, TimeUnit.SECONDS);
            if (step == null) {
                throw new IllegalStateException("the test never finished " + input);
            }
            switch (step.kind) {
                case PROGRESS -> progress.accept(step.percent);
                case FINISH -> {
                    return step.text;
                }
                case FAIL -> throw step.text == null ? new IllegalStateException() : new Exception(step.text);
            }
        }
    }

    boolean started(String input) {
        return started.containsKey(input);
    }

    void progress(String input, int percent) {
        script(input).add(new Step(Kind.PROGRESS, percent, null));
    }

    void finish(String input, String result) {
        script(input).add(new Step(Kind.FINISH, 0, result));
    }

    /** Fails the work with an exception whose message is {@code reason} (none if {@code null}). */
    void fail(String input, String reason) {
        script(input).add(new Step(Kind.FAIL, 0, reason));
    }

    private BlockingQueue<Step> script(String input) {
        return scripts.computeIfAbsent(input, key -> new LinkedBlockingQueue<>());
    }

    private enum Kind { PROGRESS, FINISH, FAIL }

    private record Step(Kind kind, int percent, String text) {
    }
}
