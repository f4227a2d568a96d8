package dev.backendkatas.requestparsing;

/**
 * How much a parser accepts before it refuses a request. Limits are what keep a hostile client from making the
 * server buffer without end: a parser must never hold more than these numbers of bytes for one request element.
 *
 * <p>Given to you: it is not the lesson.
 *
 * @param maxMethodLength      longest method token; a longer one is answered with 501 (RFC 9112 §3)
 * @param maxTargetLength      longest request-target; a longer one is answered with 414 (RFC 9112 §3)
 * @param maxHeaderSectionSize most bytes of field lines in a header section, each line counted with its CRLF, the
 *                             empty line that ends the section not counted; more is answered with 431 (RFC 6585 §5).
 *                             A trailer section has the same limit of its own.
 * @param maxChunkLineLength   longest chunk-size line of a chunked body, extensions included, CRLF not counted; a
 *                             longer one is answered with 400
 * @param maxBodySize          most body bytes (after removing the chunked coding); more is answered with 413
 *                             (RFC 9110 §15.5.14)
 */
public record ParserLimits(
        int maxMethodLength,
        int maxTargetLength,
        int maxHeaderSectionSize,
        int maxChunkLineLength,
        long maxBodySize) {

    /** 32-byte methods, 8000-byte targets (RFC 9112 §3's suggested minimum), 8 KiB headers, 1 KiB chunk lines, 10 MiB bodies. */
    public static final ParserLimits DEFAULTS = new ParserLimits(32, 8000, 8192, 1024, 10L * 1024 * 1024);

    public ParserLimits {
        requirePositive("maxMethodLength", maxMethodLength);
        requirePositive("maxTargetLength", maxTargetLength);
        requirePositive("maxHeaderSectionSize", maxHeaderSectionSize);
        requirePositive("maxChunkLineLength", maxChunkLineLength);
        if (maxBodySize < 0) {
            throw new IllegalArgumentException("maxBodySize must not be negative, got " + maxBodySize);
        }
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    public ParserLimits withMaxMethodLength(int value) {
        return new ParserLimits(value, maxTargetLength, maxHeaderSectionSize, maxChunkLineLength, maxBodySize);
    }

    public ParserLimits withMaxTargetLength(int value) {
        return new ParserLimits(maxMethodLength, value, maxHeaderSectionSize, maxChunkLineLength, maxBodySize);
    }

    public ParserLimits withMaxHeaderSectionSize(int value) {
        return new ParserLimits(maxMethodLength, maxTargetLength, value, maxChunkLineLength, maxBodySize);
    }

    public ParserLimits withMaxChunkLineLength(int value) {
        return new ParserLimits(maxMethodLength, maxTargetLength, maxHeaderSectionSize, value, maxBodySize);
    }

    public ParserLimits withMaxBodySize(long value) {
        return new ParserLimits(maxMethodLength, maxTargetLength, maxHeaderSectionSize, maxChunkLineLength, value);
    }
}
