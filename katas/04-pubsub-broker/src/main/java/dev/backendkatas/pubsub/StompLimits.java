package dev.backendkatas.pubsub;

/**
 * The size limits a STOMP server enforces on the frames it reads (STOMP 1.2, "Size Limits"). A frame over a limit is
 * answered with an ERROR frame and the connection closes, so a client cannot make the server buffer without bound.
 *
 * @param maxLineBytes the longest command line or header line, in bytes, not counting its EOL
 * @param maxHeaders   the most header lines in one frame
 * @param maxBodyBytes the longest body, in bytes (with or without {@code content-length})
 */
public record StompLimits(int maxLineBytes, int maxHeaders, int maxBodyBytes) {

    /** 8 KiB lines, 64 headers, 1 MiB bodies. */
    public static final StompLimits DEFAULTS = new StompLimits(8 * 1024, 64, 1024 * 1024);

    /** @throws IllegalArgumentException a limit below 1 */
    public StompLimits {
        if (maxLineBytes < 1 || maxHeaders < 1 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("every limit must be at least 1: " + maxLineBytes + ", " + maxHeaders
                    + ", " + maxBodyBytes);
        }
    }
}
