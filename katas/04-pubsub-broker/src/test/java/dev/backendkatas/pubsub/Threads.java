package dev.backendkatas.pubsub;

import static dev.backendkatas.pubsub.Inbox.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Threads and latches in the stage tests, without sleeping: the broker's live consumer threads, and waiting for a
 * handler to reach a point (or holding it there).
 */
final class Threads {

    private Threads() {
    }

    /** Live threads whose name starts with {@code prefix}: the broker's consumer threads are named pubsub-…. */
    static List<String> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(prefix)).sorted().collect(Collectors.toList());
    }

    static void awaitNoThreads(String prefix) {
        await().atMost(WAIT).pollInSameThread().untilAsserted(() ->
                assertThat(liveThreads(prefix)).as("threads named %s… still alive", prefix).isEmpty());
    }

    static void awaitLatch(CountDownLatch latch, String what) {
        try {
            assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("waited for: %s", what).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted while waiting for: " + what, e);
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
