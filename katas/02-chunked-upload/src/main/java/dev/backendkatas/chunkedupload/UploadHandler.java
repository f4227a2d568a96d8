package dev.backendkatas.chunkedupload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Objects;

/**
 * Stages 1 to 3 and 8 to 11 — the tus 1.0.0 protocol (core; creation, checksum, termination, creation-defer-length,
 * creation-with-upload and expiration extensions) over an {@link UploadStore}. Section names below are those of
 * https://tus.io/protocols/resumable-upload.
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
 * A POST with {@code Upload-Concat} (concatenation) is 400 with a body that names the header and the extension:
 * ignoring the header would create something other than what was asked.
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
 *   <li>A POST with body bytes but without {@code Content-Type: application/offset+octet-stream} is 400: bytes
 *       the server does not store must not look accepted.</li>
 *   <li>Success: 201 with {@code Location: basePath/<id>} (a relative reference). {@code Upload-Length: 0} is
 *       complete at once.</li>
 * </ul>
 *
 * <h2>POST with Upload-Defer-Length (Creation › POST, creation-defer-length, stage 9)</h2>
 * <ul>
 *   <li>A POST carries exactly one of {@code Upload-Length} and {@code Upload-Defer-Length}: both, or neither, is
 *       400. {@code Upload-Defer-Length} must be one header whose value is exactly {@code 1}; anything else is
 *       400 (Creation › Headers › Upload-Defer-Length).</li>
 *   <li>HEAD of an upload whose length is still deferred sends {@code Upload-Defer-Length: 1} and no
 *       {@code Upload-Length}.</li>
 *   <li>A PATCH may carry {@code Upload-Length} (same syntax and maximum as on POST: 400, 413): it sets a deferred
 *       length, which must not be below the offset (400). Once set, the length must not change: another value is
 *       400, the same value is accepted (a retried PATCH). See {@link UploadStore#append}.</li>
 * </ul>
 *
 * <h2>POST with a body (Creation With Upload, stage 10)</h2>
 * With {@code Content-Type: application/offset+octet-stream}, the POST's body is the upload's first bytes, by the
 * rules of a PATCH at offset 0 (its {@code Upload-Checksum} included: 400, 413, 460). The 201 carries
 * {@code Upload-Offset} with the bytes stored. All or nothing: a POST whose body is refused or cut creates no upload
 * (a client without a Location could never resume it), and answers the status a PATCH would have got.
 *
 * <h2>Upload-Expires (Expiration, stage 11)</h2>
 * The 201 of a POST and the 204 of a PATCH carry {@code Upload-Expires} while the upload is unfinished: its expiry,
 * as an IMF-fixdate (RFC 9110 §5.6.7: {@code Fri, 06 Mar 2026 08:09:07 GMT}, two-digit day, always GMT). A complete
 * upload has none. An expired upload is unknown: HEAD, PATCH and DELETE answer 404 (the Expiration extension allows
 * 404 or 410; this server does not keep track of expired uploads, it removes them).
 *
 * <h2>HEAD basePath/id (Core › HEAD)</h2>
 * 200 with {@code Upload-Offset} (always, even 0, even complete), {@code Upload-Length} (or, stage 9,
 * {@code Upload-Defer-Length: 1}),
 * {@code Cache-Control: no-store}, and {@code Upload-Metadata} if the upload has any. Unknown id: 404.
 *
 * <h2>PATCH basePath/id (Core › PATCH, Checksum)</h2>
 * In this order:
 * <ol>
 *   <li>{@code Content-Type} must be {@code application/offset+octet-stream} (case-insensitive, parameters
 *       ignored), else 415.</li>
 *   <li>{@code Upload-Offset}: same syntax as Upload-Length, else 400. {@code Upload-Length} (optional, stage 9):
 *       as on POST, 400 or 413.</li>
 *   <li>{@code Upload-Checksum} (optional): {@code <algorithm> <Base64 digest>}, one space; an algorithm not in
 *       {@link Tus#CHECKSUM_ALGORITHMS}, bad Base64 or a digest of the wrong length is 400.</li>
 *   <li>Then the store: unknown id 404; offset not the acknowledged one 409 (with the current
 *       {@code Upload-Offset}); body longer than what remains 413; checksum mismatch 460
 *       ({@link Tus#STATUS_CHECKSUM_MISMATCH}); the body or the disk failing 500. The upload is then unchanged,
 *       except that a body without {@code Upload-Checksum} keeps the bytes that arrived and fit (see
 *       {@link UploadStore}; a 413 then carries the new {@code Upload-Offset}).</li>
 *   <li>Success: 204 with the new {@code Upload-Offset} (and {@code Upload-Expires}, stage 11). An empty body is a
 *       valid PATCH that changes nothing.</li>
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
