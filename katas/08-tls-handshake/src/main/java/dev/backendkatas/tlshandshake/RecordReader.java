package dev.backendkatas.tlshandshake;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Stage 1 — reads TLS records from a byte stream (RFC 8446 §5.1):
 * <pre>
 *   struct { ContentType type; ProtocolVersion legacy_record_version; uint16 length; opaque fragment[length]; }
 * </pre>
 * TCP delivers bytes, not records: one {@code read} may return half a header, or a record and a half.
 */
public final class RecordReader {

    private final InputStream in;

    /** @param in the stream to read records from; this reader never closes it */
    public RecordReader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * The next record, or {@code null} when the stream ends cleanly between two records. legacy_record_version is
     * returned as read and not checked (§5.1: it "MUST be ignored for all purposes").
     *
     * @return the next record, or {@code null} at the end of the stream
     * @throws TlsAlertException {@code unexpected_message} for an unknown content type; {@code record_overflow} for a
     *                           fragment longer than 2^14 bytes, or 2^14 + 256 for {@code application_data} (the outer
     *                           type of every protected record, §5.2), found from the header, before the fragment is
     *                           read; {@code decode_error} when the stream ends inside a record
     * @throws IOException       when the stream fails
     */
    public TlsRecord read() throws IOException {
        throw new UnsupportedOperationException("Stage 1: read one record from the stream"
                + " — see katas/08-tls-handshake/README.md, 'Stage 1 — Records'");
    }
}
