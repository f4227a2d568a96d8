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

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 2 of kata 01: field lines, Host, the section limit; the README section of the same name teaches it. */
@Order(2)
@DisplayName("Stage 2 — Header fields")
class Stage2HeaderFieldsTest {

    /** 16 bytes: field lines start at offset 16. */
    private static final String GET = "GET / HTTP/1.1\r\n";

    @Test
    @Order(1)
    @DisplayName("parses field lines in order, names as sent, values without surrounding whitespace (RFC 9112 §5)")
    void parsesFieldLines() throws Exception {
        HttpRequest request = parseOne(GET + HOST + "Accept:  text/html \t\r\nX-Empty:\r\nx-MiXeD-Case:1\r\n\r\n");

        assertThat(request.headers().asList()).containsExactly(
                new HeaderField("Host", "example.com"),
                new HeaderField("Accept", "text/html"),
                new HeaderField("X-Empty", ""),
                new HeaderField("x-MiXeD-Case", "1"));
    }

    @Test
    @Order(2)
    @DisplayName("finds fields whatever the letter case of the name (RFC 9110 §5.1)")
    void looksUpNamesIgnoringCase() throws Exception {
        HttpRequest request = parseOne(GET + "hOsT: example.com\r\nCONTENT-type: text/plain\r\n\r\n");

        assertThat(request.headers().first("Host")).contains("example.com");
        assertThat(request.headers().first("content-type")).contains("text/plain");
    }

    @Test
    @Order(3)
    @DisplayName("keeps every repeated field, in order (RFC 9110 §5.3)")
    void keepsRepeatedFields() throws Exception {
        HttpRequest request = parseOne(GET + HOST + "Accept: text/html\r\nX-Other: 1\r\naccept: application/json\r\n\r\n");

        assertThat(request.headers().all("Accept")).containsExactly("text/html", "application/json");
        assertThat(request.headers().size()).isEqualTo(4);
    }

    @Test
    @Order(4)
    @DisplayName("keeps spaces and tabs inside a value")
    void keepsInnerWhitespace() throws Exception {
        HttpRequest request = parseOne(GET + HOST + "User-Agent: curl/8.5.0 (x86_64  linux)\r\nX-Tab: a\tb\r\n\r\n");

        assertThat(request.headers().first("User-Agent")).contains("curl/8.5.0 (x86_64  linux)");
        assertThat(request.headers().first("X-Tab")).contains("a\tb");
    }

    @Test
    @Order(5)
    @DisplayName("accepts bytes 0x80-0xFF in a value and decodes them as ISO-8859-1 (RFC 9110 §5.5)")
    void acceptsObsText() throws Exception {
        HttpRequest request = parseOne(GET + HOST + "X-Name: caf\u00e9 \u00ff\r\n\r\n");

        assertThat(request.headers().first("X-Name")).contains("caf\u00e9 \u00ff");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Host : example.com", "Host\t: example.com", "Host  : example.com"})
    @Order(6)
    @DisplayName("rejects whitespace between field name and colon, pointing at it (RFC 9112 §5.1)")
    void rejectsWhitespaceBeforeColon(String line) {
        rejectedAt(GET + line + "\r\n\r\n", 400, 16 + 4);
    }

    @Test
    @Order(7)
    @DisplayName("rejects obsolete line folding, pointing at the folded line (RFC 9112 §5.2)")
    void rejectsObsFold() {
        rejectedAt(GET + HOST + "X-A: one\r\n two\r\n\r\n", 400, 16 + 19 + 10);
    }

    @Test
    @Order(8)
    @DisplayName("rejects a folded line that starts with a tab (RFC 9112 §5.2)")
    void rejectsObsFoldWithTab() {
        rejected(GET + HOST + "X-A: one\r\n\ttwo\r\n\r\n", 400);
    }

    @Test
    @Order(9)
    @DisplayName("rejects whitespace between the request line and the first field (RFC 9112 §2.2)")
    void rejectsWhitespaceBeforeFirstField() {
        rejectedAt(GET + " " + HOST + "\r\n", 400, 16);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Host example.com", "Host", ": example.com", "Ho(st: example.com", "Ho st: example.com",
        "Host/1: example.com", "H\u00f6st: example.com", "Ho\"st: example.com"})
    @Order(10)
    @DisplayName("rejects a field line without a colon, with an empty name, or with a name that is not a token")
    void rejectsBadFieldName(String line) {
        rejected(GET + line + "\r\n\r\n", 400);
    }

    @Test
    @Order(11)
    @DisplayName("rejects a delimiter in a field name, pointing at it (RFC 9110 §5.1)")
    void rejectsDelimiterInNameAtOffset() {
        rejectedAt(GET + "Ho(st: example.com\r\n\r\n", 400, 18);
    }

    @ParameterizedTest(name = "byte 0x{0}")
    @ValueSource(strings = {"00", "01", "08", "0B", "0C", "1B", "1F", "7F"})
    @Order(12)
    @DisplayName("rejects a control byte in a value, pointing at it (RFC 9110 §5.5)")
    void rejectsControlByteInValue(String hex) {
        char bad = (char) Integer.parseInt(hex, 16);
        rejectedAt(GET + HOST + "X-A: a" + bad + "b\r\n\r\n", 400, 16 + 19 + 6);
    }

    @ParameterizedTest(name = "byte 0x{0}")
    @ValueSource(strings = {"00", "01", "0B", "0C", "1F"})
    @Order(13)
    @DisplayName("rejects a control byte at either end of a value: only spaces and tabs are trimmed (RFC 9110 §5.5, §5.6.3)")
    void rejectsControlByteAtEdgeOfValue(String hex) {
        // String.trim() would drop these silently; OWS is SP and HTAB only, and any other control byte is refused.
        char bad = (char) Integer.parseInt(hex, 16);
        rejectedAt(GET + HOST + "X-A: " + bad + "b\r\n\r\n", 400, 16 + 19 + 5);
        rejectedAt(GET + HOST + "X-A:" + bad + "\r\n\r\n", 400, 16 + 19 + 4);
        rejectedAt(GET + HOST + "X-A: b" + bad + "\r\n\r\n", 400, 16 + 19 + 6);
    }

    @Test
    @Order(14)
    @DisplayName("rejects a bare LF inside a value, pointing at it (RFC 9110 §5.5, RFC 9112 §2.2)")
    void rejectsBareLfInValue() {
        rejectedAt(GET + HOST + "X-A: a\nb\r\n\r\n", 400, 16 + 19 + 6);
    }

    @Test
    @Order(15)
    @DisplayName("rejects a bare CR inside a value (RFC 9110 §5.5)")
    void rejectsBareCrInValue() {
        rejected(GET + HOST + "X-A: a\rb\r\n\r\n", 400);
    }

    @Test
    @Order(16)
    @DisplayName("rejects a bare LF or a bare CR where the empty line should end the header section (RFC 9112 §2.2)")
    void rejectsBareLineEndingAtEndOfSection() {
        // Offsets: a bare LF is reported at the LF, a bare CR at the byte after it, which should have been LF.
        rejectedAt(GET + HOST + "\n\r\n", 400, 16 + 19);
        // A parser that ends the section at any CR would read a second request here, one that was never framed.
        rejectedAt(GET + HOST + "\rGET /admin HTTP/1.1\r\n" + HOST + "\r\n", 400, 16 + 19 + 1);
    }

    @Test
    @Order(17)
    @DisplayName("rejects an HTTP/1.1 request without Host, pointing at the end of the header section (RFC 9112 §3.2)")
    void rejectsMissingHost() {
        rejectedAt(GET + "Accept: */*\r\n\r\n", 400, 16 + 13);
    }

    @Test
    @Order(18)
    @DisplayName("requires Host in a later HTTP/1.x request too: it is handled as HTTP/1.1 (RFC 9110 §2.5, RFC 9112 §3.2)")
    void rejectsMissingHostInLaterMinorVersion() {
        rejectedAt("GET / HTTP/1.7\r\nAccept: */*\r\n\r\n", 400, 16 + 13);
    }

    @Test
    @Order(19)
    @DisplayName("rejects an HTTP/1.1 request with two Host fields, pointing at the second (RFC 9112 §3.2)")
    void rejectsTwoHosts() {
        rejectedAt(GET + HOST + "Host: other.example\r\n\r\n", 400, 16 + 19);
    }

    @Test
    @Order(20)
    @DisplayName("rejects two Host fields in an HTTP/1.0 request too (RFC 9112 §3.2)")
    void rejectsTwoHostsInHttp10() {
        rejected("GET / HTTP/1.0\r\n" + HOST + HOST + "\r\n", 400);
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"example.com:8080", "[::1]:8080", "127.0.0.1", "xn--bcher-kva.example", "a_b~c!$&'()*+,;=%20"})
    @Order(21)
    @DisplayName("accepts Host values made of host and port characters (RFC 9110 §7.2)")
    void acceptsValidHosts(String host) throws Exception {
        assertThat(parseOne(GET + "Host: " + host + "\r\n\r\n").headers().first("Host")).contains(host);
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"exa mple.com", "example.com/path", "user@example.com", "example.com?x", "ex\"ample",
        "caf\u00e9.example"})
    @Order(22)
    @DisplayName("rejects a Host value with characters no host or port may contain (RFC 9112 §3.2)")
    void rejectsInvalidHost(String host) {
        rejected(GET + "Host: " + host + "\r\n\r\n", 400);
    }

    @Test
    @Order(23)
    @DisplayName("answers 431 when the field lines pass the limit, pointing at the first byte past it (RFC 6585 §5)")
    void answers431PastLimit() {
        ParserLimits small = limits().withMaxHeaderSectionSize(64);
        String padding = "X-Pad: " + "p".repeat(37) + "\r\n";

        rejectedAt(small, GET + HOST + padding + "\r\n", 431, 16 + 64);
    }

    @Test
    @Order(24)
    @DisplayName("accepts field lines exactly as large as the limit (the final empty line does not count)")
    void acceptsHeaderSectionAtLimit() throws Exception {
        ParserLimits small = limits().withMaxHeaderSectionSize(64);
        String padding = "X-Pad: " + "p".repeat(36) + "\r\n";

        assertThat(parseOne(small, GET + HOST + padding + "\r\n").headers().size()).isEqualTo(2);
    }

    @Test
    @Order(25)
    @DisplayName("counts the header-section limit afresh for every request on the connection")
    void limitsEachRequestSeparately() throws Exception {
        ParserLimits small = limits().withMaxHeaderSectionSize(64);
        String request = GET + HOST + "X-Pad: " + "p".repeat(30) + "\r\n\r\n";

        assertThat(parseAll(small, request.repeat(5))).as("five requests, each under the limit").hasSize(5);
    }

    @Test
    @Order(26)
    @DisplayName("refuses a header section that never ends with 431 as the bytes arrive, without buffering it all")
    void refusesEndlessHeaderSection() {
        RequestParser parser = new RequestParser(limits());
        byte[] chunk = bytes("X-Filler: " + "f".repeat(4080) + "\r\n");
        long fed = 0;
        HttpParseException refusal = null;
        try {
            parser.feed(bytes(GET + HOST));
            for (int i = 0; i < 256 && refusal == null; i++) {
                parser.feed(chunk);
                fed += chunk.length;
            }
        } catch (HttpParseException e) {
            refusal = e;
        }

        assertThat(refusal).as("a 1 MiB header section against a %d-byte limit must be refused",
                limits().maxHeaderSectionSize()).isNotNull();
        assertThat(refusal.status()).isEqualTo(431);
        assertThat(fed).as("bytes fed before the refusal: it must come once the limit is passed, not at the end")
                .isLessThanOrEqualTo(limits().maxHeaderSectionSize() + chunk.length);
    }

    @Test
    @Order(27)
    @DisplayName("refuses one endless field line with 431 (one byte at a time)")
    void refusesEndlessFieldLine() {
        rejectedByteAtATime(limits(), GET + "X-Long: " + "l".repeat(10_000), 431);
    }
}
