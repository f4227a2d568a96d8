package dev.backendkatas.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 1 of kata 06: the Idempotency-Key field, and the checks before any work; the README section of the same name. */
@Order(1)
@DisplayName("Stage 1 — The key")
class Stage1KeyTest extends PaymentSandbox {

    private static IdempotencyKey parse(String fieldValue) {
        return IdempotencyKey.parse(List.of(fieldValue));
    }

    private static void assertRejected(String fieldValue, String why) {
        Throwable thrown = catchThrowable(() -> parse(fieldValue));
        assertThat(thrown).as("Idempotency-Key: %s must be rejected: %s", Visible.visible(fieldValue), why)
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertProblem(HttpResponse<String> response, int status, String type, String request) {
        assertThat(response.statusCode()).as("%s → %s", request, show(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("%s: an error is problem details (RFC 9457 §3)",
                request).hasValue("application/problem+json");
        assertThat(member(response.body(), "type")).as("%s: the problem's type (RFC 9457 §3.1.1) in %s", request,
                response.body()).isEqualTo(Problem.TYPES + type);
        assertThat(member(response.body(), "status")).as("%s: the problem repeats the status (RFC 9457 §3.1.2)",
                request).isEqualTo(String.valueOf(status));
    }

    @Test
    @Order(1)
    @DisplayName("a quoted key is an sf-string: its content is the key (draft-ietf-httpapi-idempotency-key-header §2.1, RFC 8941 §3.3.3)")
    void quotedKey() {
        assertThat(parse("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"").value())
                .as("Idempotency-Key: \"8e03978e-40d5-43e8-bc93-6894a57f9324\" (the draft's example)")
                .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
        assertThat(parse("\"!~\"").value()).as("Idempotency-Key: \"!~\" (the first and the last visible ASCII)")
                .isEqualTo("!~");
    }

    @Test
    @Order(2)
    @DisplayName("an sf-string resolves its two escapes, \\\" and \\\\ (RFC 8941 §4.2.5)")
    void escapes() {
        assertThat(parse("\"a\\\"b\\\\c\"").value()).as("Idempotency-Key: \"a\\\"b\\\\c\"").isEqualTo("a\"b\\c");
    }

    @Test
    @Order(3)
    @DisplayName("a bare token, as Stripe's clients send it, is accepted as the key (RFC 9110 §5.6.2)")
    void bareToken() {
        assertThat(parse("KG5LxwFBepaKHyUD").value()).as("Idempotency-Key: KG5LxwFBepaKHyUD (no quotes)")
                .isEqualTo("KG5LxwFBepaKHyUD");
        assertThat(parse("8e03978e-40d5-43e8-bc93-6894a57f9324").value()).as("a bare UUID")
                .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
        String everyKindOfTchar = "azAZ09!#$%&'*+-.^_`|~";
        assertThat(parse(everyKindOfTchar).value()).as("a bare token with every kind of tchar").isEqualTo(everyKindOfTchar);
    }

    @Test
    @Order(4)
    @DisplayName("spaces around the field value are not part of it (RFC 9110 §5.5)")
    void owsAroundTheField() {
        assertThat(parse(" \t\"abc\" ").value()).as("Idempotency-Key: \\s\\t\"abc\"\\s").isEqualTo("abc");
    }

    @Test
    @Order(5)
    @DisplayName("a key of 255 characters is accepted, 256 are too long")
    void lengthLimit() {
        String longest = "k".repeat(IdempotencyConfig.MAX_KEY_LENGTH);
        assertThat(parse("\"" + longest + "\"").value()).as("a key of 255 characters").isEqualTo(longest);
        assertRejected("\"" + longest + "k\"", "256 characters, the limit is 255");
        assertRejected(longest + "k", "a bare key of 256 characters");
    }

    @Test
    @Order(6)
    @DisplayName("toFieldValue writes an sf-string, escaping \" and \\ (RFC 8941 §4.1.6)")
    void serialize() {
        assertThat(new IdempotencyKey("8e03978e").toFieldValue()).isEqualTo("\"8e03978e\"");
        assertThat(new IdempotencyKey("a\"b\\c").toFieldValue()).as("the key a\"b\\c").isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    @Order(7)
    @DisplayName("an empty key is rejected, quoted or bare")
    void emptyKey() {
        assertRejected("\"\"", "the key is empty");
        assertRejected("", "the field is empty");
        assertRejected("   ", "the field is only spaces");
    }

    @ParameterizedTest(name = "{0}")
    @Order(8)
    @ValueSource(strings = {"\" abc\"", "\"abc \"", "\"a b\"", "\"   \""})
    @DisplayName("spaces inside the quotes are never trimmed: a key with a space breaks the published format")
    void spacesInsideAreNotTrimmed(String fieldValue) {
        assertRejected(fieldValue, "keys are visible ASCII; trimming \" abc\" to \"abc\" would merge two keys");
    }

    @ParameterizedTest(name = "{0}")
    @Order(9)
    @ValueSource(strings = {"\"abc", "\"abc\\\"", "\"a\\nb\"", "\"abc\";v=1", "\"a\", \"b\"", "\"abc\"x",
            "ab\"c", "a b", "a,b", "abc;v=1", "\"caf\u00e9\"", "\"a\u0001b\"", "\"a\tb\"",
            "\"a\u007fb\"", "\"abc\\"})
    @DisplayName("a malformed field is rejected: unterminated, a bad escape, a parameter, a list, a non-token bare key, non-ASCII, control characters, DEL, an escape at the end (RFC 8941 §4.2.5)")
    void malformed(String fieldValue) {
        assertRejected(fieldValue, "not an sf-string, and not a token");
    }

    @Test
    @Order(10)
    @DisplayName("two Idempotency-Key field lines are rejected (draft-ietf-httpapi-idempotency-key-header §2.1)")
    void twoFieldLines() {
        Throwable thrown = catchThrowable(() -> IdempotencyKey.parse(List.of("\"a\"", "\"a\"")));
        assertThat(thrown).as("two field lines, even with the same key: clients MUST NOT send more than one")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Order(11)
    @DisplayName("POST /payments without Idempotency-Key is 400 with problem details (draft §2.7, RFC 9457)")
    void missingKeyOverHttp() throws Exception {
        start();
        HttpResponse<String> response = send(server, "/payments", ALICE, List.of(), payment(1000));
        assertProblem(response, 400, "idempotency-key-missing", "POST /payments without Idempotency-Key");
        assertThat(gate.entered()).as("the operation must not run").isZero();
    }

    @Test
    @Order(12)
    @DisplayName("an empty, too long, malformed or repeated key over HTTP is 400 idempotency-key-invalid (RFC 9457)")
    void invalidKeysOverHttp() throws Exception {
        start();
        for (List<String> lines : List.of(List.of("\"\""), List.of("\"" + "k".repeat(256) + "\""),
                List.of("\"abc"), List.of("\" abc \""), List.of("\"a\"", "\"a\""))) {
            HttpResponse<String> response = send(server, "/payments", ALICE, lines, payment(1000));
            assertProblem(response, 400, "idempotency-key-invalid",
                    "POST /payments with Idempotency-Key " + Visible.visible(String.join(" | ", lines)));
        }
        assertThat(gate.entered()).as("the operation must not run for an invalid key").isZero();
        assertThat(keys()).as("rows in idempotency_keys after invalid keys").isZero();
    }

    @Test
    @Order(13)
    @DisplayName("a request without Authorization: Bearer is 401 with WWW-Authenticate (RFC 6750 §3, RFC 9110 §15.5.2)")
    void unauthorized() throws Exception {
        start();
        HttpResponse<String> response = send(server, "/payments", null, List.of("\"k1\""), payment(1000));
        assertProblem(response, 401, "unauthorized", "POST /payments without Authorization");
        assertThat(response.headers().firstValue("WWW-Authenticate")).as("401 names the scheme").hasValue("Bearer");
        for (String authorization : List.of("Basic c2tfdGVzdDo=", "Bearer ", "Bearer")) {
            HttpResponse<String> other = http.send(java.net.http.HttpRequest.newBuilder(server.uri("/payments"))
                    .header("Authorization", authorization).header("Idempotency-Key", "\"k1\"")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(payment(1000))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertProblem(other, 401, "unauthorized", "POST /payments with Authorization: " + authorization);
        }
        assertThat(gate.entered()).as("nothing ran without a client").isZero();
    }

    @Test
    @Order(14)
    @DisplayName("GET /payments is 405 with Allow: POST: a safe method never changes state (RFC 9110 §9.2.1, §15.5.6)")
    void getIsNotAllowed() throws Exception {
        start();
        HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(server.uri("/payments"))
                .header("Authorization", "Bearer " + ALICE).header("Idempotency-Key", "\"k1\"").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 405, "method-not-allowed", "GET /payments");
        assertThat(response.headers().firstValue("Allow")).as("405 lists the allowed methods").hasValue("POST");
        HttpResponse<String> other = send(server, "/payments/extra", ALICE, List.of("\"k1\""), payment(1000));
        assertProblem(other, 404, "not-found", "POST /payments/extra");
        assertThat(gate.entered()).as("nothing ran").isZero();
    }
}
