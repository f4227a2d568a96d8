package dev.backendkatas.requestparsing;

import static dev.backendkatas.requestparsing.Requests.HOST;
import static dev.backendkatas.requestparsing.Requests.limits;
import static dev.backendkatas.requestparsing.Requests.parseOne;
import static dev.backendkatas.requestparsing.Requests.rejected;
import static dev.backendkatas.requestparsing.Requests.rejectedAt;
import static dev.backendkatas.requestparsing.Requests.rejectedByteAtATime;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 1 of kata 01: method, target and its form, version; the README section of the same name teaches it. */
@Order(1)
@DisplayName("Stage 1 — The request line")
class Stage1RequestLineTest {

    @Test
    @Order(1)
    @DisplayName("parses method, origin-form target and version of a simple GET (RFC 9112 §3)")
    void parsesSimpleGet() throws Exception {
        HttpRequest request = parseOne("GET /index.html HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(request.method()).as("method").isEqualTo("GET");
        assertThat(request.target()).as("request-target").isEqualTo("/index.html");
        assertThat(request.targetForm()).as("target form").isEqualTo(TargetForm.ORIGIN);
        assertThat(request.version()).as("version").isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(request.body()).as("body of a GET without framing headers").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PURGE", "M-SEARCH", "PROPFIND", "get", "X_CUSTOM.1~!#$%&'*+^`|"})
    @Order(2)
    @DisplayName("accepts any method token, unknown ones too, and keeps its case (RFC 9110 §9.1)")
    void acceptsAnyMethodToken(String method) throws Exception {
        HttpRequest request = parseOne(method + " / HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(request.method()).isEqualTo(method);
    }

    @Test
    @Order(3)
    @DisplayName("keeps the target exactly as sent, query and percent-encoding included")
    void keepsTargetAsSent() throws Exception {
        HttpRequest request = parseOne("GET /search?q=a%20b&lang=en HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(request.target()).isEqualTo("/search?q=a%20b&lang=en");
        assertThat(request.targetForm()).isEqualTo(TargetForm.ORIGIN);
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "GET, http://example.com:8080/a?b=c, ABSOLUTE",
        "GET, https://example.com, ABSOLUTE",
        "GET, urn:isbn:0451450523, ABSOLUTE",
        "GET, h+t-t.p:rest, ABSOLUTE",
        "CONNECT, example.com:443, AUTHORITY",
        "CONNECT, 127.0.0.1:8080, AUTHORITY",
        "CONNECT, [::1]:8443, AUTHORITY",
        "OPTIONS, *, ASTERISK",
        "OPTIONS, /, ORIGIN",
    })
    @Order(4)
    @DisplayName("recognises absolute-form, authority-form and asterisk-form targets (RFC 9112 §3.2)")
    void recognisesTargetForms(String method, String target, TargetForm form) throws Exception {
        HttpRequest request = parseOne(method + " " + target + " HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(request.target()).isEqualTo(target);
        assertThat(request.targetForm()).as("form of %s %s", method, target).isEqualTo(form);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, *",
        "POST, *",
        "CONNECT, /",
        "CONNECT, example.com",
        "CONNECT, example.com:",
        "CONNECT, example.com:https",
        "CONNECT, http://example.com:443",
        "GET, example.com/path",
        "GET, 1http://example.com/",
        "GET, ://example.com/",
        "GET, ?q=1",
        "options, *",
        "Options, *",
    })
    @Order(5)
    @DisplayName("rejects a target whose form the method may not use, or that has no form at all (RFC 9112 §3.2)")
    void rejectsTargetInWrongForm(String method, String target) {
        rejected(method + " " + target + " HTTP/1.1\r\n" + HOST + "\r\n", 400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a:x", "z:x", "A:x", "Z:x", "a09+-.:x", "zZ9:x"})
    @Order(6)
    @DisplayName("accepts a scheme of a letter, then letters, digits, + - . (RFC 3986 §3.1)")
    void acceptsSchemeEdges(String target) throws Exception {
        assertThat(parseOne("GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n").targetForm()).isEqualTo(TargetForm.ABSOLUTE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"@:x", "[:x", "`:x", "{:x", "9a:x", "a_b:x", "a@b:x", "a/b:x", "a:b"})
    @Order(7)
    @DisplayName("rejects a scheme that does not start with a letter or holds another character (RFC 3986 §3.1)")
    void rejectsBadScheme(String target) {
        String method = target.equals("a:b") ? "CONNECT" : "GET";
        rejected(method + " " + target + " HTTP/1.1\r\n" + HOST + "\r\n", 400);
    }

    @ParameterizedTest(name = "CONNECT {0}")
    @ValueSource(strings = {":443", "host:/", "host::", "host:4a3", "ho st:443", "host/x:443"})
    @Order(8)
    @DisplayName("rejects an authority-form target without a host, or with a port that is not digits (RFC 9112 §3.2.3)")
    void rejectsBadAuthority(String target) {
        rejected("CONNECT " + target + " HTTP/1.1\r\n" + HOST + "\r\n", 400);
    }

    @ParameterizedTest(name = "CONNECT {0}")
    @ValueSource(strings = {"h:0", "h:9", "[2001:db8::1]:443", "a-b.c_d~e:65535"})
    @Order(9)
    @DisplayName("accepts an authority-form target of host characters and a port of digits")
    void acceptsAuthorityEdges(String target) throws Exception {
        assertThat(parseOne("CONNECT " + target + " HTTP/1.1\r\n" + HOST + "\r\n").targetForm())
                .isEqualTo(TargetForm.AUTHORITY);
    }

    @Test
    @Order(10)
    @DisplayName("reads HTTP/1.0 as version 1.0")
    void readsHttp10() throws Exception {
        HttpRequest request = parseOne("GET / HTTP/1.0\r\n\r\n");

        assertThat(request.version()).isEqualTo(HttpVersion.HTTP_1_0);
    }

    @Test
    @Order(11)
    @DisplayName("reads a later 1.x version and treats it as HTTP/1.1 (RFC 9112 §2.3)")
    void readsLaterMinorVersion() throws Exception {
        HttpRequest request = parseOne("GET / HTTP/1.7\r\n" + HOST + "\r\n");

        assertThat(request.version()).isEqualTo(new HttpVersion(1, 7));
        assertThat(request.keepAlive()).as("a 1.x request with x ≥ 1 stays open like HTTP/1.1").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP/2.0", "HTTP/0.9", "HTTP/3.0", "HTTP/9.9"})
    @Order(12)
    @DisplayName("answers 505 to a major version other than 1, pointing at the version (RFC 9110 §15.6.6)")
    void answers505ToOtherMajorVersions(String version) {
        rejectedAt("GET / " + version + "\r\n" + HOST + "\r\n", 505, 6);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP/1.10", "http/1.1", "HTTP/1", "HTTP/1.", "HTTP/a.b", "HTTPS/1.1", "HTTP/1.1 ",
        "HTTP /1.1", "HTTP/11", "HTTP/-1.1", ""})
    @Order(13)
    @DisplayName("rejects a version that is not exactly HTTP/digit.digit (RFC 9112 §2.3)")
    void rejectsMalformedVersion(String version) {
        rejected("GET / " + version + "\r\n" + HOST + "\r\n", 400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "GET  / HTTP/1.1\r\n",
        "GET /  HTTP/1.1\r\n",
        " GET / HTTP/1.1\r\n",
        "GET\t/ HTTP/1.1\r\n",
        "GET /\tHTTP/1.1\r\n",
        "GET / HTTP/1.1 \r\n",
        "GET /\r\n",
        "GET\r\n",
        "/ HTTP/1.1\r\n",
    })
    @Order(14)
    @DisplayName("rejects a request line that is not three parts separated by single spaces (RFC 9112 §3)")
    void rejectsBadSeparators(String requestLine) {
        rejected(requestLine + HOST + "\r\n", 400);
    }

    @ParameterizedTest(name = "byte 0x{0}")
    @ValueSource(strings = {"00", "09", "7F", "E9", "FF", "0B"})
    @Order(15)
    @DisplayName("rejects a control byte or non-ASCII byte in the target, pointing at it (RFC 9112 §3.2)")
    void rejectsBadByteInTarget(String hex) {
        char bad = (char) Integer.parseInt(hex, 16);
        rejectedAt("GET /caf" + bad + " HTTP/1.1\r\n" + HOST + "\r\n", 400, 8);
    }

    @ParameterizedTest(name = "byte 0x{0}")
    @ValueSource(strings = {"28", "29", "2C", "2F", "3A", "3B", "3C", "3D", "3E", "3F", "40", "5B", "5C", "5D", "7B",
        "7D", "22"})
    @Order(16)
    @DisplayName("rejects a delimiter in the method: a method is a token (RFC 9110 §5.6.2)")
    void rejectsDelimiterInMethod(String hex) {
        char bad = (char) Integer.parseInt(hex, 16);
        rejectedAt("GE" + bad + "T / HTTP/1.1\r\n" + HOST + "\r\n", 400, 2);
    }

    @Test
    @Order(17)
    @DisplayName("answers 414 to a target longer than the limit, pointing at the first byte past it (RFC 9112 §3)")
    void answers414ToLongTarget() {
        ParserLimits small = limits().withMaxTargetLength(16);
        String target = "/" + "a".repeat(16);

        rejectedAt(small, "GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n", 414, 4 + 16);
    }

    @Test
    @Order(18)
    @DisplayName("accepts a target exactly as long as the limit")
    void acceptsTargetAtLimit() throws Exception {
        ParserLimits small = limits().withMaxTargetLength(16);
        String target = "/" + "a".repeat(15);

        assertThat(parseOne(small, "GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n").target()).isEqualTo(target);
    }

    @Test
    @Order(19)
    @DisplayName("answers 501 to a method longer than any the server implements (RFC 9112 §3)")
    void answers501ToLongMethod() {
        ParserLimits small = limits().withMaxMethodLength(7);

        rejectedAt(small, "PROPPATCH / HTTP/1.1\r\n" + HOST + "\r\n", 501, 7);
    }

    @Test
    @Order(20)
    @DisplayName("accepts a method exactly as long as the limit")
    void acceptsMethodAtLimit() throws Exception {
        ParserLimits small = limits().withMaxMethodLength(7);

        assertThat(parseOne(small, "OPTIONS * HTTP/1.1\r\n" + HOST + "\r\n").method()).isEqualTo("OPTIONS");
    }

    @Test
    @Order(21)
    @DisplayName("skips empty lines before the request line (RFC 9112 §2.2)")
    void skipsLeadingEmptyLines() throws Exception {
        HttpRequest request = parseOne("\r\n\r\nGET / HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(request.method()).isEqualTo("GET");
    }

    @Test
    @Order(22)
    @DisplayName("rejects a bare LF ending the request line: only CRLF ends a line here (RFC 9112 §2.2)")
    void rejectsBareLfInRequestLine() {
        rejectedAt("GET / HTTP/1.1\n" + HOST + "\r\n", 400, 14);
    }

    @Test
    @Order(23)
    @DisplayName("rejects a bare CR in the request line, pointing at the byte that should have been LF (RFC 9112 §2.2)")
    void rejectsBareCrInRequestLine() {
        rejectedAt("GET / HTTP/1.1\rX" + HOST + "\r\n", 400, 15);
    }

    @Test
    @Order(24)
    @DisplayName("rejects a bare LF or a bare CR among the empty lines before the request line (RFC 9112 §2.2)")
    void rejectsBareLineEndingsBeforeRequestLine() {
        // Only CRLF empty lines may be skipped: a parser that also skips a lone LF or CR ends lines where others don't.
        rejectedAt("\nGET / HTTP/1.1\r\n" + HOST + "\r\n", 400, 0);
        rejectedAt("\r\n\nGET / HTTP/1.1\r\n" + HOST + "\r\n", 400, 2);
        rejectedAt("\rGET / HTTP/1.1\r\n" + HOST + "\r\n", 400, 1);
    }

    @Test
    @Order(25)
    @DisplayName("points at the target when its form does not suit the method (RFC 9112 §3.2)")
    void pointsAtTargetInWrongForm() {
        rejectedAt("GET * HTTP/1.1\r\n" + HOST + "\r\n", 400, 4);
        rejectedAt("CONNECT /tunnel HTTP/1.1\r\n" + HOST + "\r\n", 400, 8);
    }

    @Test
    @Order(26)
    @DisplayName("rejects a NUL in the method, pointing at the NUL byte")
    void rejectsNulInMethod() {
        rejectedAt("GE\0T / HTTP/1.1\r\n" + HOST + "\r\n", 400, 2);
    }

    @Test
    @Order(27)
    @DisplayName("rejects a TLS handshake sent to the plain-text port (garbage bytes) at the first byte")
    void rejectsTlsClientHello() {
        String clientHello = "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u00fc\u0003\u0003";
        rejectedAt(clientHello, 400, 0);
    }

    @Test
    @Order(28)
    @DisplayName("answers 414 to a huge target without waiting for its end (one byte at a time)")
    void answers414WhileTargetStillArrives() {
        rejectedByteAtATime(limits(), "GET /" + "x".repeat(9000), 414);
    }
}
