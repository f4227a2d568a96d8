package dev.backendkatas.requestparsing;

import static dev.backendkatas.requestparsing.Requests.HOST;
import static dev.backendkatas.requestparsing.Requests.bytes;
import static dev.backendkatas.requestparsing.Requests.limits;
import static dev.backendkatas.requestparsing.Requests.parseAll;
import static dev.backendkatas.requestparsing.Requests.parseOne;
import static dev.backendkatas.requestparsing.Requests.rejected;
import static dev.backendkatas.requestparsing.Requests.rejectedAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 3 of kata 01: a body framed by Content-Length; the README section of the same name teaches it. */
@Order(3)
@DisplayName("Stage 3 — A body framed by Content-Length")
class Stage3ContentLengthTest {

    /** 17 + 19 = 36 bytes: the first field after Host starts at offset 36. */
    private static final String POST = "POST / HTTP/1.1\r\n" + HOST;

    @Test
    @Order(1)
    @DisplayName("reads exactly Content-Length bytes of body (RFC 9112 §6.2)")
    void readsBody() throws Exception {
        HttpRequest request = parseOne(POST + "Content-Length: 5\r\n\r\nhello");

        assertThat(request.bodyText()).isEqualTo("hello");
    }

    @Test
    @Order(2)
    @DisplayName("reads a body of binary bytes, CR, LF and NUL included, without looking inside")
    void readsBinaryBody() throws Exception {
        byte[] body = {0, '\r', '\n', (byte) 0xFF, '\r', '\n', '\r', '\n', 7};
        String raw = POST + "Content-Length: 9\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1);

        assertThat(parseOne(raw).body()).containsExactly(body);
    }

    @Test
    @Order(3)
    @DisplayName("gives a request with neither Content-Length nor Transfer-Encoding an empty body (RFC 9112 §6.3)")
    void noFramingMeansNoBody() throws Exception {
        List<HttpRequest> requests = parseAll(limits(), POST + "\r\nGET /next HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(requests).as("the bytes after the header section are the next request, not a body").hasSize(2);
        assertThat(requests.get(0).body()).isEmpty();
        assertThat(requests.get(1).target()).isEqualTo("/next");
    }

    @Test
    @Order(4)
    @DisplayName("reads Content-Length: 0 as an empty body")
    void zeroLength() throws Exception {
        assertThat(parseOne(POST + "Content-Length: 0\r\n\r\n").body()).isEmpty();
    }

    @Test
    @Order(5)
    @DisplayName("reads leading zeros as decimal: 010 is ten, not eight (RFC 9110 §8.6)")
    void leadingZerosAreDecimal() throws Exception {
        assertThat(parseOne(POST + "Content-Length: 010\r\n\r\n0123456789").bodyText()).isEqualTo("0123456789");
    }

    @Test
    @Order(6)
    @DisplayName("ignores whitespace around the value")
    void trimsValue() throws Exception {
        assertThat(parseOne(POST + "Content-Length: \t 3 \t\r\n\r\nabc").bodyText()).isEqualTo("abc");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Content-Length: 5\r\nContent-Length: 5\r\n", "Content-Length: 5, 5\r\n",
        "Content-Length: 5,5,5\r\n", "content-length: 5\r\nContent-Length: 005\r\n"})
    @Order(7)
    @DisplayName("accepts repeated Content-Length values when they are all the same number (RFC 9110 §8.6)")
    void acceptsIdenticalDuplicates(String fields) throws Exception {
        assertThat(parseOne(POST + fields + "\r\nhello").bodyText()).isEqualTo("hello");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Content-Length: 5, 6\r\n", "Content-Length: 5,\r\n", "Content-Length: ,5\r\n"})
    @Order(8)
    @DisplayName("rejects a Content-Length list with differing or empty members (RFC 9110 §8.6, RFC 9112 §6.3)")
    void rejectsDifferingList(String field) {
        rejected(POST + field + "\r\nhello!", 400);
    }

    @Test
    @Order(9)
    @DisplayName("rejects differing Content-Length fields, pointing at the one that disagrees (RFC 9112 §6.3)")
    void rejectsDifferingDuplicates() {
        rejectedAt(POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400, 36 + 19);
    }

    @ParameterizedTest(name = "Content-Length: {0}")
    @ValueSource(strings = {"-5", "+5", "0x5", "5.0", "", "five", "5 5", "5a", "1e3", "\u00b2"})
    @Order(10)
    @DisplayName("rejects a Content-Length that is not one or more decimal digits, pointing at the field (RFC 9110 §8.6)")
    void rejectsInvalidLength(String value) {
        rejectedAt(POST + "Content-Length: " + value + "\r\n\r\nhello", 400, 36);
    }

    @Test
    @Order(11)
    @DisplayName("reads a body of 200 kB exactly, fed in pieces of 1000 bytes")
    void readsLargeBody() throws Exception {
        byte[] body = new byte[200_000];
        new Random(7).nextBytes(body);
        byte[] head = bytes(POST + "Content-Length: " + body.length + "\r\n\r\n");
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);

        RequestParser parser = new RequestParser();
        List<HttpRequest> got = new ArrayList<>();
        for (int at = 0; at < all.length; at += 1000) {
            got.addAll(parser.feed(all, at, Math.min(1000, all.length - at)));
        }

        assertThat(got).hasSize(1);
        assertThat(got.get(0).body()).as("the 200 kB body").isEqualTo(body);
    }

    @Test
    @Order(12)
    @DisplayName("keeps counting offsets through a body: an error in the next request points at the right byte")
    void countsOffsetsThroughBody() {
        String first = POST + "Content-Length: 5\r\n\r\nhello";

        rejectedAt(first + "GET / HTTP/7.0\r\n" + HOST + "\r\n", 505, first.length() + 6);
    }

    @Test
    @Order(13)
    @DisplayName("holds a request whose body has not fully arrived: never a truncated request")
    void waitsForWholeBody() throws Exception {
        RequestParser parser = new RequestParser();

        assertThat(parser.feed(bytes(POST + "Content-Length: 11\r\n\r\nhello")))
                .as("5 of 11 body bytes have arrived").isEmpty();
        assertThat(parser.feed(bytes(" worl"))).as("10 of 11 body bytes have arrived").isEmpty();
        List<HttpRequest> done = parser.feed(bytes("d"));
        assertThat(done).hasSize(1);
        assertThat(done.get(0).bodyText()).isEqualTo("hello world");
    }

    @Test
    @Order(14)
    @DisplayName("answers 413 to a Content-Length over the limit as soon as the headers end (RFC 9110 §15.5.14)")
    void answers413BeforeTheBody() {
        rejected(POST + "Content-Length: 104857600\r\n\r\n", 413);
    }

    @Test
    @Order(15)
    @DisplayName("points a 413 at the Content-Length field line")
    void points413AtField() {
        rejectedAt(limits().withMaxBodySize(4), POST + "Content-Length: 5\r\n\r\nhello", 413, 36);
    }

    @Test
    @Order(16)
    @DisplayName("accepts a body exactly as large as the limit, refuses one byte more")
    void bodyLimitBoundary() throws Exception {
        ParserLimits small = limits().withMaxBodySize(10);

        assertThat(parseOne(small, POST + "Content-Length: 10\r\n\r\n0123456789").body()).hasSize(10);
        rejected(small, POST + "Content-Length: 11\r\n\r\n0123456789A", 413);
    }

    @Test
    @Order(17)
    @DisplayName("answers 413, not an overflow, to a Content-Length too large for a long")
    void answers413ToHugeLength() {
        rejected(POST + "Content-Length: 99999999999999999999999999999\r\n\r\n", 413);
        rejected(POST + "Content-Length: 9223372036854775808\r\n\r\n", 413);
        rejected(POST + "Content-Length: 18446744073709551621\r\n\r\n", 413);
    }
}
