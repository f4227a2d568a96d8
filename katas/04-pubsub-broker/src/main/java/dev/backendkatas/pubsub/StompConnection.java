package dev.backendkatas.pubsub;

import java.net.Socket;
import java.util.Objects;

/**
 * Serves one STOMP 1.2 client on one socket, mapping its frames onto a {@link Broker} session. {@link StompServer}
 * runs one per accepted connection, on its own thread.
 *
 * <h2>Stage 7 — STOMP 1.2 on the wire</h2>
 * <ul>
 *   <li><b>Connecting.</b> The first frame must be CONNECT (or STOMP). {@code accept-version} must offer {@code 1.2}
 *       (a comma-separated list; absent means 1.0), else ERROR with a {@code version:1.2} header. {@code host} is
 *       required. The answer is CONNECTED with {@code version:1.2}, {@code heart-beat:0,0} (this server sends and
 *       expects no heart-beats), {@code server} and {@code session}. A malformed {@code heart-beat} header is an
 *       error.</li>
 *   <li><b>Destinations.</b> {@code /topic/<name>} is the broker topic {@code <name>}; in SUBSCRIBE, {@code <name>}
 *       is a topic filter, wildcards allowed ({@code /topic/sport/#}). Any other destination is an error.</li>
 *   <li><b>SEND</b> {@code destination} publishes the body; every header except {@code destination},
 *       {@code content-length}, {@code receipt} travels with the message. A publish that a full
 *       {@link OverflowPolicy#REJECT_PUBLISH} subscription refused is answered with ERROR: the server could not
 *       process the SEND. {@code transaction} headers (and BEGIN, COMMIT, ABORT) are not supported: ERROR.</li>
 *   <li><b>SUBSCRIBE</b> {@code id}, {@code destination}, {@code ack}: {@code auto} (default) or
 *       {@code client-individual} ({@link AckMode#CLIENT}); cumulative {@code client} is refused with ERROR.
 *       Extensions: {@code prefetch-count} (a positive number), {@code group} (a consumer group),
 *       {@code durable} (a durable subscription's name). An id already in use on the connection is an error.</li>
 *   <li><b>MESSAGE</b> frames carry {@code subscription}, {@code message-id}, {@code destination}, {@code ack}
 *       (the delivery tag, only with {@code client-individual}), {@code redelivered:true} when redelivered, the
 *       SEND's other headers, and {@code content-length}. The server's headers come first, so they win over a sender's
 *       headers of the same name.</li>
 *   <li><b>UNSUBSCRIBE</b> {@code id}; <b>ACK</b> and <b>NACK</b> {@code id} (the MESSAGE's {@code ack} value). An
 *       unknown id is an error. NACK requeues the message for redelivery; {@code requeue:false} discards it.</li>
 *   <li><b>Receipts.</b> Any client frame with a {@code receipt} header is answered, after it took effect, with
 *       RECEIPT {@code receipt-id}. DISCONNECT with a receipt gets its RECEIPT, then the connection closes.</li>
 *   <li><b>Errors.</b> A malformed frame, a missing required header, an unknown command or a broker refusal is
 *       answered with ERROR ({@code message}, {@code content-type:text/plain}, {@code content-length}, and
 *       {@code receipt-id} when the frame had a receipt), after which the server closes the connection.</li>
 *   <li><b>Leaving.</b> However the connection ends (DISCONNECT, ERROR, a dropped socket), the broker session is
 *       closed: unacked messages are redelivered to other consumers, durable subscriptions keep buffering.</li>
 * </ul>
 */
public final class StompConnection implements Runnable {

    private static final String STAGE_7 =
            "Stage 7: serve STOMP over a socket — see katas/04-pubsub-broker/README.md, 'Stage 7 — STOMP 1.2 on the wire'";

    private final Broker broker;
    private final Socket socket;
    private final StompLimits limits;
    private final String sessionId;

    /**
     * @param broker    the broker the client's frames act on
     * @param socket    the accepted connection; this object closes it
     * @param limits    the frame limits to enforce
     * @param sessionId the id for the CONNECTED frame's {@code session} header and the broker session's client id
     */
    public StompConnection(Broker broker, Socket socket, StompLimits limits, String sessionId) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.socket = Objects.requireNonNull(socket, "socket");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    }

    /** Serves the connection until the client disconnects, an error ends it, or the socket closes; then cleans up. */
    @Override
    public void run() {
        throw new UnsupportedOperationException(STAGE_7);
    }
}
