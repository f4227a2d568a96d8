package dev.backendkatas.requestparsing;

import static dev.backendkatas.requestparsing.Requests.HOST;
import static dev.backendkatas.requestparsing.Requests.bytes;
import static dev.backendkatas.requestparsing.Requests.limits;
import static dev.backendkatas.requestparsing.Requests.parseAll;
import static dev.backendkatas.requestparsing.Requests.parseOne;
import static dev.backendkatas.requestparsing.Requests.rejected;
import static dev.backendkatas.requestparsing.Requests.rejectedAt;
import static dev.backendkatas.requestparsing.Requests.rejectedByteAtATime;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 4 of kata 01: chunked bodies, trailers, framing conflicts; the README section of the same name teaches it. */
@Order(4)
@DisplayName("Stage 4 — Chunked transfer coding")
class Stage4ChunkedTest {

    private static final String CHUNKED = "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n";
    /** The offset of the first field line after Host, in a POST: 17 + 19 bytes. */
    private static final int AFTER_HOST = 36;

    @Test
    @Order(1)
    @DisplayName("decodes a chunked body: size in hex, CRLF, data, CRLF, … last chunk 0 (RFC 9112 §7.1)")
    void decodesChunkedBody() throws Exception {
        HttpRequest request = parseOne(CHUNKED + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");

        assertThat(request.bodyText()).isEqualTo("hello world");
        assertThat(request.trailers().size()).isZero();
    }

    @Test
    @Order(2)
    @DisplayName("reads chunk sizes in hex digits of either case, with leading zeros")
    void readsHexSizes() throws Exception {
        String sixteen = "0123456789abcdef";
        String raw = CHUNKED + "a\r\n0123456789\r\nA\r\n0123456789\r\n010\r\n" + sixteen + "\r\n0000\r\n\r\n";

        assertThat(parseOne(raw).bodyText()).isEqualTo("0123456789" + "0123456789" + sixteen);
    }

    @Test
    @Order(3)
    @DisplayName("reads chunk data as bytes, CRLF and NUL included")
    void readsBinaryChunkData() throws Exception {
        HttpRequest request = parseOne(CHUNKED + "4\r\n\r\n\0\r\r\n0\r\n\r\n");

        assertThat(request.body()).containsExactly('\r', '\n', 0, '\r');
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"5;name=value", "5;flag", "5 ; a=b", "5;a=\"x y;z\"", "5;a=1;b=2", "5\t;a", "5 \t ;a"})
    @Order(4)
    @DisplayName("ignores chunk extensions (RFC 9112 §7.1.1)")
    void ignoresExtensions(String sizeLine) throws Exception {
        assertThat(parseOne(CHUNKED + sizeLine + "\r\nhello\r\n0;last\r\n\r\n").bodyText()).isEqualTo("hello");
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(strings = {"9", "a", "f", "A", "F", "0F", "1f"})
    @Order(5)
    @DisplayName("reads every hex digit at the edges of 0-9, a-f and A-F")
    void readsHexDigitEdges(String size) throws Exception {
        int length = Integer.parseInt(size, 16);
        String data = "d".repeat(length);

        assertThat(parseOne(CHUNKED + size + "\r\n" + data + "\r\n0\r\n\r\n").body()).hasSize(length);
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(strings = {"/", ":", "@", "G", "`", "g"})
    @Order(6)
    @DisplayName("rejects the characters just outside 0-9, A-F and a-f as a chunk size")
    void rejectsNonHexEdges(String size) {
        rejectedAt(limits(), CHUNKED + size + "\r\nhello\r\n0\r\n\r\n", 400, CHUNKED.length());
    }

    @Test
    @Order(7)
    @DisplayName("rejects whitespace after a chunk size unless an extension follows, pointing at what follows (RFC 9112 §7.1.1)")
    void rejectsTrailingWhitespaceAfterSize() {
        int afterWhitespace = CHUNKED.length() + "5 ".length();

        rejectedAt(CHUNKED + "5 \r\nhello\r\n0\r\n\r\n", 400, afterWhitespace);
        rejectedAt(CHUNKED + "5 x;a\r\nhello\r\n0\r\n\r\n", 400, afterWhitespace);
    }

    @Test
    @Order(8)
    @DisplayName("accepts bytes 0x80-0xFF in an extension and refuses DEL")
    void extensionBytes() throws Exception {
        assertThat(parseOne(CHUNKED + "5;name=caf\u00e9\r\nhello\r\n0\r\n\r\n").bodyText()).isEqualTo("hello");
        rejected(CHUNKED + "5;name=\u007f\r\nhello\r\n0\r\n\r\n", 400);
    }

    @Test
    @Order(9)
    @DisplayName("decodes a 200 kB body of 200 chunks")
    void decodesLargeChunkedBody() throws Exception {
        StringBuilder raw = new StringBuilder(CHUNKED);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String data = String.valueOf((char) ('a' + i % 26)).repeat(1000);
            raw.append("3e8\r\n").append(data).append("\r\n");
            expected.append(data);
        }
        raw.append("0\r\n\r\n");

        assertThat(parseOne(raw.toString()).bodyText()).isEqualTo(expected.toString());
    }

    @Test
    @Order(10)
    @DisplayName("counts the trailer limit afresh for every chunked request on the connection")
    void limitsTrailersOfEachRequest() throws Exception {
        ParserLimits small = limits().withMaxHeaderSectionSize(64);
        String request = CHUNKED + "1\r\nx\r\n0\r\nX-Trailer: " + "t".repeat(40) + "\r\n\r\n";

        assertThat(parseAll(small, request.repeat(4))).hasSize(4);
    }

    @Test
    @Order(11)
    @DisplayName("keeps counting offsets through a chunked body")
    void countsOffsetsThroughChunkedBody() {
        String first = CHUNKED + "5;x\r\nhello\r\n0\r\nT: 1\r\n\r\n";

        rejectedAt(first + "GET / HTTP/7.0\r\n" + HOST + "\r\n", 505, first.length() + 6);
    }

    @Test
    @Order(12)
    @DisplayName("keeps trailer fields apart from the header fields (RFC 9112 §7.1.2)")
    void keepsTrailers() throws Exception {
        HttpRequest request = parseOne(CHUNKED + "5\r\nhello\r\n0\r\nX-Checksum: abc\r\nX-Count:  1 \r\n\r\n");

        assertThat(request.trailers().asList()).containsExactly(
                new HeaderField("X-Checksum", "abc"), new HeaderField("X-Count", "1"));
        assertThat(request.headers().contains("X-Checksum")).isFalse();
    }

    @Test
    @Order(13)
    @DisplayName("holds a chunked request until the last chunk and the trailer section have arrived")
    void waitsForLastChunk() throws Exception {
        RequestParser parser = new RequestParser();

        assertThat(parser.feed(bytes(CHUNKED + "5\r\nhello\r\n"))).as("after the first chunk").isEmpty();
        assertThat(parser.feed(bytes("0\r\n"))).as("after the last chunk, before the end of trailers").isEmpty();
        assertThat(parser.feed(bytes("X-T: 1\r\n"))).as("after a trailer field").isEmpty();
        assertThat(parser.feed(bytes("\r\n"))).hasSize(1);
    }

    @Test
    @Order(14)
    @DisplayName("rejects a malformed trailer field like a malformed header field")
    void rejectsMalformedTrailer() {
        rejected(CHUNKED + "5\r\nhello\r\n0\r\nX-Checksum : abc\r\n\r\n", 400);
    }

    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @ValueSource(strings = {"Chunked", "CHUNKED", " chunked ", ", chunked", "chunked,"})
    @Order(15)
    @DisplayName("reads coding names ignoring case, and ignores empty list elements (RFC 9110 §5.6.1)")
    void readsCodingNamesLoosely(String value) throws Exception {
        String raw = "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: " + value + "\r\n\r\n3\r\nabc\r\n0\r\n\r\n";

        assertThat(parseOne(raw).bodyText()).isEqualTo("abc");
    }

    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @ValueSource(strings = {"gzip", "chunked, gzip", "identity", "deflate", ""})
    @Order(16)
    @DisplayName("rejects a final coding other than chunked at its line: the length is unknowable (RFC 9112 §6.3)")
    void rejectsFinalCodingNotChunked(String value) {
        // The offset matters: a parser that ignored this Transfer-Encoding would also end in a 400, later, when the
        // chunked bytes it took for the next request fail to parse.
        String raw = "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: " + value + "\r\n\r\n3\r\nabc\r\n0\r\n\r\n";

        rejectedAt(raw, 400, AFTER_HOST);
    }

    @ParameterizedTest(name = "Transfer-Encoding: {0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "xchunked               | 400",
        "chunkedx               | 400",
        "gzip, notchunked       | 400",
        "notchunked, chunked    | 501",
    })
    @Order(17)
    @DisplayName("compares whole coding names: a name that only ends or starts with chunked is another coding (RFC 9112 §7)")
    void comparesWholeCodingNames(String value, int status) {
        // Coding names are tokens, compared whole and ignoring case; a suffix or prefix match frames a body that
        // another parser in the chain does not see as chunked.
        String raw = "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: " + value + "\r\n\r\n3\r\nabc\r\n0\r\n\r\n";

        rejectedAt(raw, status, AFTER_HOST);
    }

    @Test
    @Order(18)
    @DisplayName("rejects chunked applied twice, across one or two field lines (RFC 9112 §7.1)")
    void rejectsChunkedTwice() {
        rejected("POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", 400);
        rejected("POST / HTTP/1.1\r\n" + HOST
                + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
    }

    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @ValueSource(strings = {"gzip, chunked", "x-custom, chunked", "deflate,chunked"})
    @Order(19)
    @DisplayName("answers 501 to a coding before chunked that this server does not decode (RFC 9112 §6.1)")
    void answers501ToOtherCodings(String value) {
        rejected("POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: " + value + "\r\n\r\n0\r\n\r\n", 501);
    }

    @Test
    @Order(20)
    @DisplayName("answers 501 to a coding listed on an earlier field line than chunked")
    void answers501AcrossFieldLines() {
        rejected("POST / HTTP/1.1\r\n" + HOST
                + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501);
    }

    @Test
    @Order(21)
    @DisplayName("rejects Transfer-Encoding in an HTTP/1.0 request (RFC 9112 §6.1)")
    void rejectsTransferEncodingInHttp10() {
        rejected("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n",
        "Transfer-Encoding: chunked\r\nContent-Length: 0\r\n",
        "Content-Length: 3\r\nTransfer-Encoding: , chunked\r\n",
        "Content-Length: 3\r\nTransfer-Encoding: chunked, ,\r\n",
        "Transfer-Encoding: , chunked\r\nContent-Length: 3\r\n",
        "Content-Length: 3\r\nTransfer-Encoding: identity\r\n",
        "Transfer-Encoding: identity\r\nContent-Length: 3\r\n",
    })
    @Order(22)
    @DisplayName("rejects Content-Length with any Transfer-Encoding, whatever its codings: the smuggling defence (RFC 9112 §6.1)")
    void rejectsBothFramings(String fields) {
        // Whichever framing a parser picked, the request hidden behind the body would be read by one parser in a
        // chain and not by another. The refusal points at the later of the two lines: only then are both known.
        String raw = "POST / HTTP/1.1\r\n" + HOST + fields + "\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n" + HOST + "\r\n";
        int laterLine = AFTER_HOST + fields.indexOf("\r\n") + 2;

        rejectedAt(raw, 400, laterLine);
    }

    @ParameterizedTest(name = "size line {0}")
    @ValueSource(strings = {"g", "-5", "0x5", "+5", " 5"})
    @Order(23)
    @DisplayName("rejects a chunk size that is not hex digits, pointing at the offending byte (RFC 9112 §7.1)")
    void rejectsBadChunkSize(String sizeLine) {
        int bad = sizeLine.startsWith("0x") ? 1 : 0;
        rejectedAt(limits(), CHUNKED + sizeLine + "\r\nhello\r\n0\r\n\r\n", 400, CHUNKED.length() + bad);
    }

    @ParameterizedTest(name = "size line {0}")
    @ValueSource(strings = {"", "5x", "5;\u0001", "5;a=\u0000", "5\n"})
    @Order(24)
    @DisplayName("rejects an empty size, junk after the size, or a control byte in an extension")
    void rejectsBadChunkLine(String sizeLine) {
        rejected(CHUNKED + sizeLine + "\r\nhello\r\n0\r\n\r\n", 400);
    }

    @Test
    @Order(25)
    @DisplayName("rejects chunk data that is not followed by CRLF, pointing at the byte where it should be (RFC 9112 §7.1)")
    void rejectsMissingCrlfAfterData() {
        int afterData = CHUNKED.length() + "5\r\nhello".length();

        rejectedAt(CHUNKED + "5\r\nhelloX\r\n0\r\n\r\n", 400, afterData);
        rejectedAt(CHUNKED + "5\r\nhello\n0\r\n\r\n", 400, afterData);
        // Skipping "the two CRLF bytes" unchecked would accept both of these.
        rejectedAt(CHUNKED + "5\r\nhelloXY0\r\n\r\n", 400, afterData);
        rejectedAt(CHUNKED + "5\r\nhello\rX0\r\n\r\n", 400, afterData + 1);
    }

    static List<Arguments> chunkedBodiesWithBareLineEndings() {
        return List.of(
                Arguments.of("bare LF after an extension", "5;ext=1\nhello\r\n0\r\n\r\n", 7),
                Arguments.of("bare CR after an extension", "5;ext=1\rXhello\r\n0\r\n\r\n", 8),
                Arguments.of("bare CR after a size", "5\rXhello\r\n0\r\n\r\n", 2),
                Arguments.of("bare LF after the last chunk's extension", "0;last\n\r\n", 6),
                Arguments.of("bare LF in a trailer field", "0\r\nX-T: 1\n\r\n", 9),
                Arguments.of("bare LF ending the trailer section", "0\r\n\n", 3),
                Arguments.of("bare CR ending the trailer section", "0\r\n\rGET /admin HTTP/1.1\r\n" + HOST + "\r\n", 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkedBodiesWithBareLineEndings")
    @Order(26)
    @DisplayName("rejects a chunk line or trailer line not ended by CRLF, pointing at the bad byte (RFC 9112 §7.1, §2.2)")
    void rejectsBareLineEndingsInChunkedBody(String name, String body, int offsetInBody) {
        // The kata's line-ending rule holds inside a chunked body too: a bare LF is reported at the LF, a bare CR at
        // the byte after it.
        rejectedAt(CHUNKED + body, 400, CHUNKED.length() + offsetInBody);
    }

    @Test
    @Order(27)
    @DisplayName("rejects a chunk-size line longer than the limit, extensions included")
    void rejectsLongChunkLine() {
        ParserLimits small = limits().withMaxChunkLineLength(16);

        rejected(small, CHUNKED + "5;" + "e".repeat(15) + "\r\nhello\r\n0\r\n\r\n", 400);
        rejectedByteAtATime(limits(), CHUNKED + "5;" + "e".repeat(5000), 400);
    }

    @Test
    @Order(28)
    @DisplayName("accepts a chunk-size line exactly as long as the limit")
    void acceptsChunkLineAtLimit() throws Exception {
        ParserLimits small = limits().withMaxChunkLineLength(16);

        assertThat(parseOne(small, CHUNKED + "5;" + "e".repeat(14) + "\r\nhello\r\n0\r\n\r\n").bodyText())
                .isEqualTo("hello");
    }

    @Test
    @Order(29)
    @DisplayName("points a 413 at the chunk-size line that passes the limit")
    void points413AtChunkLine() {
        String first = "5\r\nhello\r\n";
        rejectedAt(limits().withMaxBodySize(8), CHUNKED + first + "4\r\nmore\r\n0\r\n\r\n", 413,
                CHUNKED.length() + first.length());
    }

    @Test
    @Order(30)
    @DisplayName("points the Content-Length and Transfer-Encoding conflict at the later of the two lines")
    void pointsFramingConflictAtLaterLine() {
        String head = "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\n";
        rejectedAt(head + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, head.length());
    }

    @Test
    @Order(31)
    @DisplayName("answers 413 when the chunks together pass the body limit")
    void answers413ToTotalPastLimit() throws Exception {
        ParserLimits small = limits().withMaxBodySize(10);

        assertThat(parseOne(small, CHUNKED + "5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n").body()).hasSize(10);
        rejected(small, CHUNKED + "6\r\nhello!\r\n5\r\nworld\r\n0\r\n\r\n", 413);
    }

    @Test
    @Order(32)
    @DisplayName("answers 431 to a trailer section past the header-section limit")
    void answers431ToLongTrailers() {
        ParserLimits small = limits().withMaxHeaderSectionSize(64);

        rejected(small, CHUNKED + "0\r\nX-Trailer: " + "t".repeat(100) + "\r\n\r\n", 431);
    }

    @Test
    @Order(33)
    @DisplayName("answers 413, before the data arrives, to a chunk size past the body limit")
    void answers413ToHugeChunk() {
        rejected(CHUNKED + "ffffffff\r\n", 413);
    }

    @Test
    @Order(34)
    @DisplayName("answers 413, not an overflow, to a chunk size too large for a long")
    void answers413ToOverflowingChunkSize() {
        rejected(CHUNKED + "ffffffffffffffffff\r\n", 413);
        rejected(CHUNKED + "8000000000000000\r\n", 413);
        rejected(CHUNKED + "10000000000000005\r\n", 413);
    }
}
