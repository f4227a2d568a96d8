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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Uploads on disk, durable across restarts.
 *
 * <p>Each upload has two files in the storage root: the data file {@code <id>.bin} and a small record file
 * {@code <id>.info} with the length (or "deferred"), the <em>acknowledged</em> offset, the metadata and the expiry.
 * The record is the truth: it
 * is only ever replaced whole (written to a temporary file, forced to disk, then atomically renamed over the old
 * one), and only after the chunk it acknowledges is forced to disk. A crash at any moment therefore leaves either the
 * old record or the new one, never a half-written one, and never an offset ahead of the bytes on disk. The data file
 * may hold more than the record says (a chunk the crash interrupted); those bytes are overwritten by the next PATCH.
 *
 * <p>PATCHes to one upload are serialised by a per-upload lock. A second PATCH waits up to the configured lock
 * timeout; when it gets the lock, the offset has usually moved, and it is answered with 409.
 *
 * <p>An unfinished upload expires {@code expiration} after its creation or its last recorded change (Expiration).
 * The expiry is in the record, so a restart does not extend it. An expired upload is removed like a deleted one, by
 * the first request that meets it or by {@link #sweepExpired}, and is unknown (404) from then on.
 */
public final class UploadStore {

    private static final String RECORD_SUFFIX = ".info";
    private static final String RECORD_FORMAT = "tus-upload-record 2";
    private static final String DEFERRED = "deferred";
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
        /** Set, under the lock, once DELETE removed the upload: a PATCH that waited for the lock must not revive it. */
        volatile boolean deleted;

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
     * restarted server knows the upload. Unless it is complete at once, it expires {@code expiration} from now.
     *
     * @param length   the Upload-Length, already checked against the maximum, or {@link UploadInfo#DEFERRED_LENGTH}
     * @param metadata the Upload-Metadata as received, already validated, or ""
     */
    public UploadInfo create(long length, String metadata) throws IOException {
        String id = UploadIds.newId(random);
        // CREATE_NEW: two ids colliding is a 2^-64 event, but if it happens it must fail, not share a file.
        try (FileChannel data = opener.open(config.dataFile(id), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            data.force(true);
        }
        UploadInfo info = new UploadInfo(id, length, 0, metadata, length == 0 ? null : nextExpiry());
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
        try {
            return live(id).map(upload -> upload.info);
        } catch (UploadRejectedException e) {
            // Expired, but a request still holds it: it is gone all the same, the next access removes it.
            return Optional.empty();
        }
    }

    /**
     * Deletes upload {@code id} and its files (Termination extension). Waits for a running PATCH first (at most the
     * lock timeout, then 409), so that no PATCH writes into a deleted upload; the record goes first, since its
     * existence is the upload's.
     *
     * @return false if there is no such upload (any more)
     */
    public boolean delete(String id) throws IOException, UploadRejectedException {
        Optional<Upload> found = live(id);
        if (found.isEmpty()) {
            return false;
        }
        return remove(id, found.get(), false);
    }

    /**
     * Removes every expired upload, those no request has asked about since a restart included: the records on disk
     * are the list (Expiration). An upload a running request holds stays for the next sweep.
     *
     * @return how many uploads were removed
     */
    public int sweepExpired() throws IOException {
        List<String> ids;
        try (Stream<Path> files = Files.list(config.storageRoot())) {
            ids = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(RECORD_SUFFIX))
                    .map(name -> name.substring(0, name.length() - RECORD_SUFFIX.length()))
                    .filter(UploadIds::isValid).toList();
        }
        int removed = 0;
        for (String id : ids) {
            Optional<Upload> found = upload(id);
            if (found.isPresent() && isExpired(found.get().info)) {
                try {
                    if (remove(id, found.get(), true)) {
                        removed++;
                    }
                } catch (UploadRejectedException busy) {
                    // A request holds it longer than the lock timeout; the next sweep, or that request, removes it.
                }
            }
        }
        return removed;
    }

    /** The upload, unless it is deleted or expired; an expired one is removed on the way (Expiration). */
    private Optional<Upload> live(String id) throws IOException, UploadRejectedException {
        Optional<Upload> found = upload(id).filter(upload -> !upload.deleted);
        if (found.isPresent() && isExpired(found.get().info)) {
            remove(id, found.get(), true);
            return Optional.empty();
        }
        return found;
    }

    private boolean isExpired(UploadInfo info) {
        // "The time after which the unfinished upload expires": at that very second it still lives.
        return info.expires() != null && config.clock().instant().isAfter(info.expires());
    }

    /** Now plus the expiration, to the second: exactly what the IMF-fixdate in Upload-Expires can say. */
    private Instant nextExpiry() {
        return config.clock().instant().plus(config.expiration()).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Removes an upload under its lock (DELETE, or expiry): the record first, since its existence is the upload's.
     *
     * @return false if another request removed it first (or, with {@code onlyIfExpired}, it did not expire)
     */
    private boolean remove(String id, Upload upload, boolean onlyIfExpired) throws IOException,
            UploadRejectedException {
        lock(upload);
        try {
            if (upload.deleted || (onlyIfExpired && !isExpired(upload.info))) {
                return false;
            }
            Files.deleteIfExists(recordFile(id));
            forceDirectory();
            upload.deleted = true;
            uploads.remove(id, upload);
            Files.deleteIfExists(config.storageRoot().resolve(id + RECORD_SUFFIX + ".tmp"));
            Files.deleteIfExists(config.dataFile(id));
            return true;
        } finally {
            upload.lock.unlock();
        }
    }

    /**
     * Appends one PATCH body at {@code offset}: as much of it as arrived, or, with a checksum, all or nothing.
     *
     * <ol>
     *   <li>Waits for the upload's lock (at most the lock timeout, then 409).</li>
     *   <li>{@code offset} must be the acknowledged offset, else 409 with the current offset.</li>
     *   <li>A declared length that does not fit in what remains of the upload is refused with 413 before a byte is
     *       read; a body without a declared length is refused with 413 as soon as it overflows.</li>
     *   <li>The body is written at {@code offset}, through the checksum if there is one; a mismatch is 460.</li>
     *   <li>The data is forced to disk, then the record with the new offset replaces the old one.</li>
     * </ol>
     * A body that ends early (the client vanished) or overflows keeps, without a checksum, the bytes that arrived
     * and fit: they are forced and recorded before the failure is reported (tus 1.0.0, Core › PATCH: store as much
     * of the received data as possible). With a checksum those bytes cannot be verified, so they are discarded.
     * Whatever else fails (the disk, the checksum), the record keeps the old offset and the data file is cut back to
     * it, so the next PATCH at the reported offset succeeds.
     *
     * A deferred length is set by {@code uploadLength} (creation-defer-length): at least the offset, recorded with
     * the chunk; once set it does not change (a different value is 400, the same one is a retry and harmless).
     * While the length is deferred, the body may fill the upload up to the maximum size.
     *
     * @param contentLength the body's declared length, or -1 if unknown
     * @param checksum      the Upload-Checksum, or null
     * @param uploadLength  the PATCH's Upload-Length, already checked against the maximum, or -1 if it has none
     * @return the upload with its new offset
     * @throws UploadRejectedException 404, 409, 413 or 460, as above; a 413 after a kept prefix carries the new
     *                                 offset
     * @throws IOException             the body could not be read or the disk could not be written
     */
    public UploadInfo append(String id, long offset, InputStream body, long contentLength, ChunkChecksum checksum,
            long uploadLength) throws IOException, UploadRejectedException {
        Upload upload = live(id).orElseThrow(() -> new UploadRejectedException(404, "no upload with id " + id));
        lock(upload);
        try {
            if (upload.deleted) {
                throw new UploadRejectedException(404, "the upload was deleted while this PATCH waited");
            }
            if (isExpired(upload.info)) {
                remove(id, upload, true);
                throw new UploadRejectedException(404, "the upload expired while this PATCH waited");
            }
            UploadInfo info = upload.info;
            if (offset != info.offset()) {
                throw new UploadRejectedException(409, "Upload-Offset " + offset + " is not the upload's offset "
                        + info.offset(), info.offset());
            }
            UploadInfo target = withLength(info, uploadLength);
            long room = (target.isLengthDeferred() ? config.maxUploadSize() : target.length()) - offset;
            if (contentLength > room) {
                throw new UploadRejectedException(413, "a body of " + contentLength + " bytes does not fit: the upload"
                        + " has " + room + " bytes left", info.offset());
            }
            Written written = writeChunk(config.dataFile(id), offset, body, room, checksum);
            UploadInfo updated = info;
            if (written.received > 0 || target != info) {
                updated = target.withOffset(offset + written.received);
                // Each recorded change gives an unfinished upload more time; a complete one never expires.
                updated = updated.withExpires(updated.isComplete() ? null : nextExpiry());
                writeRecord(updated);
                upload.info = updated;
            }
            if (written.failure instanceof UploadRejectedException tooLong) {
                throw new UploadRejectedException(tooLong.status(), tooLong.getMessage() + "; the first "
                        + written.received + " bytes were kept", updated.offset());
            }
            if (written.failure instanceof IOException ended) {
                throw ended;
            }
            return updated;
        } finally {
            upload.lock.unlock();
        }
    }

    /**
     * The upload with the length a PATCH's Upload-Length sets (Creation › POST, creation-defer-length): only a
     * deferred length can be set, never below the offset; once known, it must not change.
     */
    private static UploadInfo withLength(UploadInfo info, long uploadLength) throws UploadRejectedException {
        if (uploadLength < 0) {
            return info;
        }
        if (!info.isLengthDeferred()) {
            if (uploadLength != info.length()) {
                throw new UploadRejectedException(400, "the upload's length is " + info.length() + " and must not"
                        + " change; got Upload-Length " + uploadLength);
            }
            return info;
        }
        if (uploadLength < info.offset()) {
            throw new UploadRejectedException(400, "Upload-Length " + uploadLength + " is below the upload's offset "
                    + info.offset());
        }
        return info.withLength(uploadLength);
    }

    /** What a chunk left on disk: the bytes kept, and why the body stopped early (or null). */
    private record Written(long received, Exception failure) {
    }

    /** The body stopped early: it ended before its end (the client is gone) or overflowed the upload. */
    private static final class BodyStopped extends Exception {
        private static final long serialVersionUID = 1L;
        final long received;
        final Exception reason;

        BodyStopped(long received, Exception reason) {
            super(reason.getMessage(), reason, false, false);
            this.received = received;
            this.reason = reason;
        }

        void rethrow() throws IOException, UploadRejectedException {
            if (reason instanceof IOException ended) {
                throw ended;
            }
            throw (UploadRejectedException) reason;
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

    /**
     * Writes the body at offset and forces it to disk. A body that stopped early keeps its prefix only without a
     * checksum; on any other failure the file is cut back to offset.
     */
    private Written writeChunk(Path dataFile, long offset, InputStream body, long room, ChunkChecksum checksum)
            throws IOException, UploadRejectedException {
        MessageDigest digest = checksum == null ? null : checksum.newDigest();
        try (FileChannel channel = opener.open(dataFile, StandardOpenOption.WRITE)) {
            try {
                long received;
                Exception stopped = null;
                try {
                    received = copy(body, channel, offset, room, digest);
                } catch (BodyStopped e) {
                    if (digest != null) {
                        // A prefix cannot be checked against a digest of the whole body: all or nothing.
                        e.rethrow();
                    }
                    received = e.received;
                    stopped = e.reason;
                }
                if (stopped == null && digest != null && !checksum.matches(digest.digest())) {
                    throw new UploadRejectedException(Tus.STATUS_CHECKSUM_MISMATCH, "the body's " + checksum.algorithm()
                            + " digest does not match Upload-Checksum; the chunk was discarded", offset);
                }
                // Bytes a failed chunk left beyond this one must not survive as part of the upload.
                channel.truncate(offset + received);
                // Durable before acknowledged: the record must never get ahead of the data.
                channel.force(false);
                return new Written(received, stopped);
            } catch (IOException | UploadRejectedException | RuntimeException e) {
                cutBack(channel, offset, e);
                throw e;
            }
        }
    }

    /**
     * Copies the body to the channel at offset, refusing more than {@code room} bytes. A body that ends early or
     * overflows stops with {@link BodyStopped}, which says how many bytes are already written (those that fit).
     */
    private static long copy(InputStream body, FileChannel channel, long offset, long room, MessageDigest digest)
            throws IOException, BodyStopped {
        byte[] buffer = new byte[BUFFER_SIZE];
        long received = 0;
        while (true) {
            int n;
            try {
                n = body.read(buffer);
            } catch (IOException e) {
                throw new BodyStopped(received, e);
            }
            if (n == -1) {
                return received;
            }
            boolean overflows = n > room - received;
            int fits = overflows ? (int) (room - received) : n;
            if (digest != null) {
                digest.update(buffer, 0, fits);
            }
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, fits);
            long position = offset + received;
            while (chunk.hasRemaining()) {
                position += channel.write(chunk, position);
            }
            received += fits;
            if (overflows) {
                throw new BodyStopped(received, new UploadRejectedException(413, "the body is longer than the "
                        + room + " bytes the upload has left", offset));
            }
        }
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
        if (lines.length != 6 || !lines[0].equals(RECORD_FORMAT) || !lines[5].isEmpty()) {
            throw new IOException("corrupt upload record " + recordFile(id));
        }
        try {
            String lengthValue = value(lines[1], "length=");
            long length = lengthValue.equals(DEFERRED) ? UploadInfo.DEFERRED_LENGTH : Long.parseLong(lengthValue);
            long offset = Long.parseLong(value(lines[2], "offset="));
            String expiresValue = value(lines[4], "expires=");
            Instant expires = expiresValue.isEmpty() ? null : Instant.parse(expiresValue);
            return Optional.of(new UploadInfo(id, length, offset, value(lines[3], "metadata="), expires));
        } catch (IllegalArgumentException | DateTimeParseException e) {
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
        String text = RECORD_FORMAT + "\nlength=" + (info.isLengthDeferred() ? DEFERRED : info.length())
                + "\noffset=" + info.offset() + "\nmetadata=" + info.metadata() + "\nexpires="
                + (info.expires() == null ? "" : info.expires()) + "\n";
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
