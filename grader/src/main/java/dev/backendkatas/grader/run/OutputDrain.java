package dev.backendkatas.grader.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies one output stream of the test JVM to a file on its own thread, so the child never blocks on a full pipe.
 * Keeps at most {@code limit} bytes on disk (a learner's print loop must not fill the disk) and the last bytes in
 * memory: the JVM's own "Terminating due to java.lang.OutOfMemoryError" comes last.
 */
final class OutputDrain implements Runnable {

    private static final int TAIL_BYTES = 16 * 1024;

    private final InputStream in;
    private final Path file;
    private final long limit;
    private final byte[] tail = new byte[TAIL_BYTES];
    private long total;
    private final Thread thread;

    OutputDrain(InputStream in, Path file, long limit, String name) {
        this.in = in;
        this.file = file;
        this.limit = limit;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (InputStream source = in; OutputStream out = Files.newOutputStream(file)) {
            for (int n = source.read(buffer); n >= 0; n = source.read(buffer)) {
                long room = limit - total;
                if (room > 0) {
                    out.write(buffer, 0, (int) Math.min(room, n));
                }
                remember(buffer, n);
            }
        } catch (IOException e) {
            // The pipe closes when the child is killed; what was read so far is all there is.
        }
    }

    private synchronized void remember(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            tail[(int) (total++ % TAIL_BYTES)] = buffer[i];
        }
    }

    /** Waits, at most {@code millis}, until the child's end of the pipe is closed (the process and its children are gone). */
    void awaitEnd(long millis) throws InterruptedException {
        thread.join(millis);
    }

    /** The last bytes written, as text. */
    synchronized String tail() {
        int size = (int) Math.min(total, TAIL_BYTES);
        byte[] ordered = new byte[size];
        for (int i = 0; i < size; i++) {
            ordered[i] = tail[(int) ((total - size + i) % TAIL_BYTES)];
        }
        return new String(ordered, StandardCharsets.UTF_8);
    }
}
