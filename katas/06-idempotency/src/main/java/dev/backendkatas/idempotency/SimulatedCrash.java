package dev.backendkatas.idempotency;

/**
 * Thrown by a test's {@link ChargeHook} to stand for the server process dying in the middle of an operation: the
 * power cut, the {@code kill -9}, the out-of-memory kill. Given to you.
 *
 * <p>A dead process runs no more code: no {@code catch}, no clean-up, no response. So this is an {@link Error}, your
 * code must let it pass (never {@code catch (Throwable)} or {@code catch (Error)} around the operation), and
 * {@link PaymentServer} answers it by dropping the connection without a response. What the database sees is what it
 * sees after a real crash: the open transaction rolled back when its connection closed, and everything committed
 * before it kept.
 */
public final class SimulatedCrash extends Error {

    public SimulatedCrash() {
        super("simulated crash: the server died here");
    }
}
