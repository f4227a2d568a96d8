package dev.backendkatas.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 3 of kata 06: a key belongs to one request of one client; the README section of the same name. */
@Order(3)
@DisplayName("Stage 3 — Same key, different request")
class Stage3FingerprintTest extends PaymentSandbox {

    @Test
    @Order(1)
    @DisplayName("the fingerprint is SHA-256 in 64 lower-case hex digits, the same on every call (draft §2.4)")
    void fingerprintShape() {
        String once = Fingerprint.of("POST", "/payments", payment(1000));
        assertThat(once).as("Fingerprint.of(POST, /payments, …)").matches("[0-9a-f]{64}");
        assertThat(Fingerprint.of("POST", "/payments", payment(1000))).as("the same request again").isEqualTo(once);
    }

    @Test
    @Order(2)
    @DisplayName("the method, the path and the body each change the fingerprint, and their boundaries are unambiguous")
    void fingerprintParts() {
        String base = Fingerprint.of("POST", "/payments", payment(1000));
        assertThat(Fingerprint.of("POST", "/payments", payment(1001))).as("another body").isNotEqualTo(base);
        assertThat(Fingerprint.of("POST", "/refunds", payment(1000))).as("another path").isNotEqualTo(base);
        assertThat(Fingerprint.of("PATCH", "/payments", payment(1000))).as("another method").isNotEqualTo(base);
        assertThat(Fingerprint.of("POST", "/a", "b")).as("(\"/a\", \"b\") and (\"/ab\", \"\") are two requests")
                .isNotEqualTo(Fingerprint.of("POST", "/ab", ""));
        assertThat(Fingerprint.of("POS", "T/a", "b")).as("(\"POS\", \"T/a\") and (\"POST\", \"/a\")")
                .isNotEqualTo(Fingerprint.of("POST", "/a", "b"));
    }

    @Test
    @Order(3)
    @DisplayName("the same key with another amount is 422 idempotency-key-reused, and runs nothing (draft §2.7)")
    void otherBodyIs422() throws Exception {
        start();
        HttpResponse<String> first = pay("order-1", payment(1000));
        HttpResponse<String> other = pay("order-1", payment(9900));

        assertThat(other.statusCode()).as("same key, amount 9900 instead of 1000 → %s", show(other)).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(member(other.body(), "type")).isEqualTo(Problem.TYPES + "idempotency-key-reused");
        assertThat(server.ledger().attempts()).as("the operation must not run for a reused key").isEqualTo(1);
        HttpResponse<String> original = pay("order-1", payment(1000));
        assertThat(original.body()).as("the 422 is not stored: the original request still replays its answer")
                .isEqualTo(first.body());
    }

    @Test
    @Order(4)
    @DisplayName("the same request written differently (spaces, member order) is the same request: replayed")
    void canonicalBody() throws Exception {
        start();
        HttpResponse<String> first = pay("order-1", payment(1000));
        String sameMeaning = "{ \"source\" : \"tok_visa\",\n  \"currency\":\"EUR\", \"amount\": 1000 }";
        HttpResponse<String> again = pay("order-1", sameMeaning);
        assertThat(again.statusCode()).as("the same payment with other whitespace and member order → %s",
                show(again)).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    @Order(5)
    @DisplayName("the same key on another endpoint is 422: the path is part of the fingerprint (Stripe)")
    void otherEndpointIs422() throws Exception {
        start();
        pay("order-1", payment(1000));
        HttpResponse<String> refund = send(server, "/refunds", ALICE, List.of("\"order-1\""), payment(1000));
        assertThat(refund.statusCode()).as("POST /refunds with the key of a payment → %s", show(refund))
                .isEqualTo(422);
        assertThat(server.ledger().attempts()).as("no refund ran").isEqualTo(1);
    }

    @Test
    @Order(6)
    @DisplayName("keys are scoped per client: Bob's key \"order-1\" is not Alice's (draft §5)")
    void scopedPerClient() throws Exception {
        start();
        HttpResponse<String> alice = pay("order-1", payment(1000));
        HttpResponse<String> bob = send(server, "/payments", BOB, List.of("\"order-1\""), payment(1000));

        assertThat(bob.statusCode()).as("Bob's first request with a key Alice used → %s", show(bob)).isEqualTo(201);
        assertThat(bob.headers().firstValue("Idempotent-Replayed"))
                .as("Bob must never get Alice's stored response").isEmpty();
        assertThat(bob.body()).as("Bob's charge is his own").isNotEqualTo(alice.body());
        HttpResponse<String> bobOther = send(server, "/payments", BOB, List.of("\"order-2\""), payment(9900));
        HttpResponse<String> aliceOther = pay("order-2", payment(500));
        assertThat(aliceOther.statusCode()).as("Alice's key order-2 with another body than Bob's → %s",
                show(aliceOther)).isEqualTo(201);
        assertThat(bobOther.statusCode()).isEqualTo(201);
        assertThat(charges()).as("four keys of two clients are four charges").isEqualTo(4);
        assertThat(send(server, "/payments", BOB, List.of("\"order-1\""), payment(1000)).body())
                .as("Bob's retry replays Bob's charge").isEqualTo(bob.body());
    }
}
