package dev.backendkatas.grader.report;

import java.util.concurrent.TimeUnit;

/** A daemon thread that runs an action once a second until closed: what keeps a progress line's clock moving. */
public final class EverySecond implements AutoCloseable {

    private final Thread thread;

    /** Starts at once when {@code enabled}; otherwise does nothing, and closing it does nothing either. */
    public EverySecond(String name, boolean enabled, Runnable action) {
        thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    TimeUnit.SECONDS.sleep(1);
                    action.run();
                }
            } catch (InterruptedException e) {
                // Closed.
            }
        }, name);
        thread.setDaemon(true);
        if (enabled) {
            thread.start();
        }
    }

    /** Stops the thread and waits for it, so nothing is drawn after this returns. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
