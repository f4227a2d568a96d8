package dev.backendkatas.chunkedupload;

import java.util.Map;

/**
 * The names and values of the tus 1.0.0 protocol (https://tus.io/protocols/resumable-upload), in one place, so that
 * a typo in a header name cannot be the reason a test fails.
 *
 * <p>Given to you: it is not the lesson. Header names are case-insensitive on the wire (RFC 9110 §5.1); the JDK's
 * {@code HttpExchange} and {@code HttpClient} both match them that way.
 */
public final class Tus {

    /** The protocol version this kata speaks (tus 1.0.0, Core Protocol › Headers › Tus-Resumable). */
    public static final String VERSION = "1.0.0";

    /**
     * Request and response header: the version of the protocol in use. On every request except OPTIONS, and on
     * every response.
     */
    public static final String TUS_RESUMABLE = "Tus-Resumable";
    /** Response header: the versions the server supports, comma-separated, preferred first (OPTIONS, and every 412). */
    public static final String TUS_VERSION = "Tus-Version";
    /** Response header: the extensions the server supports, comma-separated (OPTIONS). */
    public static final String TUS_EXTENSION = "Tus-Extension";
    /** Response header: the largest upload the server accepts, in bytes (OPTIONS). */
    public static final String TUS_MAX_SIZE = "Tus-Max-Size";
    /** Response header: the checksum algorithms the server supports, comma-separated (OPTIONS; Checksum extension). */
    public static final String TUS_CHECKSUM_ALGORITHM = "Tus-Checksum-Algorithm";

    /** Request and response header: a byte offset within the upload, a non-negative integer. */
    public static final String UPLOAD_OFFSET = "Upload-Offset";
    /** Request and response header: the size of the entire upload in bytes, a non-negative integer. */
    public static final String UPLOAD_LENGTH = "Upload-Length";
    /** Request and response header: key-value pairs about the upload, values in Base64 (Creation extension). */
    public static final String UPLOAD_METADATA = "Upload-Metadata";
    /** Request header: the checksum of this PATCH's body, {@code <algorithm> <Base64 digest>} (Checksum extension). */
    public static final String UPLOAD_CHECKSUM = "Upload-Checksum";
    /** Request header of the concatenation extension, which this kata's server does not support: refused with 400. */
    public static final String UPLOAD_CONCAT = "Upload-Concat";
    /**
     * Request and response header: the upload's length is not known yet and will come with a later PATCH's
     * {@link #UPLOAD_LENGTH}; its only value is {@code 1} (Creation › Headers › Upload-Defer-Length; the
     * creation-defer-length extension, stage 9).
     */
    public static final String UPLOAD_DEFER_LENGTH = "Upload-Defer-Length";
    /**
     * Response header: when an unfinished upload expires, in the HTTP date format IMF-fixdate (RFC 9110 §5.6.7,
     * e.g. {@code Fri, 06 Mar 2026 08:09:07 GMT}; Expiration › Headers › Upload-Expires, stage 11).
     */
    public static final String UPLOAD_EXPIRES = "Upload-Expires";
    /** Request header: the method the server must act on instead of the request's own (Core Protocol › Headers). */
    public static final String X_HTTP_METHOD_OVERRIDE = "X-HTTP-Method-Override";

    /** The only content type a PATCH may carry (Core Protocol › Requests › PATCH). */
    public static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

    /**
     * The extensions this kata's server implements, as it announces them in {@link #TUS_EXTENSION}: creation and
     * checksum (stages 1–3), termination (stage 8), creation-defer-length (stage 9), creation-with-upload (stage 10)
     * and expiration (stage 11).
     */
    public static final String EXTENSIONS =
            "creation,creation-with-upload,creation-defer-length,checksum,termination,expiration";

    /**
     * The checksum algorithms this kata's server supports: the tus name (lowercase ASCII, as it appears in
     * {@link #UPLOAD_CHECKSUM} and {@link #TUS_CHECKSUM_ALGORITHM}) mapped to the JDK's {@code MessageDigest} name.
     * The Checksum extension requires {@code sha1}; the kata's client sends {@code sha256}.
     */
    public static final Map<String, String> CHECKSUM_ALGORITHMS = Map.of("sha1", "SHA-1", "sha256", "SHA-256");

    /** The tus order of {@link #CHECKSUM_ALGORITHMS} as announced in {@link #TUS_CHECKSUM_ALGORITHM}. */
    public static final String CHECKSUM_ALGORITHM_LIST = "sha1,sha256";

    /** tus status: the body's checksum does not match {@link #UPLOAD_CHECKSUM} (Checksum extension). */
    public static final int STATUS_CHECKSUM_MISMATCH = 460;

    private Tus() {
    }
}
