package dev.backendkatas.chunkedupload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link DataFileOpener} over the real file system whose next channel fails like a dying disk: once
 * {@code bytesBeforeFailure} bytes went through it, every further write throws {@code IOException}. Only the first
 * channel armed this way fails; the ones opened after it work, as after a disk was replaced. It also logs what
 * happens to data files ("write", "force", "truncate"), so a test can check that a chunk reached the disk before
 * it was acknowledged.
 */
final class FailingDisk implements DataFileOpener {

    private final AtomicLong bytesBeforeFailure = new AtomicLong(-1);
    private final AtomicInteger failures = new AtomicInteger();
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** The next data file opened for writing fails after {@code bytes} bytes. */
    void failNextWriteAfter(long bytes) {
        bytesBeforeFailure.set(bytes);
    }

    /** What happened to data files so far, in order: "write", "force", "truncate". */
    List<String> events() {
        return List.copyOf(events);
    }

    /** How many writes failed so far. */
    int failures() {
        return failures.get();
    }

    @Override
    public FileChannel open(Path dataFile, OpenOption... options) throws IOException {
        FileChannel real = FileChannel.open(dataFile, options);
        long budget = bytesBeforeFailure.getAndSet(-1);
        return new Failing(real, budget < 0 ? Long.MAX_VALUE : budget);
    }

    private final class Failing extends FileChannel {
        private final FileChannel real;
        private long budget;

        Failing(FileChannel real, long budget) {
            this.real = real;
            this.budget = budget;
        }

        private ByteBuffer allowed(ByteBuffer src) throws IOException {
            events.add("write");
            if (budget <= 0) {
                failures.incrementAndGet();
                throw new IOException("injected disk failure: No space left on device");
            }
            if (src.remaining() <= budget) {
                return src;
            }
            ByteBuffer slice = src.slice();
            slice.limit((int) budget);
            return slice;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ByteBuffer part = allowed(src);
            int n = real.write(part);
            if (part != src) {
                src.position(src.position() + n);
            }
            budget -= n;
            return n;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            ByteBuffer part = allowed(src);
            int n = real.write(part, position);
            if (part != src) {
                src.position(src.position() + n);
            }
            budget -= n;
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                while (srcs[i].hasRemaining()) {
                    total += write(srcs[i]);
                }
            }
            return total;
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
            long done = 0;
            while (done < count) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
                int n = src.read(buffer);
                if (n <= 0) {
                    break;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    done += write(buffer, position + done);
                }
            }
            return done;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            events.add("truncate");
            real.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            events.add("force");
            real.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new IOException("memory-mapping is not supported by this test disk");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
