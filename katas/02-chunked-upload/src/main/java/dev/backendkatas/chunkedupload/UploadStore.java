package dev.backendkatas.chunkedupload;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * Stages 1, 2, 4, 8, 9 and 11 — uploads on disk, durable across restarts.
 *
 * <p>The {@link UploadHandler} speaks HTTP; this class keeps the bytes and the offsets. Its public methods are a
 * suggestion of how to split the work: the tests only talk HTTP to an {@link UploadServer}, which creates one store
 * with this constructor. Change the rest as you like.
 *
 * <h2>The contract</h2>
 * <ul>
 *   <li><b>Where</b>: upload {@code id}'s bytes are in {@link UploadServerConfig#dataFile(String)}
 *       ({@code <root>/<id>.bin}); anything else you keep for it lives in the storage root too, in files whose names
 *       start with the id. Data files are opened only through the {@link DataFileOpener}.</li>
 *   <li><b>Acknowledged means durable</b> (stage 4): once an offset has been reported (201, 204 or HEAD), a new
 *       store over the same root reports it too. Force the data to disk before you record the new offset, and
 *       record the offset so that a crash cannot leave it half-written.</li>
 *   <li><b>Keep what arrived</b> (tus 1.0.0, Core › PATCH: the server SHOULD store as much of the received data as
 *       possible): a PATCH <em>without</em> Upload-Checksum whose body ends early (client gone mid-body) or runs past
 *       the upload's length keeps the bytes that arrived and fit, durably, and the offset moves past them; a 413
 *       then carries the new offset.</li>
 *   <li><b>Otherwise all or nothing</b>: a PATCH <em>with</em> Upload-Checksum that does not arrive whole or does
 *       not match, and any PATCH the disk fails, leaves the acknowledged offset where it was, and the next PATCH at
 *       that offset succeeds. The data file may then hold stray bytes past the offset (a crash can leave them too):
 *       they are not part of the upload, and must be overwritten or cut off.</li>
 *   <li><b>One PATCH at a time per upload</b>: a second PATCH to the same upload waits for the first (at most
 *       {@link UploadServerConfig#lockTimeout()}, then 409); bytes of two PATCHes never interleave. HEAD does not
 *       wait: it reports the last acknowledged offset.</li>
 *   <li><b>A deferred length</b> (stage 9, creation-defer-length): an upload created with
 *       {@link UploadInfo#DEFERRED_LENGTH} gets its length from the first PATCH that carries {@code Upload-Length}:
 *       at least the upload's offset (else 400), recorded durably together with that PATCH's bytes. Once known, the
 *       length never changes: a different {@code Upload-Length} is 400 (the same one is a retried PATCH, and
 *       harmless). Until then, a body may fill the upload up to {@link UploadServerConfig#maxUploadSize()}.</li>
 *   <li><b>Expiry</b> (stage 11, Expiration): time comes only from {@link UploadServerConfig#clock()}. An unfinished
 *       upload expires {@link UploadServerConfig#expiration()} after its creation, and again after each change of
 *       its record (bytes stored, length set), to the second; a complete upload never expires. The expiry is part of
 *       the durable record: a restart does not extend it. An upload whose expiry has passed (now is after it) is
 *       gone: {@link #find} is empty, {@link #append} and {@link #delete} treat it as unknown, and the first of them
 *       to meet it removes its files; {@link #sweepExpired} removes every expired upload at once.</li>
 * </ul>
 */
public final class UploadStore {

    private final UploadServerConfig config;
    private final DataFileOpener opener;
    private final SecureRandom random;

    /**
     * @param config where uploads live, and the lock timeout
     * @param opener opens data files (the seam a test uses to break the disk)
     * @param random the source of upload ids ({@link UploadIds#newId})
     */
    public UploadStore(UploadServerConfig config, DataFileOpener opener, SecureRandom random) {
        this.config = Objects.requireNonNull(config, "config");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Creates an upload of {@code length} bytes at offset 0 under a new random id, durably: once this returns, a new
     * store over the same root knows the upload. Unless it is complete at once (length 0), it expires
     * {@link UploadServerConfig#expiration()} from now (stage 11).
     *
     * @param length   the Upload-Length, already checked against the maximum, or {@link UploadInfo#DEFERRED_LENGTH}
     *                 for {@code Upload-Defer-Length: 1} (stage 9)
     * @param metadata the Upload-Metadata as received, already validated, or ""
     */
    public UploadInfo create(long length, String metadata) throws IOException {
        throw new UnsupportedOperationException("Stage 1: create an upload on disk"
                + " — see katas/02-chunked-upload/README.md, 'Stage 1 — Create and query'");
    }

    /**
     * What the server knows about upload {@code id}, its acknowledged offset included (never bytes still in flight).
     *
     * @return the upload, or empty if there is none with this id (or it expired, stage 11)
     */
    public Optional<UploadInfo> find(String id) throws IOException {
        throw new UnsupportedOperationException("Stage 1: find an upload"
                + " — see katas/02-chunked-upload/README.md, 'Stage 1 — Create and query'");
    }

    /**
     * Deletes upload {@code id}: its record and its data file, every file of it in the storage root (Termination).
     * It waits for a PATCH to the same upload that is still running, like a second PATCH would, and a PATCH that
     * waited for a deleted upload gets 404 and writes nothing. A new store over the same root does not know the
     * upload any more.
     *
     * @return false if there is no such upload (never created, deleted before, or expired)
     * @throws UploadRejectedException 409 if a running PATCH holds the upload longer than the lock timeout
     */
    public boolean delete(String id) throws IOException, UploadRejectedException {
        throw new UnsupportedOperationException("Stage 8: delete an upload"
                + " — see katas/02-chunked-upload/README.md, 'Stage 8 — Termination'");
    }

    /**
     * Appends one PATCH body at {@code offset}: what arrived without a checksum, all or nothing with one (see the class
     * comment).
     *
     * @param id            the upload
     * @param offset        the request's Upload-Offset: must equal the acknowledged offset, else 409
     * @param body          the request body
     * @param contentLength the body's declared length, or -1 if unknown
     * @param checksum      the parsed Upload-Checksum, or null if the request has none
     * @param uploadLength  the request's Upload-Length (stage 9: it sets a deferred length), already checked against
     *                      the maximum, or -1 if the request has none
     * @return the upload with its new offset (and, stage 11, its new expiry)
     * @throws UploadRejectedException 400 (an Upload-Length below the offset, or other than a length already set),
     *                                 404 (no such upload, or expired), 409 (offset mismatch or lock timeout, with
     *                                 the current offset), 413 (the body does not fit in what remains; with the new
     *                                 offset if the bytes that fit were kept), 460 (checksum mismatch)
     * @throws IOException             the body could not be read, or the disk could not be written
     */
    public UploadInfo append(String id, long offset, InputStream body, long contentLength, ChunkChecksum checksum,
            long uploadLength) throws IOException, UploadRejectedException {
        throw new UnsupportedOperationException("Stage 2: append a chunk"
                + " — see katas/02-chunked-upload/README.md, 'Stage 2 — Append'");
    }

    /**
     * Removes every upload whose expiry has passed, files and all, including those this store has not loaded since
     * a restart (stage 11, Expiration). An upload a running PATCH holds may wait for the next sweep.
     *
     * @return how many uploads were removed
     */
    public int sweepExpired() throws IOException {
        throw new UnsupportedOperationException("Stage 11: remove expired uploads"
                + " — see katas/02-chunked-upload/README.md, 'Stage 11 — Expiration'");
    }
}
