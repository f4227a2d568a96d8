package dev.backendkatas.idempotency;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tests' {@link ChargeHook}: lets operations pass, holds the next one "in flight" until the test releases it, or
 * crashes the server in the middle of the next one. Deterministic: nothing here depends on timing.
 */
final class Gate implements ChargeHook {

    private final AtomicInteger entered = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(0);
    private final AtomicInteger holdsLeft = new AtomicInteger();
    private final AtomicInteger crashesLeft = new AtomicInteger();

    /** The next operation to run stops in the middle and waits for {@link #release()}. */
    void holdNext() {
        release = new CountDownLatch(1);
        holdsLeft.set(1);
    }

    /** The next operation to run dies in the middle ({@link SimulatedCrash}). */
    void crashNext() {
        crashesLeft.set(1);
    }

    /** Lets the held operation finish. */
    void release() {
        release.countDown();
    }

    /** How many operations reached the middle. */
    int entered() {
        return entered.get();
    }

    @Override
    public void duringCharge(String client, PaymentRequest request) {
        entered.incrementAndGet();
        if (crashesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new SimulatedCrash();
        }
        if (holdsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            try {
                if (!release.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the held operation");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held (the server was closed)", e);
            }
        }
    }
}
