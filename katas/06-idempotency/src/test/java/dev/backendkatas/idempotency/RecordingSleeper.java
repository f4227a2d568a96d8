package dev.backendkatas.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records the waits it is asked for and returns at once. */
final class RecordingSleeper implements Sleeper {

    private final List<Duration> delays = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration delay) {
        delays.add(delay);
    }

    List<Long> millis() {
        return delays.stream().map(Duration::toMillis).toList();
    }
}
