package dev.backendkatas.tlshandshake;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Stage 1 — reads TLS records from a byte stream (RFC 8446 §5.1). TCP delivers bytes, not records: one read may return
 * half a header, or a record and a half, so the reader collects exactly as many bytes as each part needs.
 */
public final class RecordReader {

    private final InputStream in;

    /** @param in the stream to read records from; this reader never closes it */
    public RecordReader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * The next record, or {@code null} when the stream ends cleanly between two records.
     *
     * @throws TlsAlertException {@code unexpected_message} for an unknown content type; {@code record_overflow} for a
     *                           fragment longer than 2^14 bytes (2^14 + 256 for {@code application_data}, the outer
     *                           type of every protected record); {@code decode_error} when the stream ends inside a
     *                           record
     * @throws IOException       when the stream fails
     */
    public TlsRecord read() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] rest = readFully(TlsRecord.HEADER_LENGTH - 1, "record header");
        Optional<ContentType> type = ContentType.fromCode(first);
        if (type.isEmpty()) {
            throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE,
                    "unknown record content type " + first + " (RFC 8446 §5.1)");
        }
        int version = (rest[0] & 0xFF) << 8 | (rest[1] & 0xFF);
        int length = (rest[2] & 0xFF) << 8 | (rest[3] & 0xFF);
        // Checked before reading or allocating anything: a hostile length costs us nothing.
        int limit = type.get() == ContentType.APPLICATION_DATA
                ? TlsRecord.MAX_CIPHERTEXT_LENGTH : TlsRecord.MAX_PLAINTEXT_LENGTH;
        if (length > limit) {
            throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW,
                    "a " + type.get() + " record of " + length + " bytes, more than " + limit
                            + " (RFC 8446 §5.1, §5.2)");
        }
        return new TlsRecord(type.get(), version, readFully(length, "record fragment"));
    }

    private byte[] readFully(int length, String what) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new TlsAlertException(AlertDescription.DECODE_ERROR, "the stream ended inside a " + what + ": "
                    + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }
}
