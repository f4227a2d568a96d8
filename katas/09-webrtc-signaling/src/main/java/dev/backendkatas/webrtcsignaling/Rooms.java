package dev.backendkatas.webrtcsignaling;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Stage 5 — the rooms of the signaling server. Two peers meet in a room; what one posts, the other receives on its
 * event stream. {@link SignalingServer} (given) turns HTTP into calls of this class.
 *
 * <p>The rules:
 * <ul>
 *   <li><b>Two seats per room.</b> A room exists from its first {@link #join} on. A peer takes a seat by opening its
 *       stream; a third peer id in a full room is refused with {@code 409}. The same peer opening its stream again
 *       (a reconnection) replaces its old stream, which is closed; the other peer hears nothing of it.</li>
 *   <li><b>One mailbox per seat.</b> A message goes to the <em>other</em> seat only, never back to its sender, as
 *       one event: {@code event: <type>}, {@code id: <n>}, {@code data: <the body as posted>}. The ids count 1, 2,
 *       3… per seat (per recipient), so each stream has its own sequence. A message for a seat with no stream yet
 *       (the other peer has not connected, or is reconnecting) waits in the mailbox and is written, in order, when
 *       the stream opens.</li>
 *   <li><b>Bounded.</b> At most {@link SignalingConfig#maxQueued()} messages may wait for a seat: accepted, not yet
 *       written to a stream of that seat (not connected yet, or a slow reader). One more is refused with
 *       {@code 429}; nothing already accepted is dropped. The last {@link SignalingConfig#retained()} events of a
 *       seat are kept for replays.</li>
 *   <li><b>Resuming.</b> Without {@code Last-Event-ID} the client says it has read nothing: the stream gets every
 *       event kept for its seat, from the oldest. With {@code Last-Event-ID: n}, it gets exactly the events after {@code n}, the ones written
 *       to the old stream but never read included, nothing twice. Not digits, or {@code n} greater than the last id
 *       of the seat: {@code 400}. Events after {@code n} no longer kept: {@code 410} (leave and join again).
 *       A refused join changes nothing.</li>
 *   <li><b>Messages.</b> The body is a JSON object ({@link Json#parseObject}) whose {@code "type"} is a string in
 *       {@link #TYPES}; other members are relayed as they are. Malformed JSON, a missing, non-string or unknown
 *       type: {@code 400} with a message that says which. A peer that has no seat in the room (or a room that does
 *       not exist): {@code 403}.</li>
 *   <li><b>Leaving.</b> A peer that posts {@code bye} leaves: the bye is relayed, its stream is closed and its seat
 *       is free for another peer. A stream that fails (a write throws: the peer disconnected) is closed and the
 *       other peer, if seated, receives a server-made {@code bye}:
 *       {@code {"type":"bye","peer":"<id>","reason":"disconnected"}}; the seat and its mailbox stay, so the peer can
 *       reconnect with {@code Last-Event-ID}. A server-made bye is never refused by the bound.</li>
 *   <li><b>Heartbeats.</b> Every {@link SignalingConfig#heartbeat()} of the injected {@link Scheduler}, each open
 *       stream gets the comment {@code : heartbeat} (unless events are waiting to be written anyway). That is also
 *       how a peer that vanished is noticed: the write fails.</li>
 *   <li><b>Threads.</b> {@link #join} and {@link #post} run on the server's few request threads and must return
 *       at once. Every write to a {@link PeerStream} happens on the {@code delivery} executor, one writer per stream
 *       at a time (events in order), never while holding a lock that {@code join} or {@code post} need: a slow
 *       reader may block a write for as long as it likes.</li>
 * </ul>
 */
public final class Rooms {

    /** The message types a peer may post. */
    public static final Set<String> TYPES = Set.of("offer", "answer", "candidate", "bye");

    /** The text of a heartbeat comment. */
    public static final String HEARTBEAT = "heartbeat";

    private static final String TODO = "Stage 5: the signaling server — see README, 'Stage 5 — The signaling server'";

    private final SignalingConfig config;
    private final Scheduler scheduler;
    private final Executor delivery;

    /**
     * @param config    the bounds and the heartbeat interval
     * @param scheduler the timer for heartbeats
     * @param delivery  the threads that write to the streams
     */
    public Rooms(SignalingConfig config, Scheduler scheduler, Executor delivery) {
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    /**
     * Seats {@code peer} in {@code room} (or finds its seat) and starts writing its mailbox to {@code stream}; returns
     * at once, the stream stays open.
     *
     * @param room        the room id (already checked by the server)
     * @param peer        the peer id (already checked by the server)
     * @param lastEventId the request's {@code Last-Event-ID}, or {@code null} when it had none
     * @param stream      the peer's event stream
     * @throws SignalingException 409 (room full), 400 (a bad or future {@code Last-Event-ID}), 410 (events no longer
     *                            kept)
     */
    public void join(String room, String peer, String lastEventId, PeerStream stream) throws SignalingException {
        throw new UnsupportedOperationException(TODO);
    }

    /**
     * Relays {@code body} from {@code peer} to the other seat of {@code room}.
     *
     * @return the id of the event in the recipient's stream
     * @throws SignalingException 400 (not a JSON object with a known {@code "type"}), 403 (not seated in that room),
     *                            429 (the recipient's mailbox is full)
     */
    public long post(String room, String peer, String body) throws SignalingException {
        throw new UnsupportedOperationException(TODO);
    }

    /** Closes every stream and forgets every room (the server is stopping). */
    public void closeAll() {
        throw new UnsupportedOperationException(TODO);
    }
}
