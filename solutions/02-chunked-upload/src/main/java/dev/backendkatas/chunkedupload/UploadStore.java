package dev.backendkatas.chunkedupload;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Uploads on disk, durable across restarts.
 *
 * <p>Each upload has two files in the storage root: the data file {@code <id>.bin} and a small record file
 * {@code <id>.info} with the length, the <em>acknowledged</em> offset and the metadata. The record is the truth: it
 * is only ever replaced whole (written to a temporary file, forced to disk, then atomically renamed over the old
 * one), and only after the chunk it acknowledges is forced to disk. A crash at any moment therefore leaves either the
 * old record or the new one, never a half-written one, and never an offset ahead of the bytes on disk. The data file
 * may hold more than the record says (a chunk the crash interrupted); those bytes are overwritten by the next PATCH.
 *
 * <p>PATCHes to one upload are serialised by a per-upload lock. A second PATCH waits up to the configured lock
 * timeout; when it gets the lock, the offset has usually moved, and it is answered with 409.
 */
public final class UploadStore {

    private static final String RECORD_SUFFIX = ".info";
    private static final String RECORD_FORMAT = "tus-upload-record 1";
    private static final int BUFFER_SIZE = 64 * 1024;

    private final UploadServerConfig config;
    private final DataFileOpener opener;
    private final SecureRandom random;
    /** Uploads seen since start; a restart reloads them from their records on first use. */
    private final ConcurrentMap<String, Upload> uploads = new ConcurrentHashMap<>();

    /** One upload in memory: its lock, and its last durable record. */
    private static final class Upload {
        final ReentrantLock lock = new ReentrantLock();
        volatile UploadInfo info;

        Upload(UploadInfo info) {
            this.info = info;
        }
    }

    /**
     * @param config where uploads live, and the lock timeout
     * @param opener opens data files (the seam a test uses to break the disk)
     * @param random the source of upload ids
     */
    public UploadStore(UploadServerConfig config, DataFileOpener opener, SecureRandom random) {
        this.config = Objects.requireNonNull(config, "config");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Creates an upload of {@code length} bytes at offset 0 under a new random id, durably: once this returns, a
     * restarted server knows the upload.
     *
     * @param length   the Upload-Length, already checked against the maximum
     * @param metadata the Upload-Metadata as received, already validated, or ""
     */
    public UploadInfo create(long length, String metadata) throws IOException {
        String id = UploadIds.newId(random);
        // CREATE_NEW: two ids colliding is a 2^-64 event, but if it happens it must fail, not share a file.
        try (FileChannel data = opener.open(config.dataFile(id), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            data.force(true);
        }
        UploadInfo info = new UploadInfo(id, length, 0, metadata);
        // The record comes last: until it exists, the upload does not (an orphan data file is harmless).
        writeRecord(info);
        uploads.put(id, new Upload(info));
        return info;
    }

    /**
     * What the server knows about upload {@code id}: its acknowledged offset, never bytes still in flight.
     *
     * @return the upload, or empty if there is none with this id (or the id is not even valid)
     */
    public Optional<UploadInfo> find(String id) throws IOException {
        return upload(id).map(upload -> upload.info);
    }

    /**
     * Appends one PATCH body at {@code offset}, all or nothing.
     *
     * <ol>
     *   <li>Waits for the upload's lock (at most the lock timeout, then 409).</li>
     *   <li>{@code offset} must be the acknowledged offset, else 409 with the current offset.</li>
     *   <li>A declared length that does not fit in what remains of the upload is refused with 413 before a byte is
     *       read; a body without a declared length is refused with 413 as soon as it overflows.</li>
     *   <li>The body is written at {@code offset}, through the checksum if there is one; a mismatch is 460.</li>
     *   <li>The data is forced to disk, then the record with the new offset replaces the old one.</li>
     * </ol>
     * Whatever fails (the client disconnects, the disk fails, the checksum or the length is wrong), the record keeps
     * the old offset and the data file is cut back to it, so the next PATCH at the reported offset succeeds.
     *
     * @param contentLength the body's declared length, or -1 if unknown
     * @param checksum      the Upload-Checksum, or null
     * @return the upload with its new offset
     * @throws UploadRejectedException 404, 409, 413 or 460, as above
     * @throws IOException             the body could not be read or the disk could not be written
     */
    public UploadInfo append(String id, long offset, InputStream body, long contentLength, ChunkChecksum checksum)
            throws IOException, UploadRejectedException {
        Upload upload = upload(id).orElseThrow(() -> new UploadRejectedException(404, "no upload with id " + id));
        lock(upload);
        try {
            UploadInfo info = upload.info;
            if (offset != info.offset()) {
                throw new UploadRejectedException(409, "Upload-Offset " + offset + " is not the upload's offset "
                        + info.offset(), info.offset());
            }
            long room = info.length() - offset;
            if (contentLength > room) {
                throw new UploadRejectedException(413, "a body of " + contentLength + " bytes does not fit: the upload"
                        + " has " + room + " bytes left", info.offset());
            }
            long received = writeChunk(config.dataFile(id), offset, body, room, checksum);
            if (received == 0) {
                return info;
            }
            UploadInfo updated = info.withOffset(offset + received);
            writeRecord(updated);
            upload.info = updated;
            return updated;
        } finally {
            upload.lock.unlock();
        }
    }

    private void lock(Upload upload) throws UploadRejectedException, InterruptedIOException {
        try {
            if (!upload.lock.tryLock(config.lockTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new UploadRejectedException(409, "another PATCH to this upload is still running",
                        upload.info.offset());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the upload's lock");
        }
    }

    /** Writes the body at offset and forces it to disk; on any failure cuts the file back to offset. */
    private long writeChunk(Path dataFile, long offset, InputStream body, long room, ChunkChecksum checksum)
            throws IOException, UploadRejectedException {
        MessageDigest digest = checksum == null ? null : checksum.newDigest();
        try (FileChannel channel = opener.open(dataFile, StandardOpenOption.WRITE)) {
            try {
                long received = copy(body, channel, offset, room, digest);
                if (digest != null && !checksum.matches(digest.digest())) {
                    throw new UploadRejectedException(Tus.STATUS_CHECKSUM_MISMATCH, "the body's " + checksum.algorithm()
                            + " digest does not match Upload-Checksum; the chunk was discarded", offset);
                }
                // Bytes a failed chunk left beyond this one must not survive as part of the upload.
                channel.truncate(offset + received);
                // Durable before acknowledged: the record must never get ahead of the data.
                channel.force(false);
                return received;
            } catch (IOException | UploadRejectedException | RuntimeException e) {
                cutBack(channel, offset, e);
                throw e;
            }
        }
    }

    /** Copies the body to the channel at offset, refusing more than {@code room} bytes. */
    private static long copy(InputStream body, FileChannel channel, long offset, long room, MessageDigest digest)
            throws IOException, UploadRejectedException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long received = 0;
        int n;
        while ((n = body.read(buffer)) != -1) {
            if (n > room - received) {
                throw new UploadRejectedException(413, "the body is longer than the " + room + " bytes the upload has"
                        + " left", offset);
            }
            if (digest != null) {
                digest.update(buffer, 0, n);
            }
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            long position = offset + received;
            while (chunk.hasRemaining()) {
                position += channel.write(chunk, position);
            }
            received += n;
        }
        return received;
    }

    /** Best effort: a failed cut is harmless, since the record still says where the upload really ends. */
    private static void cutBack(FileChannel channel, long offset, Exception cause) {
        try {
            channel.truncate(offset);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private Optional<Upload> upload(String id) throws IOException {
        // Never build a path from an id that is not one: this is the last line against path traversal.
        if (!UploadIds.isValid(id)) {
            return Optional.empty();
        }
        Upload known = uploads.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<UploadInfo> stored = readRecord(id);
        // Two threads may load the same record at once; the first one in wins and both use it.
        return stored.map(info -> uploads.computeIfAbsent(id, key -> new Upload(info)));
    }

    private Path recordFile(String id) {
        return config.storageRoot().resolve(id + RECORD_SUFFIX);
    }

    private Optional<UploadInfo> readRecord(String id) throws IOException {
        String text;
        try {
            text = Files.readString(recordFile(id), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String[] lines = text.split("\n", -1);
        if (lines.length != 5 || !lines[0].equals(RECORD_FORMAT) || !lines[4].isEmpty()) {
            throw new IOException("corrupt upload record " + recordFile(id));
        }
        try {
            long length = Long.parseLong(value(lines[1], "length="));
            long offset = Long.parseLong(value(lines[2], "offset="));
            return Optional.of(new UploadInfo(id, length, offset, value(lines[3], "metadata=")));
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt upload record " + recordFile(id), e);
        }
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key)) {
            throw new IllegalArgumentException("expected " + key + " in " + line);
        }
        return line.substring(key.length());
    }

    /** Replaces the record atomically: temporary file, force, rename, then force the directory entry. */
    private void writeRecord(UploadInfo info) throws IOException {
        String text = RECORD_FORMAT + "\nlength=" + info.length() + "\noffset=" + info.offset() + "\nmetadata="
                + info.metadata() + "\n";
        Path record = recordFile(info.id());
        Path temporary = config.storageRoot().resolve(info.id() + RECORD_SUFFIX + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the storage root must support atomic renames", e);
        }
        forceDirectory();
    }

    /** A rename is durable only once the directory is; not every platform lets a directory be opened. */
    private void forceDirectory() {
        try (FileChannel directory = FileChannel.open(config.storageRoot(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself.
        }
    }
}
