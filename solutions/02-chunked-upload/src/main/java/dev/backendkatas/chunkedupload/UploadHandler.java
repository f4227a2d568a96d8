package dev.backendkatas.chunkedupload;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tus 1.0.0 rules (core protocol; creation, creation-defer-length, creation-with-upload, checksum, termination
 * and expiration extensions) on top of an {@link UploadStore}.
 *
 * <p>Every response carries {@code Tus-Resumable: 1.0.0}. Every request except OPTIONS must carry it too, or is
 * refused with 412 before anything else happens. Routing looks only at the raw path: {@code basePath} is the
 * creation URL, {@code basePath/<id>} an upload, where {@code <id>} must pass {@link UploadIds#isValid}; every other
 * path is 404. Refusals travel as {@link UploadRejectedException} and become one response in {@link #handle}.
 */
public final class UploadHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(UploadHandler.class.getName());
    /** Longest digit string accepted for Upload-Length and Upload-Offset: Long.MAX_VALUE has 19 digits. */
    private static final int MAX_DIGITS = 19;
    /** Longest Upload-Metadata accepted, in characters; it is stored and echoed on every HEAD. */
    static final int MAX_METADATA_LENGTH = 4096;
    /**
     * IMF-fixdate (RFC 9110 §5.6.7), the HTTP date Upload-Expires must use: two-digit day, English names, GMT.
     * {@code DateTimeFormatter.RFC_1123_DATE_TIME} is not it: it writes the 6th as "6", not "06".
     */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final UploadServerConfig config;
    private final UploadStore store;

    public UploadHandler(UploadServerConfig config, UploadStore store) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            exchange.getResponseHeaders().set(Tus.TUS_RESUMABLE, Tus.VERSION);
            String method = effectiveMethod(exchange);
            try {
                route(exchange, method);
            } catch (UploadRejectedException e) {
                refuse(exchange, method, e);
            } catch (IOException e) {
                // The client vanished mid-body, or the disk failed. The store already kept the upload consistent;
                // answer if the connection still lets us.
                LOG.log(System.Logger.Level.DEBUG, "request failed", e);
                refuse(exchange, method, new UploadRejectedException(500, "the chunk could not be stored"));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not answer, the client is gone", e);
        } finally {
            exchange.close();
        }
    }

    /** X-HTTP-Method-Override, when present, is the method (tus 1.0.0, Core Protocol › Headers). */
    private static String effectiveMethod(HttpExchange exchange) {
        String override = exchange.getRequestHeaders().getFirst(Tus.X_HTTP_METHOD_OVERRIDE);
        return override == null ? exchange.getRequestMethod() : override.trim();
    }

    private void route(HttpExchange exchange, String method) throws IOException, UploadRejectedException {
        if (method.equals("OPTIONS")) {
            // The client should not send Tus-Resumable here, and the server must ignore it (Core › OPTIONS).
            options(exchange);
            return;
        }
        if (!Tus.VERSION.equals(exchange.getRequestHeaders().getFirst(Tus.TUS_RESUMABLE))) {
            exchange.getResponseHeaders().set(Tus.TUS_VERSION, Tus.VERSION);
            throw new UploadRejectedException(412, "this server speaks tus " + Tus.VERSION + " only");
        }
        String path = exchange.getRequestURI().getRawPath();
        String base = config.basePath();
        if (path.equals(base)) {
            if (!method.equals("POST")) {
                throw notAllowed(exchange, "OPTIONS, POST");
            }
            create(exchange);
        } else if (path.startsWith(base + "/")) {
            String id = path.substring(base.length() + 1);
            if (!UploadIds.isValid(id)) {
                throw new UploadRejectedException(404, "no such upload");
            }
            switch (method) {
                case "HEAD" -> head(exchange, id);
                case "PATCH" -> patch(exchange, id);
                case "DELETE" -> terminate(exchange, id);
                default -> throw notAllowed(exchange, "DELETE, HEAD, OPTIONS, PATCH");
            }
        } else {
            throw new UploadRejectedException(404, "nothing here; uploads are created at " + base);
        }
    }

    private static UploadRejectedException notAllowed(HttpExchange exchange, String allow) {
        exchange.getResponseHeaders().set("Allow", allow);
        return new UploadRejectedException(405, "method not allowed here; allowed: " + allow);
    }

    /** OPTIONS: what this server can do (Core › OPTIONS, Checksum › Tus-Checksum-Algorithm). */
    private void options(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set(Tus.TUS_VERSION, Tus.VERSION);
        headers.set(Tus.TUS_EXTENSION, Tus.EXTENSIONS);
        headers.set(Tus.TUS_MAX_SIZE, Long.toString(config.maxUploadSize()));
        headers.set(Tus.TUS_CHECKSUM_ALGORITHM, Tus.CHECKSUM_ALGORITHM_LIST);
        exchange.sendResponseHeaders(204, -1);
    }

    /**
     * POST: a new upload of Upload-Length bytes, or of a length to come (Creation › POST, creation-defer-length),
     * whose first bytes may be the body (Creation With Upload).
     */
    private void create(HttpExchange exchange) throws IOException, UploadRejectedException {
        // Headers of extensions this server does not have change what the POST means: refuse, don't ignore them.
        refuseUnsupported(exchange, Tus.UPLOAD_CONCAT, "concatenation");
        long length = creationLength(exchange);
        String metadata = metadata(exchange);
        Headers request = exchange.getRequestHeaders();
        boolean withUpload = isOffsetOctetStream(request.get("Content-Type"));
        ChunkChecksum checksum = null;
        if (withUpload) {
            checksum = checksum(request.get(Tus.UPLOAD_CHECKSUM)).orElse(null);
        } else {
            try (InputStream body = exchange.getRequestBody()) {
                // Bytes that are not the upload's would be silently lost: refuse them instead.
                if (body.read() != -1) {
                    throw new UploadRejectedException(400, "a POST body must be " + Tus.OFFSET_OCTET_STREAM
                            + " (creation-with-upload); anything else is not stored");
                }
            }
        }
        UploadInfo info = store.create(length, metadata);
        if (withUpload) {
            info = appendFirstChunk(exchange, info, checksum);
            exchange.getResponseHeaders().set(Tus.UPLOAD_OFFSET, Long.toString(info.offset()));
        }
        // A relative reference: the client resolves it against the URL it used, proxies included (RFC 9110 §10.2.2).
        exchange.getResponseHeaders().set("Location", config.basePath() + "/" + info.id());
        expires(exchange, info);
        exchange.sendResponseHeaders(201, -1);
    }

    /**
     * The body of a creation-with-upload POST, by the rules of a PATCH at offset 0. All or nothing: a client that
     * gets no 201 has no Location, so it could never resume what was kept; the new upload is removed instead.
     */
    private UploadInfo appendFirstChunk(HttpExchange exchange, UploadInfo created, ChunkChecksum checksum)
            throws IOException, UploadRejectedException {
        try {
            return store.append(created.id(), 0, exchange.getRequestBody(),
                    declaredLength(exchange.getRequestHeaders()), checksum, -1);
        } catch (UploadRejectedException e) {
            undoCreation(created, e);
            throw new UploadRejectedException(e.status(), e.getMessage() + "; no upload was created");
        } catch (IOException | RuntimeException e) {
            undoCreation(created, e);
            throw e;
        }
    }

    private void undoCreation(UploadInfo created, Exception cause) {
        try {
            store.delete(created.id());
        } catch (IOException | UploadRejectedException e) {
            // An orphan then waits for expiry; nobody knows its id.
            cause.addSuppressed(e);
        }
    }

    /**
     * Exactly one of Upload-Length and {@code Upload-Defer-Length: 1} (Creation › POST; Creation › Headers ›
     * Upload-Defer-Length: its value MUST be 1).
     */
    private long creationLength(HttpExchange exchange) throws UploadRejectedException {
        Headers request = exchange.getRequestHeaders();
        List<String> defer = request.get(Tus.UPLOAD_DEFER_LENGTH);
        if (defer == null) {
            return knownLength(exchange);
        }
        if (request.containsKey(Tus.UPLOAD_LENGTH)) {
            throw new UploadRejectedException(400, "a POST carries Upload-Length or Upload-Defer-Length, not both");
        }
        if (defer.size() != 1 || !defer.get(0).equals("1")) {
            throw new UploadRejectedException(400, Tus.UPLOAD_DEFER_LENGTH + " must be exactly one header '1', got "
                    + defer);
        }
        return UploadInfo.DEFERRED_LENGTH;
    }

    /** Upload-Length, within the maximum (413 above it). */
    private long knownLength(HttpExchange exchange) throws UploadRejectedException {
        long length = requiredNumber(exchange, Tus.UPLOAD_LENGTH);
        if (length > config.maxUploadSize()) {
            throw new UploadRejectedException(413, "Upload-Length " + length + " is above the maximum "
                    + config.maxUploadSize());
        }
        return length;
    }

    /** Upload-Expires, as an IMF-fixdate, for an upload that will expire (Expiration › Headers › Upload-Expires). */
    private static void expires(HttpExchange exchange, UploadInfo info) {
        Instant expires = info.expires();
        if (expires != null) {
            exchange.getResponseHeaders().set(Tus.UPLOAD_EXPIRES, IMF_FIXDATE.format(expires));
        }
    }

    private static void refuseUnsupported(HttpExchange exchange, String header, String extension)
            throws UploadRejectedException {
        if (exchange.getRequestHeaders().containsKey(header)) {
            throw new UploadRejectedException(400, header + " belongs to the " + extension + " extension, which this"
                    + " server does not support (Tus-Extension: " + Tus.EXTENSIONS + ")");
        }
    }

    /** DELETE: the upload and its files are gone; later requests for it are 404 (Termination). */
    private void terminate(HttpExchange exchange, String id) throws IOException, UploadRejectedException {
        if (!store.delete(id)) {
            throw new UploadRejectedException(404, "no such upload");
        }
        exchange.sendResponseHeaders(204, -1);
    }

    /** HEAD: the acknowledged offset, always, and never cached (Core › HEAD). */
    private void head(HttpExchange exchange, String id) throws IOException, UploadRejectedException {
        UploadInfo info = store.find(id).orElseThrow(() -> new UploadRejectedException(404, "no such upload"));
        Headers headers = exchange.getResponseHeaders();
        headers.set(Tus.UPLOAD_OFFSET, Long.toString(info.offset()));
        if (info.isLengthDeferred()) {
            // As long as the length is not known, HEAD says so (Creation › POST, creation-defer-length).
            headers.set(Tus.UPLOAD_DEFER_LENGTH, "1");
        } else {
            headers.set(Tus.UPLOAD_LENGTH, Long.toString(info.length()));
        }
        if (!info.metadata().isEmpty()) {
            headers.set(Tus.UPLOAD_METADATA, info.metadata());
        }
        headers.set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, -1);
    }

    /** PATCH: bytes at Upload-Offset (Core › PATCH, Checksum). */
    private void patch(HttpExchange exchange, String id) throws IOException, UploadRejectedException {
        Headers request = exchange.getRequestHeaders();
        if (!isOffsetOctetStream(request.get("Content-Type"))) {
            throw new UploadRejectedException(415, "a PATCH body must be " + Tus.OFFSET_OCTET_STREAM);
        }
        long offset = requiredNumber(exchange, Tus.UPLOAD_OFFSET);
        // The length of an upload created with Upload-Defer-Length: 1 comes with a PATCH (Creation › POST).
        long uploadLength = request.containsKey(Tus.UPLOAD_LENGTH) ? knownLength(exchange) : -1;
        ChunkChecksum checksum = checksum(request.get(Tus.UPLOAD_CHECKSUM)).orElse(null);
        long contentLength = declaredLength(request);
        // Not try-with-resources: closing the body drains it, and a refusal (413 for a body that announced a gigabyte)
        // must go out first. The exchange closes the body after the response.
        UploadInfo info = store.append(id, offset, exchange.getRequestBody(), contentLength, checksum, uploadLength);
        exchange.getResponseHeaders().set(Tus.UPLOAD_OFFSET, Long.toString(info.offset()));
        expires(exchange, info);
        exchange.sendResponseHeaders(204, -1);
    }

    private static boolean isOffsetOctetStream(List<String> values) {
        if (values == null || values.size() != 1) {
            return false;
        }
        // Media types are case-insensitive (RFC 9110 §8.3.1); parameters do not change the type.
        String type = values.get(0).split(";", 2)[0].trim();
        return type.equalsIgnoreCase(Tus.OFFSET_OCTET_STREAM);
    }

    /** Content-Length as declared, or -1; the server's own framing has already refused a malformed one. */
    private static long declaredLength(Headers request) {
        String value = request.getFirst("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Exactly one header, 1 to 19 ASCII digits, within a long: anything else is 400. */
    private static long requiredNumber(HttpExchange exchange, String name) throws UploadRejectedException {
        List<String> values = exchange.getRequestHeaders().get(name);
        if (values == null || values.isEmpty()) {
            throw new UploadRejectedException(400, name + " is missing");
        }
        if (values.size() > 1) {
            throw new UploadRejectedException(400, name + " appears " + values.size() + " times");
        }
        String value = values.get(0);
        if (value.isEmpty() || value.length() > MAX_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UploadRejectedException(400, name + " must be a non-negative integer, got '" + value + "'");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UploadRejectedException(400, name + " is too large: " + value);
        }
    }

    /** Upload-Checksum: {@code <algorithm> <Base64>}; unknown algorithm or bad syntax is 400 (Checksum extension). */
    static Optional<ChunkChecksum> checksum(List<String> values) throws UploadRejectedException {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new UploadRejectedException(400, Tus.UPLOAD_CHECKSUM + " appears " + values.size() + " times");
        }
        String[] parts = values.get(0).split(" ", -1);
        if (parts.length != 2) {
            throw new UploadRejectedException(400, Tus.UPLOAD_CHECKSUM + " must be '<algorithm> <base64>'");
        }
        if (!Tus.CHECKSUM_ALGORITHMS.containsKey(parts[0])) {
            throw new UploadRejectedException(400, "unsupported checksum algorithm '" + parts[0] + "'; supported: "
                    + Tus.CHECKSUM_ALGORITHM_LIST);
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new UploadRejectedException(400, Tus.UPLOAD_CHECKSUM + " is not valid Base64");
        }
        ChunkChecksum checksum = new ChunkChecksum(parts[0], digest);
        if (digest.length != checksum.newDigest().getDigestLength()) {
            throw new UploadRejectedException(400, "a " + parts[0] + " digest has "
                    + checksum.newDigest().getDigestLength() + " bytes, got " + digest.length);
        }
        return Optional.of(checksum);
    }

    /** Upload-Metadata: comma-separated {@code key[ base64]} pairs, keys unique (Creation › Upload-Metadata). */
    private static String metadata(HttpExchange exchange) throws UploadRejectedException {
        List<String> values = exchange.getRequestHeaders().get(Tus.UPLOAD_METADATA);
        if (values == null || values.isEmpty()) {
            return "";
        }
        if (values.size() > 1) {
            throw new UploadRejectedException(400, Tus.UPLOAD_METADATA + " appears " + values.size() + " times");
        }
        String metadata = values.get(0);
        if (metadata.length() > MAX_METADATA_LENGTH) {
            throw new UploadRejectedException(400, Tus.UPLOAD_METADATA + " is longer than " + MAX_METADATA_LENGTH);
        }
        Set<String> keys = new HashSet<>();
        for (String pair : metadata.split(",", -1)) {
            String[] keyValue = pair.trim().split(" ", -1);
            String key = keyValue[0];
            if (keyValue.length > 2 || key.isEmpty() || !key.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                throw new UploadRejectedException(400, "malformed " + Tus.UPLOAD_METADATA + " pair '" + pair + "'");
            }
            if (!keys.add(key)) {
                throw new UploadRejectedException(400, Tus.UPLOAD_METADATA + " repeats the key '" + key + "'");
            }
            if (keyValue.length == 2) {
                try {
                    Base64.getDecoder().decode(keyValue[1]);
                } catch (IllegalArgumentException e) {
                    throw new UploadRejectedException(400, "the value of '" + key + "' is not Base64");
                }
            }
        }
        return metadata;
    }

    private static void refuse(HttpExchange exchange, String method, UploadRejectedException e) throws IOException {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        // A 409 tells the offset to resume from; so does a 413 after which the bytes that fit were kept.
        if ((e.status() == 409 || e.status() == 413) && e.currentOffset() >= 0) {
            exchange.getResponseHeaders().set(Tus.UPLOAD_OFFSET, Long.toString(e.currentOffset()));
        }
        byte[] body = (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        if (method.equals("HEAD") || exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(e.status(), -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(e.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
