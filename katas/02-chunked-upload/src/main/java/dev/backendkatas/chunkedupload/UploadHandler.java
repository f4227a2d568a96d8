package dev.backendkatas.chunkedupload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Objects;

/**
 * Stages 1 to 3 and 8 — the tus 1.0.0 protocol (core, creation, checksum and termination extensions) over an
 * {@link UploadStore}. Section names below are those of https://tus.io/protocols/resumable-upload.
 *
 * <h2>Every request</h2>
 * <ul>
 *   <li>Every response carries {@code Tus-Resumable: 1.0.0} (Core › Headers › Tus-Resumable).</li>
 *   <li>Every request except OPTIONS must carry {@code Tus-Resumable: 1.0.0}; a missing or different version is
 *       answered with 412 and {@code Tus-Version: 1.0.0}, before anything else is looked at.</li>
 *   <li>{@code X-HTTP-Method-Override}, when present, is the method to act on (Core › Headers).</li>
 *   <li>Routing looks at the raw path ({@code getRequestURI().getRawPath()}): {@code basePath} is the creation URL,
 *       {@code basePath/<id>} is an upload if {@code <id>} passes {@link UploadIds#isValid}. Everything else is 404.
 *       A method the path does not support is 405 with an {@code Allow} header.</li>
 *   <li>Error responses carry a short {@code text/plain} body saying why (none for HEAD).</li>
 * </ul>
 *
 * <h2>DELETE basePath/id (Termination, stage 8)</h2>
 * 204 once the upload and its files are gone; later requests for it are 404. Unknown id: 404. DELETE is in the
 * {@code Allow} header of an upload's 405.
 *
 * <h2>Extensions this server does not have</h2>
 * A POST with {@code Upload-Concat} (concatenation) or {@code Upload-Defer-Length} (creation-defer-length) is 400
 * with a body that names the extension: ignoring the header would create something other than what was asked.
 *
 * <h2>OPTIONS, any path (Core › OPTIONS)</h2>
 * 204 with {@code Tus-Version: 1.0.0}, {@code Tus-Extension:} {@link Tus#EXTENSIONS},
 * {@code Tus-Max-Size:} the maximum, and {@code Tus-Checksum-Algorithm:} {@link Tus#CHECKSUM_ALGORITHM_LIST}.
 *
 * <h2>POST basePath (Creation › POST)</h2>
 * <ul>
 *   <li>{@code Upload-Length}: exactly one header, 1 to 19 ASCII digits, within a {@code long}; missing, repeated,
 *       negative, signed, non-numeric or too large is 400. Above {@link UploadServerConfig#maxUploadSize()} is
 *       413.</li>
 *   <li>{@code Upload-Metadata} (optional): comma-separated pairs {@code key[ base64-value]}, keys non-empty,
 *       printable ASCII without spaces or commas, unique; values Base64. At most 4096 characters. Otherwise 400.
 *       It is kept and echoed, exactly as received, on every HEAD.</li>
 *   <li>A POST with body bytes is 400: this server does not implement creation-with-upload, and bytes it did not
 *       store must not look accepted.</li>
 *   <li>Success: 201 with {@code Location: basePath/<id>} (a relative reference). {@code Upload-Length: 0} is
 *       complete at once.</li>
 * </ul>
 *
 * <h2>HEAD basePath/id (Core › HEAD)</h2>
 * 200 with {@code Upload-Offset} (always, even 0, even complete), {@code Upload-Length},
 * {@code Cache-Control: no-store}, and {@code Upload-Metadata} if the upload has any. Unknown id: 404.
 *
 * <h2>PATCH basePath/id (Core › PATCH, Checksum)</h2>
 * In this order:
 * <ol>
 *   <li>{@code Content-Type} must be {@code application/offset+octet-stream} (case-insensitive, parameters
 *       ignored), else 415.</li>
 *   <li>{@code Upload-Offset}: same syntax as Upload-Length, else 400.</li>
 *   <li>{@code Upload-Checksum} (optional): {@code <algorithm> <Base64 digest>}, one space; an algorithm not in
 *       {@link Tus#CHECKSUM_ALGORITHMS}, bad Base64 or a digest of the wrong length is 400.</li>
 *   <li>Then the store: unknown id 404; offset not the acknowledged one 409 (with the current
 *       {@code Upload-Offset}); body longer than what remains 413; checksum mismatch 460
 *       ({@link Tus#STATUS_CHECKSUM_MISMATCH}); the body or the disk failing 500. The upload is then unchanged,
 *       except that a body without {@code Upload-Checksum} keeps the bytes that arrived and fit (see
 *       {@link UploadStore}; a 413 then carries the new {@code Upload-Offset}).</li>
 *   <li>Success: 204 with the new {@code Upload-Offset}. An empty body is a valid PATCH that changes nothing.</li>
 * </ol>
 */
public final class UploadHandler implements HttpHandler {

    private final UploadServerConfig config;
    private final UploadStore store;

    public UploadHandler(UploadServerConfig config, UploadStore store) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Answers one request by the rules above, and always closes the exchange. */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        throw new UnsupportedOperationException("Stage 1: answer tus requests"
                + " — see katas/02-chunked-upload/README.md, 'Stage 1 — Create and query'");
    }
}
