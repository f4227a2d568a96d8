package dev.backendkatas.idempotency;

import java.util.Optional;

/**
 * The final answer to one logical operation of {@link PaymentsClient}. Given to you.
 *
 * @param status         the status of the last attempt: a success, or a final failure such as 402 or 422
 * @param body           its body
 * @param location       its {@code Location}, if any
 * @param idempotencyKey the key the client used for every attempt of this operation
 * @param replayed       whether the server said the answer was replayed ({@code Idempotent-Replayed: true})
 * @param attempts       how many requests the client sent for this operation
 */
public record PaymentResponse(int status, String body, Optional<String> location, String idempotencyKey,
                              boolean replayed, int attempts) {
}
