package dev.backendkatas.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 2 of kata 06: run the operation once, store its response, replay it; the README section of the same name. */
@Order(2)
@DisplayName("Stage 2 — Do it once, replay the rest")
class Stage2ReplayTest extends PaymentSandbox {

    @Test
    @Order(1)
    @DisplayName("the first request with a key runs the payment: 201 with Location, not marked as a replay")
    void firstRequestRuns() throws Exception {
        start();
        HttpResponse<String> first = pay("order-1", payment(1000));

        assertThat(first.statusCode()).as("first POST /payments with a new key → %s", show(first)).isEqualTo(201);
        assertThat(first.headers().firstValue("Location")).as("Location of the new charge").get().asString()
                .startsWith("/payments/ch_");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).as("a first run is not a replay").isEmpty();
        assertThat(charges()).as("charges in the ledger").isEqualTo(1);
    }

    @Test
    @Order(2)
    @DisplayName("a retry with the same key gets the stored response byte for byte, with Idempotent-Replayed: true, and charges nothing (draft §2.6)")
    void retryIsReplayed() throws Exception {
        start();
        HttpResponse<String> first = pay("order-1", payment(1000));
        for (int retry = 1; retry <= 3; retry++) {
            HttpResponse<String> again = pay("order-1", payment(1000));
            assertThat(again.statusCode()).as("retry %d → %s", retry, show(again)).isEqualTo(201);
            assertThat(again.body()).as("retry %d: the body of the first response, byte for byte", retry)
                    .isEqualTo(first.body());
            assertThat(again.headers().firstValue("Location")).as("retry %d: the same Location", retry)
                    .isEqualTo(first.headers().firstValue("Location"));
            assertThat(again.headers().firstValue("Content-Type")).as("retry %d: the same Content-Type", retry)
                    .isEqualTo(first.headers().firstValue("Content-Type"));
            assertThat(again.headers().firstValue("Idempotent-Replayed")).as("retry %d is marked as a replay", retry)
                    .hasValue("true");
        }
        assertThat(server.ledger().attempts()).as("times the payment operation ran for 1 request + 3 retries")
                .isEqualTo(1);
        assertThat(charges()).as("charges in the ledger after 1 request + 3 retries").isEqualTo(1);
    }

    @Test
    @Order(3)
    @DisplayName("two keys are two payments")
    void twoKeysTwoPayments() throws Exception {
        start();
        HttpResponse<String> a = pay("order-1", payment(1000));
        HttpResponse<String> b = pay("order-2", payment(1000));
        assertThat(b.statusCode()).as("second key → %s", show(b)).isEqualTo(201);
        assertThat(b.headers().firstValue("Location")).as("a new charge").isNotEqualTo(a.headers().firstValue("Location"));
        assertThat(charges()).isEqualTo(2);
    }

    @Test
    @Order(4)
    @DisplayName("a completed failure is stored: a declined card's 402 is replayed like a success (draft §2.6)")
    void declinedIsReplayed() throws Exception {
        start();
        String declined = "{\"amount\":1000,\"currency\":\"EUR\",\"source\":\"tok_chargeDeclined\"}";
        HttpResponse<String> first = pay("order-1", declined);
        assertThat(first.statusCode()).as("a declined card → %s", show(first)).isEqualTo(402);

        HttpResponse<String> again = pay("order-1", declined);
        assertThat(again.statusCode()).as("retry of a declined payment → %s", show(again)).isEqualTo(402);
        assertThat(again.body()).as("the stored 402, byte for byte").isEqualTo(first.body());
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(again.headers().firstValue("Idempotent-Replayed")).as("the 402 is replayed").hasValue("true");
        assertThat(server.ledger().attempts()).as("a decided failure is not decided again").isEqualTo(1);
    }

    @Test
    @Order(5)
    @DisplayName("a validation error is not stored: the client fixes the body and retries with the same key (Stripe)")
    void validationErrorIsNotStored() throws Exception {
        start();
        HttpResponse<String> invalid = pay("order-1", "{\"amount\":-5,\"currency\":\"EUR\"}");
        assertThat(invalid.statusCode()).as("amount -5 → %s", show(invalid)).isEqualTo(400);
        assertThat(member(invalid.body(), "type")).isEqualTo(Problem.TYPES + "invalid-request");
        assertThat(keys()).as("rows in idempotency_keys after a request that failed validation").isZero();

        HttpResponse<String> fixed = pay("order-1", payment(1000));
        assertThat(fixed.statusCode()).as("the fixed request with the same key must run, not replay the 400 or"
                + " refuse the key → %s", show(fixed)).isEqualTo(201);
        assertThat(fixed.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    @Order(6)
    @DisplayName("invalid JSON is 400 invalid-request and claims nothing")
    void invalidJson() throws Exception {
        start();
        for (String body : List.of("{\"amount\":1000,", "[]", "", "{\"amount\":1000,\"currency\":\"EUR\"}x",
                "{\"amount\":10.5,\"currency\":\"EUR\"}", "{\"amount\":1000,\"currency\":\"EUR\",\"admin\":\"yes\"}")) {
            HttpResponse<String> response = pay("order-1", body);
            assertThat(response.statusCode()).as("body %s → %s", Visible.visible(body), show(response)).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(keys()).as("rows in idempotency_keys after invalid bodies").isZero();
        assertThat(pay("order-1", payment(1000)).statusCode()).as("the key is still free").isEqualTo(201);
    }

    @Test
    @Order(7)
    @DisplayName("a body over the limit is 413, refused without reading it whole (RFC 9110 §15.5.14)")
    void hugeBody() throws Exception {
        start(IdempotencyConfig.defaults().withMaxBodyBytes(1024));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            // Declares 100 MB and sends 2 KB of it: a server that reads the whole declared body hangs here.
            out.write(("POST /payments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ALICE
                    + "\r\nIdempotency-Key: \"big\"\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[2048]);
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).as("status line of a 100 MB POST to a server with a 1 KiB limit")
                    .isEqualTo("HTTP/1.1 413");
        }
        HttpResponse<String> chunked = http.send(java.net.http.HttpRequest.newBuilder(server.uri("/payments")).header("Authorization", "Bearer " + ALICE)
                .header("Idempotency-Key", "\"big\"").POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[1025]))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as("1025 bytes, chunked (no Content-Length) → %s", show(chunked))
                .isEqualTo(413);
        assertThat(keys()).as("nothing claimed for a refused body").isZero();

        String exact = payment(1000) + " ".repeat(1024 - payment(1000).length());
        HttpResponse<String> atLimit = pay("exact", exact);
        assertThat(atLimit.statusCode()).as("a body of exactly the limit (1024 bytes, Content-Length) → %s",
                show(atLimit)).isEqualTo(201);
        HttpResponse<String> chunkedAtLimit = http.send(java.net.http.HttpRequest.newBuilder(server.uri("/payments"))
                .header("Authorization", "Bearer " + ALICE).header("Idempotency-Key", "\"exact-chunked\"")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        exact.getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunkedAtLimit.statusCode()).as("a body of exactly the limit, chunked → %s", show(chunkedAtLimit))
                .isEqualTo(201);
    }
}
