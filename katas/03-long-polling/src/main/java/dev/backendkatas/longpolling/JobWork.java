package dev.backendkatas.longpolling;

import java.util.function.IntConsumer;

/**
 * The slow work behind a job (in real life: transcode a video, build a report). The server runs it on a worker thread.
 *
 * <p>Given to you: the tests hand the server a work that they control step by step.
 */
@FunctionalInterface
public interface JobWork {

    /**
     * Does the work for {@code input} and returns its result.
     *
     * @param progress called with a percentage from 0 to 100 as the work advances, any number of times
     * @throws Exception if the work fails; the job then ends as failed, with the exception's message as its reason
     */
    String run(String input, IntConsumer progress) throws Exception;
}
