package dev.backendkatas.chunkedupload;

import java.time.Instant;
import java.util.Objects;

/**
 * What the server knows about one upload: what a {@code HEAD} reports (tus 1.0.0, Core Protocol › Requests › HEAD).
 *
 * <p>Given to you: it is not the lesson.
 *
 * @param id       the upload's id
 * @param length   the {@code Upload-Length} it was created with (or was given later by a PATCH), or
 *                 {@link #DEFERRED_LENGTH} while the length is not known yet (creation-defer-length, stage 9)
 * @param offset   how many bytes the server has acknowledged so far, in {@code [0, length]} (or {@code >= 0} while
 *                 the length is deferred)
 * @param metadata the {@code Upload-Metadata} it was created with, exactly as received, or {@code ""} if none
 * @param expires  when the unfinished upload expires (Expiration, stage 11), or null if it never does (a complete
 *                 upload does not expire)
 */
public record UploadInfo(String id, long length, long offset, String metadata, Instant expires) {

    /** The {@link #length()} of an upload created with {@code Upload-Defer-Length: 1} until a PATCH sets it. */
    public static final long DEFERRED_LENGTH = -1;

    public UploadInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metadata, "metadata");
        if (length < DEFERRED_LENGTH || offset < 0 || (length != DEFERRED_LENGTH && offset > length)) {
            throw new IllegalArgumentException("need 0 <= offset <= length (or length deferred), got offset "
                    + offset + ", length " + length);
        }
    }

    /** An upload that does not expire. */
    public UploadInfo(String id, long length, long offset, String metadata) {
        this(id, length, offset, metadata, null);
    }

    /** Whether the length is still unknown (created with {@code Upload-Defer-Length: 1}, no PATCH has set it). */
    public boolean isLengthDeferred() {
        return length == DEFERRED_LENGTH;
    }

    /** Whether every byte has arrived: the length is known and the offset has reached it. */
    public boolean isComplete() {
        return !isLengthDeferred() && offset == length;
    }

    /** The same upload with another offset. */
    public UploadInfo withOffset(long newOffset) {
        return new UploadInfo(id, length, newOffset, metadata, expires);
    }

    /** The same upload with its length set (a deferred length becomes known). */
    public UploadInfo withLength(long newLength) {
        return new UploadInfo(id, newLength, offset, metadata, expires);
    }

    /** The same upload with another expiry (null: never). */
    public UploadInfo withExpires(Instant newExpires) {
        return new UploadInfo(id, length, offset, metadata, newExpires);
    }
}
