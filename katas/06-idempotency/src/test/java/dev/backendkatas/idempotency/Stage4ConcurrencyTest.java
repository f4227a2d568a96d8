package dev.backendkatas.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 4 of kata 06: concurrent duplicates, on one server and on two; the README section of the same name. */
@Order(4)
@DisplayName("Stage 4 — Concurrent duplicates")
class Stage4ConcurrencyTest extends PaymentSandbox {

    private static final String KEY = "order-1";

    @Test
    @Order(1)
    @DisplayName("a retry while the first request is in flight is 409 with Retry-After, then the replay (draft §2.6, §2.7)")
    void inFlightIs409() throws Exception {
        start();
        gate.holdNext();
        CompletableFuture<HttpResponse<String>> first = sendLater(server, "/payments", ALICE, KEY, payment(1000));
        eventually().until(() -> gate.entered() == 1);

        HttpResponse<String> duplicate = pay(KEY, payment(1000));
        assertThat(duplicate.statusCode()).as("same key while the first payment is still running → %s",
                show(duplicate)).isEqualTo(409);
        assertThat(member(duplicate.body(), "type")).isEqualTo(Problem.TYPES + "idempotency-key-in-flight");
        assertThat(duplicate.headers().firstValue("Retry-After")).as("409 says when to try again").hasValue("1");
        assertThat(gate.entered()).as("the duplicate must not run the payment").isEqualTo(1);

        gate.release();
        HttpResponse<String> done = first.get(8, TimeUnit.SECONDS);
        assertThat(done.statusCode()).as("the first request, released → %s", show(done)).isEqualTo(201);
        HttpResponse<String> replay = pay(KEY, payment(1000));
        assertThat(replay.body()).as("after it finished, the retry gets the stored response").isEqualTo(done.body());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    @Order(2)
    @DisplayName("the 409 is not stored: it is not what the key's operation answered")
    void conflictIsNotStored() throws Exception {
        start();
        gate.holdNext();
        CompletableFuture<HttpResponse<String>> first = sendLater(server, "/payments", ALICE, KEY, payment(1000));
        eventually().until(() -> gate.entered() == 1);
        assertThat(pay(KEY, payment(1000)).statusCode()).isEqualTo(409);
        assertThat(pay(KEY, payment(1000)).statusCode()).as("still in flight").isEqualTo(409);
        gate.release();
        assertThat(first.get(8, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(pay(KEY, payment(1000)).statusCode()).as("replay after the 409s").isEqualTo(201);
    }

    @Test
    @Order(3)
    @DisplayName("two server instances on one database: the second sees the first's request in flight, then replays its response")
    void twoInstances() throws Exception {
        PaymentServer one = start();
        PaymentServer two = start();
        gate.holdNext();
        CompletableFuture<HttpResponse<String>> first = sendLater(one, "/payments", ALICE, KEY, payment(1000));
        eventually().until(() -> gate.entered() == 1);

        HttpResponse<String> onTwo = send(two, "/payments", ALICE, List.of("\"" + KEY + "\""), payment(1000));
        assertThat(onTwo.statusCode()).as("the same key on the other instance while the first runs → %s",
                show(onTwo)).isEqualTo(409);

        gate.release();
        HttpResponse<String> done = first.get(8, TimeUnit.SECONDS);
        HttpResponse<String> replay = send(two, "/payments", ALICE, List.of("\"" + KEY + "\""), payment(1000));
        assertThat(replay.statusCode()).as("the other instance, afterwards → %s", show(replay)).isEqualTo(201);
        assertThat(replay.body()).as("instance two replays what instance one stored").isEqualTo(done.body());
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    @Order(4)
    @DisplayName("two requests that claim the same key at the same moment: one runs, the other is 409 (an atomic INSERT, not look-then-insert)")
    void simultaneousClaims() throws Exception {
        PaymentServer one = start();
        PaymentServer two = start();
        gate.holdNext();
        // Both requests reach their first statement on idempotency_keys, and wait there for each other: whatever
        // each one does first (a SELECT, an INSERT), both do it before either does the next thing.
        db.lineUpFirstKeyStatements(2);
        CompletableFuture<HttpResponse<String>> a = sendLater(one, "/payments", ALICE, KEY, payment(1000));
        CompletableFuture<HttpResponse<String>> b = sendLater(two, "/payments", ALICE, KEY, payment(1000));
        eventually().until(() -> a.isDone() || b.isDone());
        CompletableFuture<HttpResponse<String>> lost = a.isDone() ? a : b;
        CompletableFuture<HttpResponse<String>> won = lost == a ? b : a;
        HttpResponse<String> loser = lost.get();
        assertThat(loser.statusCode()).as("the request answered first (the winner of the claim is held in flight) → %s",
                show(loser)).isEqualTo(409);
        gate.release();
        HttpResponse<String> winner = won.get(8, TimeUnit.SECONDS);
        assertThat(winner.statusCode()).as("the request that won the claim → %s", show(winner)).isEqualTo(201);
        assertThat(gate.entered()).as("times the payment ran for two simultaneous requests with one key").isEqualTo(1);
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    @Order(5)
    @DisplayName("20 duplicates on two instances while the first runs: exactly one payment, 19 × 409")
    void manyDuplicates() throws Exception {
        PaymentServer one = start();
        PaymentServer two = start();
        gate.holdNext();
        CompletableFuture<HttpResponse<String>> first = sendLater(one, "/payments", ALICE, KEY, payment(1000));
        eventually().until(() -> gate.entered() == 1);
        List<CompletableFuture<HttpResponse<String>>> duplicates = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            duplicates.add(sendLater(i % 2 == 0 ? two : one, "/payments", ALICE, KEY, payment(1000)));
        }
        for (CompletableFuture<HttpResponse<String>> duplicate : duplicates) {
            HttpResponse<String> response = duplicate.get(8, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as("a duplicate while the first runs → %s", show(response))
                    .isEqualTo(409);
        }
        gate.release();
        assertThat(first.get(8, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(gate.entered()).isEqualTo(1);
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    @Order(6)
    @DisplayName("a database error during the claim is 503 with Retry-After; nothing is stored and the retry runs once (RFC 9110 §15.6.4)")
    void databaseErrorDuringClaim() throws Exception {
        start();
        db.failNextKeyStatement();
        HttpResponse<String> failed = pay(KEY, payment(1000));
        assertThat(failed.statusCode()).as("the database fails on the claim → %s", show(failed)).isEqualTo(503);
        assertThat(failed.headers().firstValue("Retry-After")).as("503 says when to try again").hasValue("1");
        assertThat(failed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(gate.entered()).as("nothing ran without a claim").isZero();

        HttpResponse<String> retry = pay(KEY, payment(1000));
        assertThat(retry.statusCode()).as("the retry, database back → %s", show(retry)).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).as("the 503 was not stored").isEmpty();
        assertThat(charges()).isEqualTo(1);
    }
}
