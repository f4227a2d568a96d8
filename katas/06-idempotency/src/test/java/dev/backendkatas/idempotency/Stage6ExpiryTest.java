package dev.backendkatas.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 6 of kata 06: keys expire after the published period, and are purged in batches. */
@Order(6)
@DisplayName("Stage 6 — Expiry")
class Stage6ExpiryTest extends PaymentSandbox {

    private static final Duration DAY = Duration.ofHours(24);

    @Test
    @Order(1)
    @DisplayName("a key is replayed until its retention ends: 24 h minus 1 ms after its first use (draft §2.3)")
    void replayedWithinRetention() throws Exception {
        start();
        HttpResponse<String> first = pay("order-1", payment(1000));
        clock.advance(DAY.minusMillis(1));
        HttpResponse<String> retry = pay("order-1", payment(1000));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).as("1 ms before the key expires → %s",
                show(retry)).hasValue("true");
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    @Order(2)
    @DisplayName("an expired key is a new operation: 24 h after its first use it runs again (Stripe)")
    void expiredKeyIsNew() throws Exception {
        start();
        HttpResponse<String> first = pay("order-1", payment(1000));
        clock.advance(DAY);
        HttpResponse<String> later = pay("order-1", payment(1000));
        assertThat(later.statusCode()).as("the same key 24 h later → %s", show(later)).isEqualTo(201);
        assertThat(later.headers().firstValue("Idempotent-Replayed")).as("an expired key is not replayed").isEmpty();
        assertThat(later.body()).as("a new charge").isNotEqualTo(first.body());
        assertThat(charges()).isEqualTo(2);
        clock.advance(DAY.minusMillis(1));
        assertThat(pay("order-1", payment(1000)).body()).as("the new use starts a new retention period")
                .isEqualTo(later.body());
    }

    @Test
    @Order(3)
    @DisplayName("an expired key may carry another request: no 422 after expiry")
    void expiredKeyTakesAnotherBody() throws Exception {
        start();
        pay("order-1", payment(1000));
        clock.advance(DAY.plusMinutes(1));
        HttpResponse<String> other = pay("order-1", payment(2500));
        assertThat(other.statusCode()).as("another amount under an expired key → %s", show(other)).isEqualTo(201);
        assertThat(pay("order-1", payment(2500)).body()).as("replayed under the new fingerprint")
                .isEqualTo(other.body());
        assertThat(pay("order-1", payment(1000)).statusCode()).as("and the old body is now the other request")
                .isEqualTo(422);
    }

    @Test
    @Order(4)
    @DisplayName("the retention is the configured one, not a constant")
    void configuredRetention() throws Exception {
        start(IdempotencyConfig.defaults().withRetention(Duration.ofHours(1)));
        pay("order-1", payment(1000));
        clock.advance(Duration.ofMinutes(59));
        assertThat(pay("order-1", payment(1000)).headers().firstValue("Idempotent-Replayed"))
                .as("59 minutes into a retention of 1 h").hasValue("true");
        clock.advance(Duration.ofMinutes(1));
        assertThat(pay("order-1", payment(1000)).headers().firstValue("Idempotent-Replayed"))
                .as("60 minutes into a retention of 1 h").isEmpty();
    }

    @Test
    @Order(5)
    @DisplayName("purgeExpired deletes expired keys in bounded batches and spares the live ones")
    void purgeInBatches() throws Exception {
        start();
        for (int i = 0; i < 25; i++) {
            pay("old-" + i, payment(100 + i));
        }
        clock.advance(Duration.ofHours(23));
        List<HttpResponse<String>> fresh = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fresh.add(pay("new-" + i, payment(100 + i)));
        }
        clock.advance(Duration.ofHours(1));

        List<Integer> batches = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            int deleted = server.store().purgeExpired(10);
            batches.add(deleted);
            if (deleted < 10) {
                break;
            }
        }
        assertThat(batches).as("purgeExpired(10) until a batch is short, over 25 expired and 3 live keys")
                .containsExactly(10, 10, 5);
        assertThat(keys()).as("keys left after the purge").isEqualTo(3);
        assertThat(server.store().purgeExpired(10)).as("nothing left to purge").isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(pay("new-" + i, payment(100 + i)).body()).as("a live key still replays after the purge")
                    .isEqualTo(fresh.get(i).body());
        }
        assertThat(charges()).as("purging keys never touches the ledger").isEqualTo(28);
    }
}
