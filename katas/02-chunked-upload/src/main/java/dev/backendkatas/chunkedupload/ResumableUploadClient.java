package dev.backendkatas.chunkedupload;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Stage 5 — a tus 1.0.0 client on the JDK {@link java.net.http.HttpClient} (HTTP/1.1): it creates an upload, sends
 * the file in chunks, and resumes from the <em>server's</em> offset whenever a request fails in a way that may be
 * temporary.
 *
 * <ul>
 *   <li>Every request carries {@code Tus-Resumable: 1.0.0}. Each PATCH carries one chunk of at most
 *       {@link ClientConfig#chunkSize()} bytes read from the file at the acknowledged offset,
 *       {@code Content-Type: application/offset+octet-stream}, {@code Upload-Offset}, and
 *       {@code Upload-Checksum: sha256 <Base64 of the SHA-256 of exactly those bytes>}.</li>
 *   <li>A <b>failure</b> is an {@code IOException} (dropped connection, timeout), a 5xx, or a 409 to a PATCH. After
 *       each failure the client waits {@link RetryPolicy#delayBeforeRetry} (1 for the first failure in a row)
 *       through the {@link Sleeper}, then asks the server with HEAD, and continues from the offset HEAD reports. It
 *       never continues from its own count of what it sent. A HEAD or a POST that fails is itself a failure, and is
 *       repeated after the next wait.</li>
 *   <li>When the server's acknowledged offset grows, the count of failures in a row starts again from zero. The
 *       failure after {@link RetryPolicy#maxRetries()} in a row ends the upload with
 *       {@link UploadFailedException}.</li>
 *   <li><b>Permanent</b>, at once, with the status in {@link UploadFailedException#status()}: any 4xx other than a
 *       409 to a PATCH (460 included), and a server that breaks the protocol — a 201 without Location, a 204 or
 *       HEAD without a valid Upload-Offset, a 204 whose offset is not in {@code (offset, offset + chunk]}, a HEAD
 *       offset below what was already acknowledged or above the length, a HEAD Upload-Length that is not the
 *       file's size.</li>
 *   <li>Progress goes to the {@link ProgressListener}: acknowledged bytes, strictly increasing, ending at the
 *       total.</li>
 * </ul>
 */
public final class ResumableUploadClient {

    private final ClientConfig config;

    public ResumableUploadClient(ClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Creates an upload for {@code file} at {@code endpoint} ({@link #create}) and uploads it completely
     * ({@link #resume}).
     *
     * @return the upload's URL, to resume it later
     * @throws UploadFailedException if the server refuses, breaks the protocol, or the retry budget runs out
     * @throws IOException           if the file cannot be read
     */
    public URI upload(URI endpoint, Path file, ProgressListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("Stage 5: upload a file"
                + " — see katas/02-chunked-upload/README.md, 'Stage 5 — The resumable client'");
    }

    /**
     * POST to {@code endpoint} with {@code Upload-Length: length} and no body. 201 with a {@code Location} is
     * success; the Location may be relative and is resolved against {@code endpoint}. A dropped connection or a 5xx
     * is a failure (retried); any other answer is permanent.
     *
     * @return the new upload's URL
     */
    public URI create(URI endpoint, long length) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("Stage 5: create an upload"
                + " — see katas/02-chunked-upload/README.md, 'Stage 5 — The resumable client'");
    }

    /**
     * Uploads what the server does not have yet of {@code file} to the existing {@code upload}: HEAD first, then
     * PATCH from the server's offset until it reaches the length.
     *
     * @throws UploadFailedException as described in the class comment
     * @throws IOException           if the file cannot be read
     */
    public void resume(URI upload, Path file, ProgressListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("Stage 5: resume an upload"
                + " — see katas/02-chunked-upload/README.md, 'Stage 5 — The resumable client'");
    }
}
