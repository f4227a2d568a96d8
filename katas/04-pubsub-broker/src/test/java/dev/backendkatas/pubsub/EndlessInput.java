package dev.backendkatas.pubsub;

import java.io.InputStream;

/**
 * An input stream for the size-limit tests: a start, then one pattern repeated up to a large total (1 MiB by default),
 * as a client would send a frame that never ends. It counts the bytes read, so a test can check that a reader stopped
 * soon after a limit instead of buffering everything first.
 */
final class EndlessInput extends InputStream {

    static final int TOTAL = 1 << 20;

    private final byte[] start;
    private final byte[] pattern;
    private long consumed;

    EndlessInput(byte[] start, byte[] pattern) {
        this.start = start.clone();
        this.pattern = pattern.clone();
    }

    /** How many bytes the reader has taken so far. */
    long consumed() {
        return consumed;
    }

    @Override
    public int read() {
        if (consumed >= TOTAL) {
            return -1;
        }
        long at = consumed++;
        return at < start.length ? start[(int) at] & 0xFF : pattern[(int) ((at - start.length) % pattern.length)] & 0xFF;
    }
}
