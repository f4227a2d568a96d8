package dev.backendkatas.chunkedupload;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A tus 1.0.0 client on the JDK {@link HttpClient} (HTTP/1.1): it creates an upload, sends the file in chunks, and
 * resumes from the <em>server's</em> offset whenever a request fails in a way that may be temporary.
 *
 * <ul>
 *   <li>Each PATCH carries one chunk of at most {@link ClientConfig#chunkSize()} bytes read from the file at the
 *       acknowledged offset, with {@code Upload-Checksum: sha256 <Base64>} of exactly those bytes.</li>
 *   <li>A dropped connection, a timeout, a 5xx or a 409 is a <em>failure</em>: the client waits
 *       {@link RetryPolicy#delayBeforeRetry} through the {@link Sleeper}, asks the server for its offset with HEAD,
 *       and continues from there. It never trusts its own count of what it sent.</li>
 *   <li>Any other 4xx is permanent, and so is a server that breaks the protocol: an offset that goes backwards,
 *       lies beyond the chunk or the length, or is missing. Both end in {@link UploadFailedException} at once.</li>
 *   <li>The server's offset growing resets the failure count (see {@link RetryPolicy}).</li>
 * </ul>
 */
public final class ResumableUploadClient {

    private final ClientConfig config;
    private final HttpClient http;

    public ResumableUploadClient(ClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        // HTTP/1.1: no h2c upgrade dance on plain http, and one request per connection at a time.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Creates an upload for {@code file} at {@code endpoint} and uploads it completely.
     *
     * @return the upload's URL (to resume it later, after a crash of the client)
     * @throws UploadFailedException if the server refuses, breaks the protocol, or the retry budget runs out
     * @throws IOException           if the file cannot be read
     */
    public URI upload(URI endpoint, Path file, ProgressListener listener) throws IOException, InterruptedException {
        Objects.requireNonNull(listener, "listener");
        long length;
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
            length = source.size();
        }
        URI upload = create(endpoint, length);
        resume(upload, file, listener);
        return upload;
    }

    /**
     * POST to {@code endpoint} with {@code Upload-Length: length}; 201 with a Location is success, resolved against
     * {@code endpoint} (it may be relative). A dropped connection or a 5xx is retried; any other answer is permanent.
     *
     * @return the new upload's URL
     */
    public URI create(URI endpoint, long length) throws IOException, InterruptedException {
        Objects.requireNonNull(endpoint, "endpoint");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, got " + length);
        }
        Failures failures = new Failures();
        while (true) {
            HttpResponse<Void> response;
            try {
                response = http.send(request(endpoint)
                        .header(Tus.UPLOAD_LENGTH, Long.toString(length))
                        .POST(BodyPublishers.noBody())
                        .build(), BodyHandlers.discarding());
            } catch (IOException e) {
                failures.record("POST " + endpoint, UploadFailedException.NO_STATUS, e);
                continue;
            }
            int status = response.statusCode();
            if (status == 201) {
                String location = response.headers().firstValue("Location").orElseThrow(
                        () -> new UploadFailedException("201 to POST " + endpoint + " has no Location", status, null));
                return endpoint.resolve(location);
            }
            if (status >= 500) {
                failures.record("POST " + endpoint, status, null);
                continue;
            }
            throw new UploadFailedException("POST " + endpoint + " was refused with " + status, status, null);
        }
    }

    /**
     * Uploads what the server does not have yet of {@code file} to the existing {@code upload}: HEAD, then PATCH
     * from the server's offset until it reaches the length.
     *
     * @throws UploadFailedException if the upload's length is not the file's, if the server refuses or breaks the
     *                               protocol, or if the retry budget runs out
     */
    public void resume(URI upload, Path file, ProgressListener listener) throws IOException, InterruptedException {
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(listener, "listener");
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
            new Transfer(upload, source, source.size(), listener).run();
        }
    }

    /** One resumable transfer: the acknowledged offset, the failure count, the progress reports. */
    private final class Transfer {

        private final URI upload;
        private final FileChannel source;
        private final long total;
        private final ProgressListener listener;
        private final Failures failures = new Failures();
        /** The highest offset the server has confirmed; -1 before the first answer. */
        private long acknowledged = -1;

        Transfer(URI upload, FileChannel source, long total, ProgressListener listener) {
            this.upload = upload;
            this.source = source;
            this.total = total;
            this.listener = listener;
        }

        void run() throws IOException, InterruptedException {
            long offset = serverOffset();
            while (offset < total) {
                byte[] chunk = read(offset, (int) Math.min(config.chunkSize(), total - offset));
                offset = send(offset, chunk);
            }
        }

        /** One PATCH; returns the offset to continue from. */
        private long send(long offset, byte[] chunk) throws IOException, InterruptedException {
            HttpResponse<Void> response;
            try {
                response = http.send(request(upload)
                        .header(Tus.UPLOAD_OFFSET, Long.toString(offset))
                        .header("Content-Type", Tus.OFFSET_OCTET_STREAM)
                        .header(Tus.UPLOAD_CHECKSUM, "sha256 " + sha256(chunk))
                        .method("PATCH", BodyPublishers.ofByteArray(chunk))
                        .build(), BodyHandlers.discarding());
            } catch (IOException e) {
                failures.record("PATCH at offset " + offset, UploadFailedException.NO_STATUS, e);
                return serverOffset();
            }
            int status = response.statusCode();
            if (status == 204) {
                long next = offsetHeader(response, "204 to PATCH at offset " + offset);
                if (next <= offset || next > offset + chunk.length) {
                    throw new UploadFailedException("the server acknowledged offset " + next + " for " + chunk.length
                            + " bytes sent at " + offset, status, null);
                }
                acknowledge(next);
                return next;
            }
            if (status == 409 || status >= 500) {
                failures.record("PATCH at offset " + offset + " (" + status + ")", status, null);
                return serverOffset();
            }
            throw new UploadFailedException("PATCH at offset " + offset + " was refused with " + status, status, null);
        }

        /** HEAD until it answers; the answer must not go back, nor beyond the length. */
        private long serverOffset() throws IOException, InterruptedException {
            while (true) {
                HttpResponse<Void> response;
                try {
                    response = http.send(request(upload).method("HEAD", BodyPublishers.noBody()).build(),
                            BodyHandlers.discarding());
                } catch (IOException e) {
                    failures.record("HEAD " + upload, UploadFailedException.NO_STATUS, e);
                    continue;
                }
                int status = response.statusCode();
                if (status >= 500) {
                    failures.record("HEAD " + upload + " (" + status + ")", status, null);
                    continue;
                }
                if (status != 200 && status != 204) {
                    throw new UploadFailedException("HEAD " + upload + " was refused with " + status, status, null);
                }
                long offset = offsetHeader(response, "HEAD " + upload);
                long length = response.headers().firstValue(Tus.UPLOAD_LENGTH).map(ResumableUploadClient::number)
                        .orElse(-1L);
                if (length != total) {
                    throw new UploadFailedException("the upload's Upload-Length is " + length + " but the file has "
                            + total + " bytes", status, null);
                }
                if (offset > total || offset < acknowledged) {
                    throw new UploadFailedException("the server's offset " + offset + " is impossible: acknowledged "
                            + acknowledged + " of " + total, status, null);
                }
                acknowledge(offset);
                return offset;
            }
        }

        private void acknowledge(long offset) {
            if (offset > acknowledged) {
                if (acknowledged >= 0) {
                    failures.reset();
                }
                acknowledged = offset;
                listener.onProgress(offset, total);
            }
        }

        private byte[] read(long offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (source.read(buffer, offset + buffer.position()) == -1) {
                    throw new EOFException("the file shrank below " + total + " bytes during the upload");
                }
            }
            return buffer.array();
        }
    }

    /** Consecutive failures, with the backoff between them. */
    private final class Failures {
        private int count;

        void record(String what, int status, IOException cause) throws UploadFailedException, InterruptedException {
            count++;
            if (count > config.retryPolicy().maxRetries()) {
                throw new UploadFailedException(what + " failed " + count + " times in a row; giving up", status,
                        cause);
            }
            config.sleeper().sleep(config.retryPolicy().delayBeforeRetry(count));
        }

        void reset() {
            count = 0;
        }
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).header(Tus.TUS_RESUMABLE, Tus.VERSION);
    }

    private static long offsetHeader(HttpResponse<?> response, String what) throws UploadFailedException {
        Optional<String> value = response.headers().firstValue(Tus.UPLOAD_OFFSET);
        long offset = value.map(ResumableUploadClient::number).orElse(-1L);
        if (offset < 0) {
            throw new UploadFailedException(what + ": missing or invalid Upload-Offset " + value.orElse("(none)"),
                    response.statusCode(), null);
        }
        return offset;
    }

    /** A non-negative decimal, or -1 for anything else. */
    private static long number(String value) {
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java SE runtime has SHA-256", e);
        }
    }
}
