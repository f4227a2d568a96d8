package dev.backendkatas.chunkedupload;

/**
 * Hears how far an upload has come, counted in bytes the server has <em>acknowledged</em> (a 204's
 * {@code Upload-Offset}, or a HEAD's), never in bytes merely sent.
 *
 * <p>Given to you: it is not the lesson.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = (acknowledged, total) -> { };

    /**
     * Called on the uploading thread each time the acknowledged offset grows: first with the offset the server had
     * when the upload (or its resumption) started, then strictly increasing, the last call with
     * {@code acknowledged == total}. A zero-byte upload reports {@code (0, 0)} once.
     *
     * @param acknowledged bytes the server holds
     * @param total        the upload's length
     */
    void onProgress(long acknowledged, long total);
}
