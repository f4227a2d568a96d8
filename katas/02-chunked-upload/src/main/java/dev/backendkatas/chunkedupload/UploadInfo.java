package dev.backendkatas.chunkedupload;

import java.util.Objects;

/**
 * What the server knows about one upload: what a {@code HEAD} reports (tus 1.0.0, Core Protocol › Requests › HEAD).
 *
 * <p>Given to you: it is not the lesson.
 *
 * @param id       the upload's id
 * @param length   the {@code Upload-Length} it was created with
 * @param offset   how many bytes the server has acknowledged so far, in {@code [0, length]}
 * @param metadata the {@code Upload-Metadata} it was created with, exactly as received, or {@code ""} if none
 */
public record UploadInfo(String id, long length, long offset, String metadata) {

    public UploadInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metadata, "metadata");
        if (length < 0 || offset < 0 || offset > length) {
            throw new IllegalArgumentException("need 0 <= offset <= length, got offset " + offset + ", length "
                    + length);
        }
    }

    /** Whether every byte has arrived. */
    public boolean isComplete() {
        return offset == length;
    }

    /** The same upload with another offset. */
    public UploadInfo withOffset(long newOffset) {
        return new UploadInfo(id, length, newOffset, metadata);
    }
}
