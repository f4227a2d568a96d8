package dev.backendkatas.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 5 of kata 06: crashes, leases and restarts; the README section of the same name. */
@Order(5)
@DisplayName("Stage 5 — Crashes in the middle")
class Stage5CrashTest extends PaymentSandbox {

    private static final String KEY = "order-1";
    private static final Duration LEASE = IdempotencyConfig.defaults().lease();

    /** Crashes the server in the middle of the payment: the client sees its connection dropped. */
    private void payAndCrash() {
        gate.crashNext();
        Throwable thrown = catchThrowable(() -> pay(KEY, payment(1000)));
        assertThat(thrown).as("the server died in the middle of the payment: no response reaches the client")
                .isInstanceOf(IOException.class);
    }

    @Test
    @Order(1)
    @DisplayName("a restart loses nothing: the retry after it replays the stored response byte for byte")
    void restartKeepsResponses() throws Exception {
        start();
        HttpResponse<String> first = pay(KEY, payment(1000));
        restart();
        start();
        HttpResponse<String> retry = pay(KEY, payment(1000));
        assertThat(retry.statusCode()).as("retry after a restart of server and database → %s", show(retry))
                .isEqualTo(201);
        assertThat(retry.body()).as("the stored response, read back from the database files").isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    @Order(2)
    @DisplayName("a crash between claim and completion leaves the key in flight: a retry before the lease ends is 409, and nothing was charged")
    void crashLeavesKeyInFlight() throws Exception {
        start();
        payAndCrash();
        assertThat(charges()).as("the crashed payment's transaction was never committed").isZero();
        clock.advance(LEASE.minusMillis(1));
        HttpResponse<String> early = pay(KEY, payment(1000));
        assertThat(early.statusCode()).as("retry 1 ms before the lease ends: the owner may still be alive → %s",
                show(early)).isEqualTo(409);
    }

    @Test
    @Order(3)
    @DisplayName("once the lease has ended, a retry takes the key over and charges exactly once")
    void takeOverAfterLease() throws Exception {
        start();
        payAndCrash();
        clock.advance(LEASE);
        HttpResponse<String> retry = pay(KEY, payment(1000));
        assertThat(retry.statusCode()).as("retry when the lease has ended → %s", show(retry)).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).as("it ran: nothing was stored").isEmpty();
        assertThat(charges()).as("charges after a crash and a takeover").isEqualTo(1);
        HttpResponse<String> again = pay(KEY, payment(1000));
        assertThat(again.body()).as("and from then on it replays").isEqualTo(retry.body());
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    @Order(4)
    @DisplayName("a crash, a restart, and the retry after the lease: charged exactly once")
    void crashThenRestart() throws Exception {
        start();
        payAndCrash();
        restart();
        start();
        HttpResponse<String> early = pay(KEY, payment(1000));
        assertThat(early.statusCode()).as("after the restart, within the lease → %s", show(early)).isEqualTo(409);
        clock.advance(LEASE.plusSeconds(5));
        HttpResponse<String> retry = pay(KEY, payment(1000));
        assertThat(retry.statusCode()).as("after the restart and the lease → %s", show(retry)).isEqualTo(201);
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    @Order(5)
    @DisplayName("a takeover keeps the key's fingerprint: another body is still 422")
    void takeoverKeepsFingerprint() throws Exception {
        start();
        payAndCrash();
        clock.advance(LEASE);
        HttpResponse<String> other = pay(KEY, payment(5));
        assertThat(other.statusCode()).as("another amount under the crashed key → %s", show(other)).isEqualTo(422);
        assertThat(charges()).isZero();
    }

    @Test
    @Order(6)
    @DisplayName("a database error while storing the response rolls back the charge too (one transaction), and the retry charges once")
    void effectAndResponseCommitTogether() throws Exception {
        start();
        db.failKeyStatementAfterNextCharge();
        HttpResponse<String> failed = pay(KEY, payment(1000));
        assertThat(db.injectedFailures()).as("the test's fault fired on the statement after the charge").isEqualTo(1);
        assertThat(failed.statusCode()).as("storing the response failed → %s", show(failed)).isEqualTo(500);
        assertThat(failed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(charges()).as("a charge committed without its stored response would be charged again by the"
                + " retry: the charge and the response are committed together or not at all").isZero();

        HttpResponse<String> retry = pay(KEY, payment(1000));
        assertThat(retry.statusCode()).as("the retry, at once (the failed request gave its key back) → %s",
                show(retry)).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).as("the 500 was not stored").isEmpty();
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    @Order(7)
    @DisplayName("a slow owner whose lease was taken over cannot complete: exactly one charge (the lock token fences it)")
    void slowOwnerIsFenced() throws Exception {
        PaymentServer one = start();
        PaymentServer two = start();
        gate.holdNext();
        CompletableFuture<HttpResponse<String>> slow = sendLater(one, "/payments", ALICE, KEY, payment(1000));
        eventually().until(() -> gate.entered() == 1);
        clock.advance(LEASE);

        HttpResponse<String> takeover = send(two, "/payments", ALICE, List.of("\"" + KEY + "\""), payment(1000));
        assertThat(takeover.statusCode()).as("the retry that took over the lease → %s", show(takeover))
                .isEqualTo(201);
        gate.release();
        HttpResponse<String> late = slow.get(8, TimeUnit.SECONDS);
        assertThat(late.statusCode()).as("the slow first request, which lost its lease → %s", show(late))
                .isEqualTo(409);
        assertThat(charges()).as("the slow owner's charge must be rolled back").isEqualTo(1);
        HttpResponse<String> replay = pay(KEY, payment(1000));
        assertThat(replay.body()).as("the key holds the response of the takeover").isEqualTo(takeover.body());
    }

    @Test
    @Order(8)
    @DisplayName("two retries that find the same ended lease at the same moment: one takes the key over, the other is 409 and runs nothing")
    void takeoverIsACompareAndSet() throws Exception {
        PaymentServer one = start();
        PaymentServer two = start();
        payAndCrash();
        clock.advance(LEASE);
        gate.holdNext();
        // Both retries read the ended lease, then wait for each other right before their first statement that changes
        // (or locks) the row: both have seen the old lease before either takes it over, every time.
        db.lineUpFirstKeyWrites(2);
        CompletableFuture<HttpResponse<String>> a = sendLater(one, "/payments", ALICE, KEY, payment(1000));
        CompletableFuture<HttpResponse<String>> b = sendLater(two, "/payments", ALICE, KEY, payment(1000));
        eventually().until(() -> a.isDone() || b.isDone());
        CompletableFuture<HttpResponse<String>> lost = a.isDone() ? a : b;
        HttpResponse<String> loser = lost.get();
        assertThat(loser.statusCode()).as("the retry answered first (the one that took the key over is held) → %s",
                show(loser)).isEqualTo(409);
        gate.release();
        HttpResponse<String> winner = (lost == a ? b : a).get(8, TimeUnit.SECONDS);
        assertThat(winner.statusCode()).as("the retry that took the key over → %s", show(winner)).isEqualTo(201);
        assertThat(gate.entered()).as("runs of the payment: the crashed one and one takeover. A takeover is one"
                + " conditional UPDATE (… WHERE lock_token = <the token you read>) that only one of two racing"
                + " retries can win; an UPDATE on the key alone lets both win, and both run the payment (the lock"
                + " token may roll one charge back, but a call to the card network cannot be rolled back)")
                .isEqualTo(2);
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    @Order(9)
    @DisplayName("a retry that read the ended lease but comes to its takeover after another retry finished: it replays, the payment runs once")
    void lateTakeoverReplays() throws Exception {
        PaymentServer one = start();
        PaymentServer two = start();
        payAndCrash();
        clock.advance(LEASE);
        // The late retry reads the crashed lease, then stops right before its first statement that changes (or
        // locks) the row, until the other retry has taken the key over and finished.
        db.holdNextKeyWrite();
        CompletableFuture<HttpResponse<String>> late = sendLater(one, "/payments", ALICE, KEY, payment(1000));
        eventually().until(() -> db.heldKeyWrites() == 1);

        HttpResponse<String> first = send(two, "/payments", ALICE, List.of("\"" + KEY + "\""), payment(1000));
        assertThat(first.statusCode()).as("the retry that took the key over while the other was held → %s",
                show(first)).isEqualTo(201);
        db.releaseKeyWrites();
        HttpResponse<String> second = late.get(8, TimeUnit.SECONDS);
        assertThat(second.statusCode()).as("the late retry → %s", show(second)).isEqualTo(201);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).as("the late retry must replay: the lease it"
                + " read is gone, the key is completed; a takeover that does not check the lease it read (… WHERE"
                + " lock_token = <the token you read>) takes a completed key over and charges again → %s",
                show(second)).hasValue("true");
        assertThat(second.body()).as("the stored response").isEqualTo(first.body());
        assertThat(gate.entered()).as("runs of the payment: the crashed one and one takeover").isEqualTo(2);
        assertThat(charges()).as("charges after a crash and two retries").isEqualTo(1);
    }
}
