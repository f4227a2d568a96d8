package dev.backendkatas.webrtcsignaling;

import java.time.Duration;
import java.util.Objects;

/**
 * How the signaling server of Stage 5 runs.
 *
 * <p>Given.
 *
 * @param threads         the fixed pool that runs HTTP requests: an open event stream must not keep one of them
 * @param deliveryThreads the fixed pool that writes events to the streams, shared by every peer
 * @param heartbeat       how long a stream may stay silent before the server writes a comment line on it
 * @param maxQueued       how many messages one peer may have accepted for it and not yet written to a stream of its
 *                        own; one more is refused with 429, nothing accepted before is dropped
 * @param retained        how many of the latest messages for a peer are kept for a reconnection with
 *                        {@code Last-Event-ID} (at least {@code maxQueued}, so that nothing undelivered is forgotten)
 * @param maxBodyBytes    the largest message body a POST may carry (413 above it)
 */
public record SignalingConfig(int threads, int deliveryThreads, Duration heartbeat, int maxQueued, int retained,
                              int maxBodyBytes) {

    public SignalingConfig {
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (threads < 1 || deliveryThreads < 1 || maxQueued < 1 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("threads, deliveryThreads, maxQueued and maxBodyBytes are at least 1");
        }
        if (retained < maxQueued) {
            throw new IllegalArgumentException("retained (" + retained + ") must be at least maxQueued (" + maxQueued
                    + "): a message not yet delivered must still be there to deliver");
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval is positive: " + heartbeat);
        }
    }

    /** 4 request threads, 2 delivery threads, a heartbeat every 15 s, 64 queued, 128 retained, 64 KiB bodies. */
    public static SignalingConfig defaults() {
        return new SignalingConfig(4, 2, Duration.ofSeconds(15), 64, 128, 64 * 1024);
    }

    /** The same configuration with another queue bound and retention. */
    public SignalingConfig withQueue(int maxQueued, int retained) {
        return new SignalingConfig(threads, deliveryThreads, heartbeat, maxQueued, retained, maxBodyBytes);
    }
}
