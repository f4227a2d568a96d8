package dev.backendkatas.chunkedupload;

import java.time.Duration;

/**
 * Waits between retries. The client never sleeps by itself: it asks its sleeper, so that tests record the delays
 * instead of waiting for them.
 *
 * <p>Given to you: it is not the lesson.
 */
@FunctionalInterface
public interface Sleeper {

    /** Really waits, with {@link Thread#sleep(long)}. */
    Sleeper REAL = delay -> Thread.sleep(delay.toMillis());

    /**
     * Waits for {@code delay}.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void sleep(Duration delay) throws InterruptedException;
}
