package dev.backendkatas.requestparsing;

import static dev.backendkatas.requestparsing.Requests.bytes;
import static dev.backendkatas.requestparsing.Requests.parseAll;
import static dev.backendkatas.requestparsing.Requests.parseOne;
import static dev.backendkatas.requestparsing.Requests.rejected;
import static dev.backendkatas.requestparsing.Requests.rejectedAt;
import static dev.backendkatas.requestparsing.Requests.rejectedByteAtATime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The graded tests of kata 01. Each nested class is a stage; the README has a section of the same name.
 * Inputs are written as Java strings: every byte is one char (ISO-8859-1), so {@code \r\n} is CRLF on the wire.
 */
@DisplayName("Kata 01 — HTTP/1.1 request parsing")
class RequestParsingKataTest {

    private static final String HOST = "Host: example.com\r\n";

    private static ParserLimits limits() {
        return ParserLimits.DEFAULTS;
    }

    @Nested
    @Order(1)
    @DisplayName("Stage 1 — The request line")
    class Stage1RequestLine {

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
        @DisplayName("accepts any method token, unknown ones too, and keeps its case (RFC 9110 §9.1)")
        void acceptsAnyMethodToken(String method) throws Exception {
            HttpRequest request = parseOne(method + " / HTTP/1.1\r\n" + HOST + "\r\n");

            assertThat(request.method()).isEqualTo(method);
        }

        @Test
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
        })
        @DisplayName("rejects a target whose form the method may not use, or that has no form at all (RFC 9112 §3.2)")
        void rejectsTargetInWrongForm(String method, String target) {
            rejected(method + " " + target + " HTTP/1.1\r\n" + HOST + "\r\n", 400);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"a:x", "z:x", "A:x", "Z:x", "a09+-.:x", "zZ9:x"})
        @DisplayName("accepts a scheme of a letter, then letters, digits, + - . (RFC 3986 §3.1)")
        void acceptsSchemeEdges(String target) throws Exception {
            assertThat(parseOne("GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n").targetForm()).isEqualTo(TargetForm.ABSOLUTE);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"@:x", "[:x", "`:x", "{:x", "9a:x", "a_b:x", "a@b:x", "a/b:x", "a:b"})
        @DisplayName("rejects a scheme that does not start with a letter or holds another character (RFC 3986 §3.1)")
        void rejectsBadScheme(String target) {
            String method = target.equals("a:b") ? "CONNECT" : "GET";
            rejected(method + " " + target + " HTTP/1.1\r\n" + HOST + "\r\n", 400);
        }

        @ParameterizedTest(name = "CONNECT {0}")
        @ValueSource(strings = {":443", "host:/", "host::", "host:4a3", "ho st:443", "host/x:443"})
        @DisplayName("rejects an authority-form target without a host, or with a port that is not digits (RFC 9112 §3.2.3)")
        void rejectsBadAuthority(String target) {
            rejected("CONNECT " + target + " HTTP/1.1\r\n" + HOST + "\r\n", 400);
        }

        @ParameterizedTest(name = "CONNECT {0}")
        @ValueSource(strings = {"h:0", "h:9", "[2001:db8::1]:443", "a-b.c_d~e:65535"})
        @DisplayName("accepts an authority-form target of host characters and a port of digits")
        void acceptsAuthorityEdges(String target) throws Exception {
            assertThat(parseOne("CONNECT " + target + " HTTP/1.1\r\n" + HOST + "\r\n").targetForm())
                    .isEqualTo(TargetForm.AUTHORITY);
        }

        @Test
        @DisplayName("reads HTTP/1.0 as version 1.0")
        void readsHttp10() throws Exception {
            HttpRequest request = parseOne("GET / HTTP/1.0\r\n\r\n");

            assertThat(request.version()).isEqualTo(HttpVersion.HTTP_1_0);
        }

        @Test
        @DisplayName("reads a later 1.x version and treats it as HTTP/1.1 (RFC 9112 §2.3)")
        void readsLaterMinorVersion() throws Exception {
            HttpRequest request = parseOne("GET / HTTP/1.7\r\n" + HOST + "\r\n");

            assertThat(request.version()).isEqualTo(new HttpVersion(1, 7));
            assertThat(request.keepAlive()).as("a 1.x request with x ≥ 1 stays open like HTTP/1.1").isTrue();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"HTTP/2.0", "HTTP/0.9", "HTTP/3.0", "HTTP/9.9"})
        @DisplayName("answers 505 to a major version other than 1, pointing at the version (RFC 9110 §15.6.6)")
        void answers505ToOtherMajorVersions(String version) {
            rejectedAt("GET / " + version + "\r\n" + HOST + "\r\n", 505, 6);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"HTTP/1.10", "http/1.1", "HTTP/1", "HTTP/1.", "HTTP/a.b", "HTTPS/1.1", "HTTP/1.1 ",
            "HTTP /1.1", "HTTP/11", "HTTP/-1.1", ""})
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
        @DisplayName("rejects a request line that is not three parts separated by single spaces (RFC 9112 §3)")
        void rejectsBadSeparators(String requestLine) {
            rejected(requestLine + HOST + "\r\n", 400);
        }

        @Test
        @DisplayName("rejects a NUL in the method, pointing at the NUL byte")
        void rejectsNulInMethod() {
            rejectedAt("GE\0T / HTTP/1.1\r\n" + HOST + "\r\n", 400, 2);
        }

        @ParameterizedTest(name = "byte 0x{0}")
        @ValueSource(strings = {"00", "09", "7F", "E9", "FF", "0B"})
        @DisplayName("rejects a control byte or non-ASCII byte in the target, pointing at it (RFC 9112 §3.2)")
        void rejectsBadByteInTarget(String hex) {
            char bad = (char) Integer.parseInt(hex, 16);
            rejectedAt("GET /caf" + bad + " HTTP/1.1\r\n" + HOST + "\r\n", 400, 8);
        }

        @ParameterizedTest(name = "byte 0x{0}")
        @ValueSource(strings = {"28", "29", "2C", "2F", "3A", "3B", "3C", "3D", "3E", "3F", "40", "5B", "5C", "5D", "7B",
            "7D", "22"})
        @DisplayName("rejects a delimiter in the method: a method is a token (RFC 9110 §5.6.2)")
        void rejectsDelimiterInMethod(String hex) {
            char bad = (char) Integer.parseInt(hex, 16);
            rejectedAt("GE" + bad + "T / HTTP/1.1\r\n" + HOST + "\r\n", 400, 2);
        }

        @Test
        @DisplayName("rejects a TLS handshake sent to the plain-text port (garbage bytes) at the first byte")
        void rejectsTlsClientHello() {
            String clientHello = "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u00fc\u0003\u0003";
            rejectedAt(clientHello, 400, 0);
        }

        @Test
        @DisplayName("answers 414 to a target longer than the limit, pointing at the first byte past it (RFC 9112 §3)")
        void answers414ToLongTarget() {
            ParserLimits small = limits().withMaxTargetLength(16);
            String target = "/" + "a".repeat(16);

            rejectedAt(small, "GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n", 414, 4 + 16);
        }

        @Test
        @DisplayName("accepts a target exactly as long as the limit")
        void acceptsTargetAtLimit() throws Exception {
            ParserLimits small = limits().withMaxTargetLength(16);
            String target = "/" + "a".repeat(15);

            assertThat(parseOne(small, "GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n").target()).isEqualTo(target);
        }

        @Test
        @DisplayName("answers 414 to a huge target without waiting for its end (one byte at a time)")
        void answers414WhileTargetStillArrives() {
            rejectedByteAtATime(limits(), "GET /" + "x".repeat(9000), 414);
        }

        @Test
        @DisplayName("answers 501 to a method longer than any the server implements (RFC 9112 §3)")
        void answers501ToLongMethod() {
            ParserLimits small = limits().withMaxMethodLength(7);

            rejectedAt(small, "PROPPATCH / HTTP/1.1\r\n" + HOST + "\r\n", 501, 7);
        }

        @Test
        @DisplayName("accepts a method exactly as long as the limit")
        void acceptsMethodAtLimit() throws Exception {
            ParserLimits small = limits().withMaxMethodLength(7);

            assertThat(parseOne(small, "OPTIONS * HTTP/1.1\r\n" + HOST + "\r\n").method()).isEqualTo("OPTIONS");
        }

        @Test
        @DisplayName("skips empty lines before the request line (RFC 9112 §2.2)")
        void skipsLeadingEmptyLines() throws Exception {
            HttpRequest request = parseOne("\r\n\r\nGET / HTTP/1.1\r\n" + HOST + "\r\n");

            assertThat(request.method()).isEqualTo("GET");
        }

        @Test
        @DisplayName("rejects a bare LF ending the request line: only CRLF ends a line here (RFC 9112 §2.2)")
        void rejectsBareLfInRequestLine() {
            rejectedAt("GET / HTTP/1.1\n" + HOST + "\r\n", 400, 14);
        }

        @Test
        @DisplayName("rejects a bare CR in the request line, pointing at the byte that should have been LF (RFC 9112 §2.2)")
        void rejectsBareCrInRequestLine() {
            rejectedAt("GET / HTTP/1.1\rX" + HOST + "\r\n", 400, 15);
        }

        @Test
        @DisplayName("points at the target when its form does not suit the method (RFC 9112 §3.2)")
        void pointsAtTargetInWrongForm() {
            rejectedAt("GET * HTTP/1.1\r\n" + HOST + "\r\n", 400, 4);
            rejectedAt("CONNECT /tunnel HTTP/1.1\r\n" + HOST + "\r\n", 400, 8);
        }
    }

    @Nested
    @Order(2)
    @DisplayName("Stage 2 — Header fields")
    class Stage2HeaderFields {

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
        @DisplayName("finds fields whatever the letter case of the name (RFC 9110 §5.1)")
        void looksUpNamesIgnoringCase() throws Exception {
            HttpRequest request = parseOne(GET + "hOsT: example.com\r\nCONTENT-type: text/plain\r\n\r\n");

            assertThat(request.headers().first("Host")).contains("example.com");
            assertThat(request.headers().first("content-type")).contains("text/plain");
        }

        @Test
        @DisplayName("keeps every repeated field, in order (RFC 9110 §5.3)")
        void keepsRepeatedFields() throws Exception {
            HttpRequest request = parseOne(GET + HOST + "Accept: text/html\r\nX-Other: 1\r\naccept: application/json\r\n\r\n");

            assertThat(request.headers().all("Accept")).containsExactly("text/html", "application/json");
            assertThat(request.headers().size()).isEqualTo(4);
        }

        @Test
        @DisplayName("keeps spaces and tabs inside a value")
        void keepsInnerWhitespace() throws Exception {
            HttpRequest request = parseOne(GET + HOST + "User-Agent: curl/8.5.0 (x86_64  linux)\r\nX-Tab: a\tb\r\n\r\n");

            assertThat(request.headers().first("User-Agent")).contains("curl/8.5.0 (x86_64  linux)");
            assertThat(request.headers().first("X-Tab")).contains("a\tb");
        }

        @Test
        @DisplayName("accepts bytes 0x80-0xFF in a value and decodes them as ISO-8859-1 (RFC 9110 §5.5)")
        void acceptsObsText() throws Exception {
            HttpRequest request = parseOne(GET + HOST + "X-Name: caf\u00e9 \u00ff\r\n\r\n");

            assertThat(request.headers().first("X-Name")).contains("caf\u00e9 \u00ff");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Host : example.com", "Host\t: example.com", "Host  : example.com"})
        @DisplayName("rejects whitespace between field name and colon, pointing at it (RFC 9112 §5.1)")
        void rejectsWhitespaceBeforeColon(String line) {
            rejectedAt(GET + line + "\r\n\r\n", 400, 16 + 4);
        }

        @Test
        @DisplayName("rejects obsolete line folding, pointing at the folded line (RFC 9112 §5.2)")
        void rejectsObsFold() {
            rejectedAt(GET + HOST + "X-A: one\r\n two\r\n\r\n", 400, 16 + 19 + 10);
        }

        @Test
        @DisplayName("rejects a folded line that starts with a tab (RFC 9112 §5.2)")
        void rejectsObsFoldWithTab() {
            rejected(GET + HOST + "X-A: one\r\n\ttwo\r\n\r\n", 400);
        }

        @Test
        @DisplayName("rejects whitespace between the request line and the first field (RFC 9112 §2.2)")
        void rejectsWhitespaceBeforeFirstField() {
            rejectedAt(GET + " " + HOST + "\r\n", 400, 16);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Host example.com", "Host", ": example.com", "Ho(st: example.com", "Ho st: example.com",
            "Host/1: example.com", "H\u00f6st: example.com", "Ho\"st: example.com"})
        @DisplayName("rejects a field line without a colon, with an empty name, or with a name that is not a token")
        void rejectsBadFieldName(String line) {
            rejected(GET + line + "\r\n\r\n", 400);
        }

        @Test
        @DisplayName("rejects a delimiter in a field name, pointing at it (RFC 9110 §5.1)")
        void rejectsDelimiterInNameAtOffset() {
            rejectedAt(GET + "Ho(st: example.com\r\n\r\n", 400, 18);
        }

        @ParameterizedTest(name = "byte 0x{0}")
        @ValueSource(strings = {"00", "01", "08", "0B", "0C", "1B", "1F", "7F"})
        @DisplayName("rejects a control byte in a value, pointing at it (RFC 9110 §5.5)")
        void rejectsControlByteInValue(String hex) {
            char bad = (char) Integer.parseInt(hex, 16);
            rejectedAt(GET + HOST + "X-A: a" + bad + "b\r\n\r\n", 400, 16 + 19 + 6);
        }

        @Test
        @DisplayName("rejects a bare LF inside a value, pointing at it (RFC 9110 §5.5, RFC 9112 §2.2)")
        void rejectsBareLfInValue() {
            rejectedAt(GET + HOST + "X-A: a\nb\r\n\r\n", 400, 16 + 19 + 6);
        }

        @Test
        @DisplayName("rejects a bare CR inside a value (RFC 9110 §5.5)")
        void rejectsBareCrInValue() {
            rejected(GET + HOST + "X-A: a\rb\r\n\r\n", 400);
        }

        @Test
        @DisplayName("rejects an HTTP/1.1 request without Host, pointing at the end of the header section (RFC 9112 §3.2)")
        void rejectsMissingHost() {
            rejectedAt(GET + "Accept: */*\r\n\r\n", 400, 16 + 13);
        }

        @Test
        @DisplayName("rejects an HTTP/1.1 request with two Host fields, pointing at the second (RFC 9112 §3.2)")
        void rejectsTwoHosts() {
            rejectedAt(GET + HOST + "Host: other.example\r\n\r\n", 400, 16 + 19);
        }

        @Test
        @DisplayName("rejects two Host fields in an HTTP/1.0 request too (RFC 9112 §3.2)")
        void rejectsTwoHostsInHttp10() {
            rejected("GET / HTTP/1.0\r\n" + HOST + HOST + "\r\n", 400);
        }

        @ParameterizedTest(name = "Host: {0}")
        @ValueSource(strings = {"example.com:8080", "[::1]:8080", "127.0.0.1", "xn--bcher-kva.example", "a_b~c!$&'()*+,;=%20"})
        @DisplayName("accepts Host values made of host and port characters (RFC 9110 §7.2)")
        void acceptsValidHosts(String host) throws Exception {
            assertThat(parseOne(GET + "Host: " + host + "\r\n\r\n").headers().first("Host")).contains(host);
        }

        @ParameterizedTest(name = "Host: {0}")
        @ValueSource(strings = {"exa mple.com", "example.com/path", "user@example.com", "example.com?x", "ex\"ample",
            "caf\u00e9.example"})
        @DisplayName("rejects a Host value with characters no host or port may contain (RFC 9112 §3.2)")
        void rejectsInvalidHost(String host) {
            rejected(GET + "Host: " + host + "\r\n\r\n", 400);
        }

        @Test
        @DisplayName("answers 431 when the field lines pass the limit, pointing at the first byte past it (RFC 6585 §5)")
        void answers431PastLimit() {
            ParserLimits small = limits().withMaxHeaderSectionSize(64);
            String padding = "X-Pad: " + "p".repeat(37) + "\r\n";

            rejectedAt(small, GET + HOST + padding + "\r\n", 431, 16 + 64);
        }

        @Test
        @DisplayName("accepts field lines exactly as large as the limit (the final empty line does not count)")
        void acceptsHeaderSectionAtLimit() throws Exception {
            ParserLimits small = limits().withMaxHeaderSectionSize(64);
            String padding = "X-Pad: " + "p".repeat(36) + "\r\n";

            assertThat(parseOne(small, GET + HOST + padding + "\r\n").headers().size()).isEqualTo(2);
        }

        @Test
        @DisplayName("counts the header-section limit afresh for every request on the connection")
        void limitsEachRequestSeparately() throws Exception {
            ParserLimits small = limits().withMaxHeaderSectionSize(64);
            String request = GET + HOST + "X-Pad: " + "p".repeat(30) + "\r\n\r\n";

            assertThat(parseAll(small, request.repeat(5))).as("five requests, each under the limit").hasSize(5);
        }

        @Test
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
        @DisplayName("refuses one endless field line with 431 (one byte at a time)")
        void refusesEndlessFieldLine() {
            rejectedByteAtATime(limits(), GET + "X-Long: " + "l".repeat(10_000), 431);
        }
    }

    @Nested
    @Order(3)
    @DisplayName("Stage 3 — A body framed by Content-Length")
    class Stage3ContentLength {

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
        @DisplayName("reads a body of binary bytes, CR, LF and NUL included, without looking inside")
        void readsBinaryBody() throws Exception {
            byte[] body = {0, '\r', '\n', (byte) 0xFF, '\r', '\n', '\r', '\n', 7};
            String raw = POST + "Content-Length: 9\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1);

            assertThat(parseOne(raw).body()).containsExactly(body);
        }

        @Test
        @DisplayName("gives a request with neither Content-Length nor Transfer-Encoding an empty body (RFC 9112 §6.3)")
        void noFramingMeansNoBody() throws Exception {
            List<HttpRequest> requests = parseAll(limits(), POST + "\r\nGET /next HTTP/1.1\r\n" + HOST + "\r\n");

            assertThat(requests).as("the bytes after the header section are the next request, not a body").hasSize(2);
            assertThat(requests.get(0).body()).isEmpty();
            assertThat(requests.get(1).target()).isEqualTo("/next");
        }

        @Test
        @DisplayName("reads Content-Length: 0 as an empty body")
        void zeroLength() throws Exception {
            assertThat(parseOne(POST + "Content-Length: 0\r\n\r\n").body()).isEmpty();
        }

        @Test
        @DisplayName("reads leading zeros as decimal: 010 is ten, not eight (RFC 9110 §8.6)")
        void leadingZerosAreDecimal() throws Exception {
            assertThat(parseOne(POST + "Content-Length: 010\r\n\r\n0123456789").bodyText()).isEqualTo("0123456789");
        }

        @Test
        @DisplayName("ignores whitespace around the value")
        void trimsValue() throws Exception {
            assertThat(parseOne(POST + "Content-Length: \t 3 \t\r\n\r\nabc").bodyText()).isEqualTo("abc");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Content-Length: 5\r\nContent-Length: 5\r\n", "Content-Length: 5, 5\r\n",
            "Content-Length: 5,5,5\r\n", "content-length: 5\r\nContent-Length: 005\r\n"})
        @DisplayName("accepts repeated Content-Length values when they are all the same number (RFC 9110 §8.6)")
        void acceptsIdenticalDuplicates(String fields) throws Exception {
            assertThat(parseOne(POST + fields + "\r\nhello").bodyText()).isEqualTo("hello");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Content-Length: 5, 6\r\n", "Content-Length: 5,\r\n", "Content-Length: ,5\r\n"})
        @DisplayName("rejects a Content-Length list with differing or empty members (RFC 9110 §8.6, RFC 9112 §6.3)")
        void rejectsDifferingList(String field) {
            rejected(POST + field + "\r\nhello!", 400);
        }

        @Test
        @DisplayName("rejects differing Content-Length fields, pointing at the one that disagrees (RFC 9112 §6.3)")
        void rejectsDifferingDuplicates() {
            rejectedAt(POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400, 36 + 19);
        }

        @ParameterizedTest(name = "Content-Length: {0}")
        @ValueSource(strings = {"-5", "+5", "0x5", "5.0", "", "five", "5 5", "5a", "1e3", "\u00b2"})
        @DisplayName("rejects a Content-Length that is not one or more decimal digits, pointing at the field (RFC 9110 §8.6)")
        void rejectsInvalidLength(String value) {
            rejectedAt(POST + "Content-Length: " + value + "\r\n\r\nhello", 400, 36);
        }

        @Test
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
        @DisplayName("keeps counting offsets through a body: an error in the next request points at the right byte")
        void countsOffsetsThroughBody() {
            String first = POST + "Content-Length: 5\r\n\r\nhello";

            rejectedAt(first + "GET / HTTP/7.0\r\n" + HOST + "\r\n", 505, first.length() + 6);
        }

        @Test
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
        @DisplayName("answers 413 to a Content-Length over the limit as soon as the headers end (RFC 9110 §15.5.14)")
        void answers413BeforeTheBody() {
            rejected(POST + "Content-Length: 104857600\r\n\r\n", 413);
        }

        @Test
        @DisplayName("points a 413 at the Content-Length field line")
        void points413AtField() {
            rejectedAt(limits().withMaxBodySize(4), POST + "Content-Length: 5\r\n\r\nhello", 413, 36);
        }

        @Test
        @DisplayName("answers 413, not an overflow, to a Content-Length too large for a long")
        void answers413ToHugeLength() {
            rejected(POST + "Content-Length: 99999999999999999999999999999\r\n\r\n", 413);
            rejected(POST + "Content-Length: 9223372036854775808\r\n\r\n", 413);
            rejected(POST + "Content-Length: 18446744073709551621\r\n\r\n", 413);
        }

        @Test
        @DisplayName("accepts a body exactly as large as the limit, refuses one byte more")
        void bodyLimitBoundary() throws Exception {
            ParserLimits small = limits().withMaxBodySize(10);

            assertThat(parseOne(small, POST + "Content-Length: 10\r\n\r\n0123456789").body()).hasSize(10);
            rejected(small, POST + "Content-Length: 11\r\n\r\n0123456789A", 413);
        }
    }

    @Nested
    @Order(4)
    @DisplayName("Stage 4 — Chunked transfer coding")
    class Stage4Chunked {

        private static final String CHUNKED = "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n";

        @Test
        @Order(1)
        @DisplayName("decodes a chunked body: size in hex, CRLF, data, CRLF, … last chunk 0 (RFC 9112 §7.1)")
        void decodesChunkedBody() throws Exception {
            HttpRequest request = parseOne(CHUNKED + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");

            assertThat(request.bodyText()).isEqualTo("hello world");
            assertThat(request.trailers().size()).isZero();
        }

        @Test
        @DisplayName("reads chunk sizes in hex digits of either case, with leading zeros")
        void readsHexSizes() throws Exception {
            String sixteen = "0123456789abcdef";
            String raw = CHUNKED + "a\r\n0123456789\r\nA\r\n0123456789\r\n010\r\n" + sixteen + "\r\n0000\r\n\r\n";

            assertThat(parseOne(raw).bodyText()).isEqualTo("0123456789" + "0123456789" + sixteen);
        }

        @Test
        @DisplayName("reads chunk data as bytes, CRLF and NUL included")
        void readsBinaryChunkData() throws Exception {
            HttpRequest request = parseOne(CHUNKED + "4\r\n\r\n\0\r\r\n0\r\n\r\n");

            assertThat(request.body()).containsExactly('\r', '\n', 0, '\r');
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"5;name=value", "5;flag", "5 ; a=b", "5;a=\"x y;z\"", "5;a=1;b=2", "5\t;a"})
        @DisplayName("ignores chunk extensions (RFC 9112 §7.1.1)")
        void ignoresExtensions(String sizeLine) throws Exception {
            assertThat(parseOne(CHUNKED + sizeLine + "\r\nhello\r\n0;last\r\n\r\n").bodyText()).isEqualTo("hello");
        }

        @ParameterizedTest(name = "size {0}")
        @ValueSource(strings = {"9", "a", "f", "A", "F", "0F", "1f"})
        @DisplayName("reads every hex digit at the edges of 0-9, a-f and A-F")
        void readsHexDigitEdges(String size) throws Exception {
            int length = Integer.parseInt(size, 16);
            String data = "d".repeat(length);

            assertThat(parseOne(CHUNKED + size + "\r\n" + data + "\r\n0\r\n\r\n").body()).hasSize(length);
        }

        @ParameterizedTest(name = "size {0}")
        @ValueSource(strings = {"/", ":", "@", "G", "`", "g"})
        @DisplayName("rejects the characters just outside 0-9, A-F and a-f as a chunk size")
        void rejectsNonHexEdges(String size) {
            rejectedAt(limits(), CHUNKED + size + "\r\nhello\r\n0\r\n\r\n", 400, CHUNKED.length());
        }

        @Test
        @DisplayName("rejects whitespace after a chunk size unless an extension follows (RFC 9112 §7.1.1)")
        void rejectsTrailingWhitespaceAfterSize() {
            rejected(CHUNKED + "5 \r\nhello\r\n0\r\n\r\n", 400);
        }

        @Test
        @DisplayName("accepts bytes 0x80-0xFF in an extension and refuses DEL")
        void extensionBytes() throws Exception {
            assertThat(parseOne(CHUNKED + "5;name=caf\u00e9\r\nhello\r\n0\r\n\r\n").bodyText()).isEqualTo("hello");
            rejected(CHUNKED + "5;name=\u007f\r\nhello\r\n0\r\n\r\n", 400);
        }

        @Test
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
        @DisplayName("counts the trailer limit afresh for every chunked request on the connection")
        void limitsTrailersOfEachRequest() throws Exception {
            ParserLimits small = limits().withMaxHeaderSectionSize(64);
            String request = CHUNKED + "1\r\nx\r\n0\r\nX-Trailer: " + "t".repeat(40) + "\r\n\r\n";

            assertThat(parseAll(small, request.repeat(4))).hasSize(4);
        }

        @Test
        @DisplayName("keeps counting offsets through a chunked body")
        void countsOffsetsThroughChunkedBody() {
            String first = CHUNKED + "5;x\r\nhello\r\n0\r\nT: 1\r\n\r\n";

            rejectedAt(first + "GET / HTTP/7.0\r\n" + HOST + "\r\n", 505, first.length() + 6);
        }

        @Test
        @DisplayName("keeps trailer fields apart from the header fields (RFC 9112 §7.1.2)")
        void keepsTrailers() throws Exception {
            HttpRequest request = parseOne(CHUNKED + "5\r\nhello\r\n0\r\nX-Checksum: abc\r\nX-Count:  1 \r\n\r\n");

            assertThat(request.trailers().asList()).containsExactly(
                    new HeaderField("X-Checksum", "abc"), new HeaderField("X-Count", "1"));
            assertThat(request.headers().contains("X-Checksum")).isFalse();
        }

        @Test
        @DisplayName("rejects a malformed trailer field like a malformed header field")
        void rejectsMalformedTrailer() {
            rejected(CHUNKED + "5\r\nhello\r\n0\r\nX-Checksum : abc\r\n\r\n", 400);
        }

        @ParameterizedTest(name = "Transfer-Encoding: {0}")
        @ValueSource(strings = {"Chunked", "CHUNKED", " chunked ", ", chunked", "chunked,"})
        @DisplayName("reads coding names ignoring case, and ignores empty list elements (RFC 9110 §5.6.1)")
        void readsCodingNamesLoosely(String value) throws Exception {
            String raw = "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: " + value + "\r\n\r\n3\r\nabc\r\n0\r\n\r\n";

            assertThat(parseOne(raw).bodyText()).isEqualTo("abc");
        }

        @ParameterizedTest(name = "Transfer-Encoding: {0}")
        @ValueSource(strings = {"gzip", "chunked, gzip", "identity", "deflate", ""})
        @DisplayName("rejects a Transfer-Encoding whose final coding is not chunked: the length is unknowable (RFC 9112 §6.3)")
        void rejectsFinalCodingNotChunked(String value) {
            rejected("POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: " + value + "\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 400);
        }

        @Test
        @DisplayName("rejects chunked applied twice, across one or two field lines (RFC 9112 §7.1)")
        void rejectsChunkedTwice() {
            rejected("POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", 400);
            rejected("POST / HTTP/1.1\r\n" + HOST
                    + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
        }

        @ParameterizedTest(name = "Transfer-Encoding: {0}")
        @ValueSource(strings = {"gzip, chunked", "x-custom, chunked", "deflate,chunked"})
        @DisplayName("answers 501 to a coding before chunked that this server does not decode (RFC 9112 §6.1)")
        void answers501ToOtherCodings(String value) {
            rejected("POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: " + value + "\r\n\r\n0\r\n\r\n", 501);
        }

        @Test
        @DisplayName("answers 501 to a coding listed on an earlier field line than chunked")
        void answers501AcrossFieldLines() {
            rejected("POST / HTTP/1.1\r\n" + HOST
                    + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501);
        }

        @Test
        @DisplayName("rejects Transfer-Encoding in an HTTP/1.0 request (RFC 9112 §6.1)")
        void rejectsTransferEncodingInHttp10() {
            rejected("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n",
            "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n",
            "Transfer-Encoding: chunked\r\nContent-Length: 0\r\n",
        })
        @DisplayName("rejects Content-Length together with Transfer-Encoding: the request-smuggling defence (RFC 9112 §6.1)")
        void rejectsBothFramings(String fields) {
            rejected("POST / HTTP/1.1\r\n" + HOST + fields + "\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n" + HOST + "\r\n", 400);
        }

        @ParameterizedTest(name = "size line {0}")
        @ValueSource(strings = {"g", "-5", "0x5", "+5", " 5"})
        @DisplayName("rejects a chunk size that is not hex digits, pointing at the offending byte (RFC 9112 §7.1)")
        void rejectsBadChunkSize(String sizeLine) {
            int bad = sizeLine.startsWith("0x") ? 1 : 0;
            rejectedAt(limits(), CHUNKED + sizeLine + "\r\nhello\r\n0\r\n\r\n", 400, CHUNKED.length() + bad);
        }

        @ParameterizedTest(name = "size line {0}")
        @ValueSource(strings = {"", "5x", "5;\u0001", "5;a=\u0000", "5\n"})
        @DisplayName("rejects an empty size, junk after the size, or a control byte in an extension")
        void rejectsBadChunkLine(String sizeLine) {
            rejected(CHUNKED + sizeLine + "\r\nhello\r\n0\r\n\r\n", 400);
        }

        @Test
        @DisplayName("rejects chunk data that is not followed by CRLF")
        void rejectsMissingCrlfAfterData() {
            rejected(CHUNKED + "5\r\nhelloX\r\n0\r\n\r\n", 400);
            rejected(CHUNKED + "5\r\nhello\n0\r\n\r\n", 400);
        }

        @Test
        @DisplayName("rejects a chunk-size line longer than the limit, extensions included")
        void rejectsLongChunkLine() {
            ParserLimits small = limits().withMaxChunkLineLength(16);

            rejected(small, CHUNKED + "5;" + "e".repeat(15) + "\r\nhello\r\n0\r\n\r\n", 400);
            rejectedByteAtATime(limits(), CHUNKED + "5;" + "e".repeat(5000), 400);
        }

        @Test
        @DisplayName("accepts a chunk-size line exactly as long as the limit")
        void acceptsChunkLineAtLimit() throws Exception {
            ParserLimits small = limits().withMaxChunkLineLength(16);

            assertThat(parseOne(small, CHUNKED + "5;" + "e".repeat(14) + "\r\nhello\r\n0\r\n\r\n").bodyText())
                    .isEqualTo("hello");
        }

        @Test
        @DisplayName("answers 413, before the data arrives, to a chunk size past the body limit")
        void answers413ToHugeChunk() {
            rejected(CHUNKED + "ffffffff\r\n", 413);
        }

        @Test
        @DisplayName("points a 413 at the chunk-size line that passes the limit")
        void points413AtChunkLine() {
            String first = "5\r\nhello\r\n";
            rejectedAt(limits().withMaxBodySize(8), CHUNKED + first + "4\r\nmore\r\n0\r\n\r\n", 413,
                    CHUNKED.length() + first.length());
        }

        @Test
        @DisplayName("points the Content-Length and Transfer-Encoding conflict at the later of the two lines")
        void pointsFramingConflictAtLaterLine() {
            String head = "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\n";
            rejectedAt(head + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, head.length());
        }

        @Test
        @DisplayName("answers 413, not an overflow, to a chunk size too large for a long")
        void answers413ToOverflowingChunkSize() {
            rejected(CHUNKED + "ffffffffffffffffff\r\n", 413);
            rejected(CHUNKED + "8000000000000000\r\n", 413);
            rejected(CHUNKED + "10000000000000005\r\n", 413);
        }

        @Test
        @DisplayName("answers 413 when the chunks together pass the body limit")
        void answers413ToTotalPastLimit() throws Exception {
            ParserLimits small = limits().withMaxBodySize(10);

            assertThat(parseOne(small, CHUNKED + "5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n").body()).hasSize(10);
            rejected(small, CHUNKED + "6\r\nhello!\r\n5\r\nworld\r\n0\r\n\r\n", 413);
        }

        @Test
        @DisplayName("holds a chunked request until the last chunk and the trailer section have arrived")
        void waitsForLastChunk() throws Exception {
            RequestParser parser = new RequestParser();

            assertThat(parser.feed(bytes(CHUNKED + "5\r\nhello\r\n"))).as("after the first chunk").isEmpty();
            assertThat(parser.feed(bytes("0\r\n"))).as("after the last chunk, before the end of trailers").isEmpty();
            assertThat(parser.feed(bytes("X-T: 1\r\n"))).as("after a trailer field").isEmpty();
            assertThat(parser.feed(bytes("\r\n"))).hasSize(1);
        }

        @Test
        @DisplayName("answers 431 to a trailer section past the header-section limit")
        void answers431ToLongTrailers() {
            ParserLimits small = limits().withMaxHeaderSectionSize(64);

            rejected(small, CHUNKED + "0\r\nX-Trailer: " + "t".repeat(100) + "\r\n\r\n", 431);
        }
    }

    @Nested
    @Order(5)
    @DisplayName("Stage 5 — A byte stream, not a message")
    class Stage5ByteStream {

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
        @DisplayName("returns a request as soon as its last byte arrives, keeping the next one's first bytes")
        void keepsBytesOfTheNextRequest() throws Exception {
            RequestParser parser = new RequestParser();

            List<HttpRequest> first = parser.feed(bytes("GET /a HTTP/1.1\r\n" + HOST + "\r\nGET /b HT"));
            assertThat(first).extracting(HttpRequest::target).containsExactly("/a");
            List<HttpRequest> second = parser.feed(bytes("TP/1.1\r\n" + HOST + "\r\n"));
            assertThat(second).extracting(HttpRequest::target).containsExactly("/b");
        }

        @Test
        @DisplayName("reads only the given slice of the array")
        void readsOnlyTheGivenSlice() throws Exception {
            byte[] framed = bytes("XXXXGET /slice HTTP/1.1\r\n" + HOST + "\r\nYYYY");

            List<HttpRequest> requests = new RequestParser().feed(framed, 4, framed.length - 8);

            assertThat(requests).extracting(HttpRequest::target).containsExactly("/slice");
        }

        @Test
        @DisplayName("rejects a slice that does not fit the array")
        void rejectsBadSlice() {
            byte[] array = new byte[8];

            assertThatThrownBy(() -> new RequestParser().feed(array, 4, 5)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> new RequestParser().feed(array, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> new RequestParser().feed(array, 2, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
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

        @Test
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
        @DisplayName("hands over the valid requests that came in the same bytes before an error: they are owed a response")
        void keepsRequestsBeforeAnError() {
            String valid = "GET /a HTTP/1.1\r\n" + HOST + "\r\nGET /b HTTP/1.1\r\n" + HOST + "\r\n";

            HttpParseException e = rejected(valid + "GET /c HTTP/7.0\r\n" + HOST + "\r\n", 505);

            assertThat(e.requestsBefore()).as("requests completed before the error, carried by the exception")
                    .extracting(HttpRequest::target).containsExactly("/a", "/b");
            assertThat(e.offset()).isEqualTo(valid.length() + 7);
        }

        @Test
        @DisplayName("carries no request in an error when the earlier ones were already returned")
        void carriesNoRequestAlreadyReturned() throws Exception {
            RequestParser parser = new RequestParser();
            assertThat(parser.feed(bytes("GET /a HTTP/1.1\r\n" + HOST + "\r\n"))).hasSize(1);

            HttpParseException e = Requests.rejectedWhenFed(parser, bytes("GET /b HTTP/7.0\r\n\r\n"), 505);

            assertThat(e.requestsBefore()).isEmpty();
        }

        @Test
        @DisplayName("refuses to go on after an error: the connection must close (RFC 9112 §9.6)")
        void failsForGoodAfterAnError() {
            RequestParser parser = new RequestParser();
            assertThatThrownBy(() -> parser.feed(bytes("GET / HTTP/9.9\r\n\r\n"))).isInstanceOf(HttpParseException.class);

            assertThatThrownBy(() -> parser.feed(bytes("GET / HTTP/1.1\r\n" + HOST + "\r\n")))
                    .as("feeding a parser that already failed")
                    .isInstanceOf(IllegalStateException.class);
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
        @DisplayName("decides whether the connection stays open from the version and Connection (RFC 9112 §9.3)")
        void decidesKeepAlive(String version, String connection, boolean keepAlive) throws Exception {
            String field = connection == null ? "" : "Connection: " + connection + "\r\n";

            HttpRequest request = parseOne("GET / " + version + "\r\n" + HOST + field + "\r\n");

            assertThat(request.keepAlive()).as("keep-alive for %s with %s", version, Visible.of(field)).isEqualTo(keepAlive);
        }

        @Test
        @DisplayName("reads Connection options from every Connection field line")
        void readsEveryConnectionLine() throws Exception {
            HttpRequest request = parseOne("GET / HTTP/1.1\r\n" + HOST + "Connection: keep-alive\r\nConnection: close\r\n\r\n");

            assertThat(request.keepAlive()).isFalse();
        }
    }

    @Nested
    @Order(6)
    @DisplayName("Stage 6 — Serve it over a socket")
    class Stage6Server {

        /** Answers with the method, the target and the body it received, so tests can see what the server parsed. */
        private static final RequestHandler ECHO = request -> HttpResponse.text(200,
                request.method() + " " + request.target() + " " + request.bodyText());

        private BlockingHttpServer server;

        private int start(RequestHandler handler, ParserLimits limits, Duration idleTimeout) throws IOException {
            server = new BlockingHttpServer(handler, limits, idleTimeout);
            return server.start();
        }

        private int start(RequestHandler handler) throws IOException {
            return start(handler, limits(), Duration.ofSeconds(10));
        }

        @AfterEach
        void stopServer() {
            if (server != null) {
                server.close();
            }
        }

        private static HttpClient http11Client() {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }

        private static java.net.http.HttpRequest.Builder to(int port, String path) {
            return java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5));
        }

        @Test
        @Order(1)
        @DisplayName("answers a GET from the JDK HttpClient on a loopback port chosen by the system")
        void answersHttpClientGet() throws Exception {
            int port = start(ECHO);

            var response = http11Client().send(to(port, "/hello?x=1").GET().build(), BodyHandlers.ofString());

            assertThat(port).as("the port start() returned").isPositive().isEqualTo(server.port());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("GET /hello?x=1 ");
        }

        @Test
        @DisplayName("answers a POST with a body from the JDK HttpClient")
        void answersHttpClientPost() throws Exception {
            int port = start(ECHO);
            String body = "é".repeat(3000);

            var response = http11Client().send(to(port, "/upload").POST(java.net.http.HttpRequest.BodyPublishers
                    .ofString(body)).build(), BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("POST /upload " + body);
        }

        @Test
        @DisplayName("ignores the h2c upgrade offer of a default JDK HttpClient and answers in HTTP/1.1")
        void answersDefaultHttpClient() throws Exception {
            int port = start(ECHO);

            var response = HttpClient.newHttpClient().send(to(port, "/h2c").GET().build(), BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }

        @Test
        @DisplayName("keeps the connection alive: one HttpClient's requests share one connection (RFC 9112 §9.3)")
        void reusesConnection() throws Exception {
            int port = start(ECHO);
            HttpClient client = http11Client();

            for (int i = 0; i < 5; i++) {
                var response = client.send(to(port, "/" + i).GET().build(), BodyHandlers.ofString());
                assertThat(response.body()).isEqualTo("GET /" + i + " ");
            }

            assertThat(server.acceptedConnections()).as("connections accepted for 5 sequential requests").isEqualTo(1);
        }

        @Test
        @DisplayName("answers three requests pipelined in one write, in order (RFC 9112 §9.3.2)")
        void answersPipelinedRequests() throws Exception {
            int port = start(ECHO);
            try (RawClient client = new RawClient(port)) {
                client.send("GET /1 HTTP/1.1\r\n" + HOST + "\r\n"
                        + "POST /2 HTTP/1.1\r\n" + HOST + "Content-Length: 4\r\n\r\nbody"
                        + "GET /3 HTTP/1.1\r\n" + HOST + "\r\n");

                assertThat(client.readResponse().body()).isEqualTo("GET /1 ");
                assertThat(client.readResponse().body()).isEqualTo("POST /2 body");
                RawClient.RawResponse third = client.readResponse();
                assertThat(third.body()).isEqualTo("GET /3 ");
                assertThat(third.header("Connection")).as("Connection header of a keep-alive response").isNull();
                assertThat(client.send("GET /4 HTTP/1.1\r\n" + HOST + "\r\n").readResponse().body())
                        .as("a fourth request on the same, still open, connection").isEqualTo("GET /4 ");
            }
        }

        @Test
        @DisplayName("closes the connection after answering Connection: close, and says so")
        void closesOnConnectionClose() throws Exception {
            int port = start(ECHO);
            try (RawClient client = new RawClient(port)) {
                RawClient.RawResponse response = client.send("GET /bye HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n")
                        .readResponse();

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
                assertThat(client.closedByServer()).as("connection closed by the server").isTrue();
            }
        }

        @Test
        @DisplayName("closes an HTTP/1.0 connection after the response unless it asked for keep-alive")
        void closesHttp10() throws Exception {
            int port = start(ECHO);
            try (RawClient client = new RawClient(port)) {
                assertThat(client.send("GET /old HTTP/1.0\r\n\r\n").readResponse().status()).isEqualTo(200);
                assertThat(client.closedByServer()).isTrue();
            }
        }

        static List<Arguments> malformedRequests() {
            String pad = "p".repeat(10_000);
            return List.of(
                    Arguments.of("space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
                    Arguments.of("HTTP/2.0", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
                    Arguments.of("10 kB field", "GET / HTTP/1.1\r\nHost: x\r\nX: " + pad + "\r\n\r\n", 431),
                    Arguments.of("10 kB target", "GET /" + pad + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
                    Arguments.of("gzip coding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
                    Arguments.of("huge length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", 413),
                    Arguments.of("TLS ClientHello", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003", 400));
        }

        @ParameterizedTest(name = "{2} for {0}")
        @MethodSource("malformedRequests")
        @DisplayName("answers a malformed request with its error status and Connection: close, then closes (RFC 9112 §9.6)")
        void answersErrorsAndCloses(String name, String raw, int status) throws Exception {
            int port = start(ECHO);
            try (RawClient client = new RawClient(port)) {
                RawClient.RawResponse response = client.send(raw).readResponse();

                assertThat(response.status()).as("status for %s", Visible.of(raw)).isEqualTo(status);
                assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
                assertThat(client.closedByServer()).as("connection closed after an error").isTrue();
            }
        }

        @Test
        @DisplayName("answers 431 that the client can read even though it sent far more than the server read")
        void closesGentlyAfterError() throws Exception {
            int port = start(ECHO);
            try (RawClient client = new RawClient(port)) {
                client.send("GET / HTTP/1.1\r\n" + HOST + "X-Big: " + "b".repeat(48_000) + "\r\n\r\n");
                client.finishSending();
                // Wait until the server is done with the connection. A server that closes a socket with the client's
                // bytes still unread makes TCP send a reset; on some systems the reset wipes the response out of the
                // client's buffer, and a client still sending gets an error instead of the response.
                await().atMost(Duration.ofSeconds(5)).pollInSameThread()
                        .until(() -> server.openConnections() == 0);

                assertThat(client.readResponse().status()).as("the error response, read after the server closed").isEqualTo(431);
            }
        }

        @Test
        @DisplayName("answers the valid requests pipelined before a malformed one, then the error, then closes")
        void answersValidRequestsBeforeTheError() throws Exception {
            int port = start(ECHO);
            try (RawClient client = new RawClient(port)) {
                client.send("GET /1 HTTP/1.1\r\n" + HOST + "\r\nGET /2 HTTP/1.1\r\n" + HOST + "\r\n"
                        + "GET /3 HTTP/1.1\r\nHost : bad\r\n\r\n");

                assertThat(client.readResponse().body()).isEqualTo("GET /1 ");
                assertThat(client.readResponse().body()).isEqualTo("GET /2 ");
                assertThat(client.readResponse().status()).isEqualTo(400);
                assertThat(client.closedByServer()).isTrue();
            }
        }

        @Test
        @DisplayName("answers 500 and closes when the handler throws, and keeps serving others")
        void answers500WhenHandlerThrows() throws Exception {
            int port = start(request -> {
                if (request.target().equals("/boom")) {
                    throw new IllegalStateException("handler bug");
                }
                return HttpResponse.text(200, "fine");
            });
            try (RawClient client = new RawClient(port)) {
                RawClient.RawResponse response = client.send("GET /boom HTTP/1.1\r\n" + HOST + "\r\n").readResponse();
                assertThat(response.status()).isEqualTo(500);
                assertThat(client.closedByServer()).isTrue();
            }
            try (RawClient other = new RawClient(port)) {
                assertThat(other.send("GET /ok HTTP/1.1\r\n" + HOST + "\r\n").readResponse().body()).isEqualTo("fine");
            }
        }

        @Test
        @DisplayName("closes a connection that stays silent past the idle timeout")
        void closesIdleConnection() throws Exception {
            int port = start(ECHO, limits(), Duration.ofMillis(200));
            try (RawClient client = new RawClient(port)) {
                assertThat(client.send("GET / HTTP/1.1\r\n" + HOST + "\r\n").readResponse().status()).isEqualTo(200);

                assertThat(client.closedByServer()).as("idle keep-alive connection closed after the timeout").isTrue();
            }
        }

        @Test
        @DisplayName("answers 408 to a request that stops halfway past the idle timeout, then closes (RFC 9110 §15.5.9)")
        void answers408ToStalledRequest() throws Exception {
            int port = start(ECHO, limits(), Duration.ofMillis(200));
            try (RawClient client = new RawClient(port)) {
                RawClient.RawResponse response = client.send("GET /slow HTTP/1.1\r\nHo").readResponse();

                assertThat(response.status()).isEqualTo(408);
                assertThat(client.closedByServer()).isTrue();
            }
        }

        @Test
        @DisplayName("survives a client that disconnects mid-body, and serves the next one")
        void survivesDisconnectMidBody() throws Exception {
            int port = start(ECHO);
            try (RawClient quitter = new RawClient(port)) {
                quitter.send("POST /upload HTTP/1.1\r\n" + HOST + "Content-Length: 1000\r\n\r\nonly a little");
            }
            try (RawClient next = new RawClient(port)) {
                assertThat(next.send("GET /next HTTP/1.1\r\n" + HOST + "\r\n").readResponse().body()).isEqualTo("GET /next ");
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(server.openConnections()).as("open connections once both clients are gone").isZero());
        }

        @Test
        @DisplayName("serves many clients at once, each on its own connection")
        void servesClientsConcurrently() throws Exception {
            int port = start(ECHO);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int c = 0; c < 8; c++) {
                    int id = c;
                    results.add(clients.submit(() -> {
                        List<String> bodies = new ArrayList<>();
                        try (RawClient client = new RawClient(port)) {
                            for (int i = 0; i < 20; i++) {
                                bodies.add(client.send("GET /" + id + "/" + i + " HTTP/1.1\r\n" + HOST + "\r\n")
                                        .readResponse().body());
                            }
                        }
                        return bodies;
                    }));
                }
                for (int c = 0; c < 8; c++) {
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        expected.add("GET /" + c + "/" + i + " ");
                    }
                    assertThat(results.get(c).get()).as("responses seen by client %d", c).isEqualTo(expected);
                }
            } finally {
                clients.shutdownNow();
            }
        }

        @Test
        @DisplayName("leaks no connection and no thread after 200 connections, and close() ends everything")
        void leaksNothing() throws Exception {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            int port = start(ECHO);
            for (int i = 0; i < 200; i++) {
                try (RawClient client = new RawClient(port)) {
                    client.send("GET /" + i + " HTTP/1.1\r\n" + HOST + (i % 2 == 0 ? "Connection: close\r\n" : "") + "\r\n")
                            .readResponse();
                }
            }
            await().atMost(Duration.ofSeconds(5)).pollInSameThread().untilAsserted(() ->
                    assertThat(server.openConnections()).as("open connections after 200 clients left").isZero());
            assertThat(server.acceptedConnections()).isEqualTo(200);

            try (RawClient idle = new RawClient(port)) {
                await().atMost(Duration.ofSeconds(5)).pollInSameThread()
                        .until(() -> server.openConnections() == 1);
                server.close();
                assertThat(idle.closedByServer()).as("an idle connection is closed by close()").isTrue();
            }
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .as("connecting after close()").isInstanceOf(ConnectException.class);
            await().atMost(Duration.ofSeconds(5)).pollInSameThread().untilAsserted(() ->
                    assertThat(threadsStartedSince(before)).as("threads the server left running after close()").isEmpty());
        }

        @Test
        @DisplayName("refuses to start twice or after close(), and has no port before it starts")
        void startsOnce() throws Exception {
            server = new BlockingHttpServer(ECHO);
            assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
            server.start();
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
            server.close();
            assertThatThrownBy(server::start).as("start() after close()").isInstanceOf(IllegalStateException.class);
        }

        private static List<String> threadsStartedSince(Set<Thread> before) {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread) && thread.isAlive())
                    .map(Thread::getName)
                    .filter(name -> !name.startsWith("junit") && !name.startsWith("awaitility"))
                    .collect(Collectors.toList());
        }
    }

    @Nested
    @Order(7)
    @DisplayName("Stage 7 — No HTTP library")
    class Stage7NoHttpLibrary {

        @Test
        @Order(1)
        @DisplayName("parses and serves with no HTTP library in the kata's main code")
        void usesNoHttpLibrary() throws Exception {
            assertThat(parseOne("GET / HTTP/1.1\r\n" + HOST + "\r\n").method())
                    .as("the parser must work before this rule means anything").isEqualTo("GET");
            try (BlockingHttpServer server = new BlockingHttpServer(request -> HttpResponse.text(200, "ok"))) {
                int port = server.start();
                try (RawClient client = new RawClient(port)) {
                    assertThat(client.send("GET / HTTP/1.1\r\n" + HOST + "\r\n").readResponse().status()).isEqualTo(200);
                }
            }

            JavaClasses mainCode = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                    .importPackages("dev.backendkatas.requestparsing");
            ArchRule noHttpLibrary = ArchRuleDefinition.noClasses()
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "com.sun.net.httpserver..", "java.net.http..", "okhttp3..", "mockwebserver3..",
                            "org.apache.hc..", "org.apache.http..", "io.netty..", "org.eclipse.jetty..",
                            "io.undertow..", "jakarta.servlet..", "javax.servlet..", "io.vertx..")
                    .because("this kata is about parsing HTTP yourself: a library would do the lesson for you");

            assertThat(mainCode).as("main classes found by ArchUnit").isNotEmpty();
            noHttpLibrary.check(mainCode);
        }
    }
}
