package dev.backendkatas.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A {@link MessageHandler} that records every delivery, optionally does something with it (ack it, say), and lets a
 * test wait for deliveries with Awaitility.
 */
final class Inbox implements MessageHandler {

    static final Duration WAIT = Duration.ofSeconds(5);

    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final Consumer<Delivery> then;

    Inbox() {
        this(delivery -> { });
    }

    /** An inbox that runs {@code then} after recording each delivery (on the broker's consumer thread). */
    Inbox(Consumer<Delivery> then) {
        this.then = then;
    }

    /** An inbox that acks every delivery as soon as it arrives. */
    static Inbox acking(Session session) {
        return new Inbox(delivery -> {
            if (session.isOpen()) { // a test that closes the session may race the last ack; that is not a failure
                session.ack(delivery.tag());
            }
        });
    }

    @Override
    public void onMessage(Delivery delivery) {
        received.add(delivery);
        then.accept(delivery);
    }

    List<Delivery> all() {
        return List.copyOf(received);
    }

    int size() {
        return received.size();
    }

    List<String> payloads() {
        return received.stream().map(Delivery::payloadText).collect(Collectors.toList());
    }

    /** Waits until at least {@code count} deliveries arrived; returns all of them. */
    List<Delivery> awaitCount(int count) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(2)).pollInSameThread()
                .untilAsserted(() -> assertThat(received.size())
                        .as(() -> "deliveries so far: " + abbreviated() + "; expected at least " + count)
                        .isGreaterThanOrEqualTo(count));
        return all();
    }

    /** Waits for the first delivery. */
    Delivery awaitOne() {
        return awaitCount(1).get(0);
    }

    /** Waits until exactly {@code count} deliveries arrived, and returns the last one. */
    Delivery awaitNth(int count) {
        return awaitCount(count).get(count - 1);
    }

    private String abbreviated() {
        List<String> payloads = payloads();
        return payloads.size() <= 20 ? payloads.toString() : payloads.subList(0, 20) + "…";
    }
}
