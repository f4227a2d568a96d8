package dev.backendkatas.requestparsing;

import static dev.backendkatas.requestparsing.Requests.HOST;
import static dev.backendkatas.requestparsing.Requests.bytes;
import static dev.backendkatas.requestparsing.Requests.limits;
import static dev.backendkatas.requestparsing.Requests.parseAll;
import static dev.backendkatas.requestparsing.Requests.parseOne;
import static dev.backendkatas.requestparsing.Requests.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stage 5 of kata 01: pipelined requests split anywhere; the README section of the same name teaches it. */
@Order(5)
@DisplayName("Stage 5 — A byte stream, not a message")
class Stage5ByteStreamTest {

    /** Three pipelined requests of every framing kind, as a client would write them back to back. */
    private static final String PIPELINE =
            "GET /first HTTP/1.1\r\n" + HOST + "Accept: */*\r\n\r\n"
            + "POST /second HTTP/1.1\r\n" + HOST + "Content-Length: 8\r\n\r\nab\r\n\r\ncd"
            + "\r\n"
            + "PUT /third HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n"
            + "3;x=y\r\n\r\n\r\r\n2\r\nok\r\n0\r\nX-Trailer: t\r\n\r\n"
            + "DELETE /fourth HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";

    private List<HttpRequest> inOneFeed() throws HttpParseException {
        return parseAll(limits(), PIPELINE);
    }

    @Test
    @Order(1)
    @DisplayName("returns pipelined requests that arrive in one read, in order (RFC 9112 §9.3.2)")
    void returnsPipelinedRequestsInOrder() throws Exception {
        List<HttpRequest> requests = inOneFeed();

        assertThat(requests).extracting(HttpRequest::target)
                .containsExactly("/first", "/second", "/third", "/fourth");
        assertThat(requests.get(1).bodyText()).isEqualTo("ab\r\n\r\ncd");
        assertThat(requests.get(2).bodyText()).isEqualTo("\r\n\rok");
        assertThat(requests.get(2).trailers().first("X-Trailer")).contains("t");
    }

    @Test
    @Order(2)
    @DisplayName("yields the same requests whatever the point where the stream is split in two")
    void anySplitInTwoGivesTheSameRequests() throws Exception {
        List<HttpRequest> expected = inOneFeed();
        byte[] all = bytes(PIPELINE);

        for (int split = 0; split <= all.length; split++) {
            RequestParser parser = new RequestParser();
            List<HttpRequest> got = new ArrayList<>(parser.feed(all, 0, split));
            got.addAll(parser.feed(all, split, all.length - split));

            assertThat(got).as("requests when split at byte %d, before %s", split,
                    Visible.of(PIPELINE.substring(split, Math.min(split + 12, all.length)))).isEqualTo(expected);
        }
    }

    @Test
    @Order(3)
    @DisplayName("yields the same requests fed one byte at a time")
    void byteAtATimeGivesTheSameRequests() throws Exception {
        List<HttpRequest> expected = inOneFeed();
        RequestParser parser = new RequestParser();
        List<HttpRequest> got = new ArrayList<>();
        for (byte b : bytes(PIPELINE)) {
            got.addAll(parser.feed(new byte[] {b}));
        }

        assertThat(got).isEqualTo(expected);
    }

    @Test
    @Order(4)
    @DisplayName("yields the same requests for random splits into many pieces (fixed seeds)")
    void randomSplitsGiveTheSameRequests() throws Exception {
        List<HttpRequest> expected = inOneFeed();
        byte[] all = bytes(PIPELINE);
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            RequestParser parser = new RequestParser();
            List<HttpRequest> got = new ArrayList<>();
            for (int at = 0; at < all.length; ) {
                int length = Math.min(1 + random.nextInt(24), all.length - at);
                got.addAll(parser.feed(all, at, length));
                at += length;
            }
            assertThat(got).as("requests for the random split of seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    @Order(5)
    @DisplayName("returns a request as soon as its last byte arrives, keeping the next one's first bytes")
    void keepsBytesOfTheNextRequest() throws Exception {
        RequestParser parser = new RequestParser();

        List<HttpRequest> first = parser.feed(bytes("GET /a HTTP/1.1\r\n" + HOST + "\r\nGET /b HT"));
        assertThat(first).extracting(HttpRequest::target).containsExactly("/a");
        List<HttpRequest> second = parser.feed(bytes("TP/1.1\r\n" + HOST + "\r\n"));
        assertThat(second).extracting(HttpRequest::target).containsExactly("/b");
    }

    @Test
    @Order(6)
    @DisplayName("reads only the given slice of the array")
    void readsOnlyTheGivenSlice() throws Exception {
        byte[] framed = bytes("XXXXGET /slice HTTP/1.1\r\n" + HOST + "\r\nYYYY");

        List<HttpRequest> requests = new RequestParser().feed(framed, 4, framed.length - 8);

        assertThat(requests).extracting(HttpRequest::target).containsExactly("/slice");
    }

    @Test
    @Order(7)
    @DisplayName("rejects a slice that does not fit the array")
    void rejectsBadSlice() {
        byte[] array = new byte[8];

        assertThatThrownBy(() -> new RequestParser().feed(array, 4, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new RequestParser().feed(array, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new RequestParser().feed(array, 2, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @Order(8)
    @DisplayName("knows whether it holds part of a request (empty lines between requests do not count)")
    void tracksPartialRequest() throws Exception {
        RequestParser parser = new RequestParser();
        assertThat(parser.hasPartialRequest()).as("before any byte").isFalse();

        parser.feed(bytes("\r\n\r\n"));
        assertThat(parser.hasPartialRequest()).as("after empty lines only").isFalse();

        parser.feed(bytes("G"));
        assertThat(parser.hasPartialRequest()).as("after the first byte of a method").isTrue();

        parser.feed(bytes("ET / HTTP/1.1\r\n" + HOST + "\r\n"));
        assertThat(parser.hasPartialRequest()).as("after a complete request").isFalse();

        parser.feed(bytes("POST / HTTP/1.1\r\n" + HOST + "Content-Length: 2\r\n\r\nx"));
        assertThat(parser.hasPartialRequest()).as("with one of two body bytes").isTrue();
    }

    @ParameterizedTest(name = "{0} with [{1}] → keep-alive {2}")
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.1 |                        | true",
        "HTTP/1.1 | close                  | false",
        "HTTP/1.1 | Close                  | false",
        "HTTP/1.1 | keep-alive, close      | false",
        "HTTP/1.1 | Upgrade, HTTP2-Settings | true",
        "HTTP/1.1 | closed                 | true",
        "HTTP/1.1 | keep-alive             | true",
        "HTTP/1.0 |                        | false",
        "HTTP/1.0 | keep-alive             | true",
        "HTTP/1.0 | Keep-Alive             | true",
        "HTTP/1.0 | foo ,  keep-alive      | true",
        "HTTP/1.0 | keep-alive, close      | false",
        "HTTP/1.0 | close                  | false",
    })
    @Order(9)
    @DisplayName("decides whether the connection stays open from the version and Connection (RFC 9112 §9.3)")
    void decidesKeepAlive(String version, String connection, boolean keepAlive) throws Exception {
        String field = connection == null ? "" : "Connection: " + connection + "\r\n";

        HttpRequest request = parseOne("GET / " + version + "\r\n" + HOST + field + "\r\n");

        assertThat(request.keepAlive()).as("keep-alive for %s with %s", version, Visible.of(field)).isEqualTo(keepAlive);
    }

    @Test
    @Order(10)
    @DisplayName("reads Connection options from every Connection field line")
    void readsEveryConnectionLine() throws Exception {
        HttpRequest request = parseOne("GET / HTTP/1.1\r\n" + HOST + "Connection: keep-alive\r\nConnection: close\r\n\r\n");

        assertThat(request.keepAlive()).isFalse();
    }

    @Test
    @Order(11)
    @DisplayName("counts error offsets from the first byte of the stream, across requests")
    void countsOffsetsAcrossRequests() throws Exception {
        String first = "GET /a HTTP/1.1\r\n" + HOST + "\r\n";
        RequestParser parser = new RequestParser();
        assertThat(parser.feed(bytes(first))).hasSize(1);

        HttpParseException e = Requests.rejected(ParserLimits.DEFAULTS, first + "GET /b HTTP/1.1\r\nBad Name: x\r\n\r\n", 400);
        assertThat(e.offset()).as("offset of the space in \"Bad Name\" in the second request")
                .isEqualTo(first.length() + 17 + 3);
    }

    @Test
    @Order(12)
    @DisplayName("hands over the valid requests that came in the same bytes before an error: they are owed a response")
    void keepsRequestsBeforeAnError() {
        String valid = "GET /a HTTP/1.1\r\n" + HOST + "\r\nGET /b HTTP/1.1\r\n" + HOST + "\r\n";

        HttpParseException e = rejected(valid + "GET /c HTTP/7.0\r\n" + HOST + "\r\n", 505);

        assertThat(e.requestsBefore()).as("requests completed before the error, carried by the exception")
                .extracting(HttpRequest::target).containsExactly("/a", "/b");
        assertThat(e.offset()).isEqualTo(valid.length() + 7);
    }

    @Test
    @Order(13)
    @DisplayName("carries no request in an error when the earlier ones were already returned")
    void carriesNoRequestAlreadyReturned() throws Exception {
        RequestParser parser = new RequestParser();
        assertThat(parser.feed(bytes("GET /a HTTP/1.1\r\n" + HOST + "\r\n"))).hasSize(1);

        HttpParseException e = Requests.rejectedWhenFed(parser, bytes("GET /b HTTP/7.0\r\n\r\n"), 505);

        assertThat(e.requestsBefore()).isEmpty();
    }

    @Test
    @Order(14)
    @DisplayName("refuses to go on after an error: the connection must close (RFC 9112 §9.6)")
    void failsForGoodAfterAnError() {
        RequestParser parser = new RequestParser();
        assertThatThrownBy(() -> parser.feed(bytes("GET / HTTP/9.9\r\n\r\n"))).isInstanceOf(HttpParseException.class);

        assertThatThrownBy(() -> parser.feed(bytes("GET / HTTP/1.1\r\n" + HOST + "\r\n")))
                .as("feeding a parser that already failed")
                .isInstanceOf(IllegalStateException.class);
    }
}
