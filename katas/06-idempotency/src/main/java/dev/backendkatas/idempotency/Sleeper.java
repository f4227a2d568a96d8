package dev.backendkatas.idempotency;

import java.time.Duration;

/** Waits between two attempts of the client. Given to you: the tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** The real one: {@link Thread#sleep}. */
    Sleeper REAL = delay -> Thread.sleep(delay.toMillis(), (int) (delay.toNanosPart() % 1_000_000));

    void sleep(Duration delay) throws InterruptedException;
}
