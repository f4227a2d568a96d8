package dev.backendkatas.webrtcsignaling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Stage 5 — the rooms of the signaling server: two seats per room, one mailbox per seat, events numbered per
 * recipient, replayed after {@code Last-Event-ID}, written by the delivery threads, never by a request thread.
 */
public final class Rooms {

    /** The message types a peer may post. */
    public static final Set<String> TYPES = Set.of("offer", "answer", "candidate", "bye");

    /** The text of a heartbeat comment. */
    public static final String HEARTBEAT = "heartbeat";

    private static final Object HEARTBEAT_ITEM = new Object();

    private final SignalingConfig config;
    private final Scheduler scheduler;
    private final Executor delivery;
    /** One lock for every room: the critical sections only move references, so it is never held for long. */
    private final Object lock = new Object();
    private final Map<String, Room> rooms = new HashMap<>();

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
     * Opens {@code peer}'s stream in {@code room}; see the stub's Javadoc for the contract.
     */
    public void join(String roomId, String peer, String lastEventId, PeerStream stream) throws SignalingException {
        List<PeerStream> toClose = new ArrayList<>();
        synchronized (lock) {
            Room room = rooms.computeIfAbsent(roomId, Room::new);
            try {
                Seat seat = room.seatOf(peer);
                if (seat == null) {
                    seat = room.freeSeat();
                    if (seat == null) {
                        throw new SignalingException(409, "room " + roomId + " already has two peers ("
                                + room.seats[0].peer + " and " + room.seats[1].peer + "); a third cannot join");
                    }
                }
                // Decided before the seat is taken: a refused resume changes nothing.
                long from = resumePoint(seat, lastEventId);
                seat.peer = peer;
                if (seat.stream != null) {
                    // A reconnection the server had not noticed yet: the new stream replaces the old, and the other
                    // peer hears nothing of it (no bye: the peer never left).
                    toClose.add(seat.stream);
                    seat.heartbeat.cancel();
                }
                seat.stream = stream;
                seat.queue.clear();
                for (Event event : seat.log) {
                    if (event.id > from) {
                        seat.queue.add(event);
                    }
                }
                startDrain(seat);
                seat.heartbeat = scheduleHeartbeat(seat, stream);
            } finally {
                if (room.isEmpty()) {
                    rooms.remove(roomId);
                }
            }
        }
        toClose.forEach(PeerStream::close);
    }

    /**
     * Relays one message to the other seat of {@code room}; see the stub's Javadoc for the contract.
     */
    public long post(String roomId, String peer, String body) throws SignalingException {
        Map<String, Object> message;
        try {
            message = Json.parseObject(body);
        } catch (Json.MalformedJsonException e) {
            throw new SignalingException(400, "malformed JSON: " + e.getMessage());
        }
        Object type = message.get("type");
        if (!(type instanceof String)) {
            throw new SignalingException(400, "a message is a JSON object with a string \"type\": one of "
                    + "offer, answer, candidate, bye");
        }
        if (!TYPES.contains(type)) {
            throw new SignalingException(400, "unknown message type \"" + type
                    + "\": one of offer, answer, candidate, bye");
        }
        PeerStream toClose = null;
        long id;
        synchronized (lock) {
            Room room = rooms.get(roomId);
            Seat seat = room == null ? null : room.seatOf(peer);
            if (seat == null) {
                // 403 whether or not the room exists: a stranger learns nothing about which rooms are open.
                throw new SignalingException(403, "peer " + peer + " is not in room " + roomId
                        + ": open GET /rooms/" + roomId + "/events?peer=" + peer + " first");
            }
            Seat other = room.other(seat);
            if (other.lastId - other.written >= config.maxQueued()) {
                throw new SignalingException(429, "the other peer of room " + roomId + " has "
                        + config.maxQueued() + " messages not yet delivered; try again when it has read them");
            }
            id = deliver(other, (String) type, body);
            if (type.equals("bye")) {
                // The sender leaves: its seat is free again, its mailbox is gone.
                toClose = seat.stream;
                if (seat.heartbeat != null) {
                    seat.heartbeat.cancel();
                }
                room.free(seat);
                if (room.isEmpty()) {
                    rooms.remove(roomId);
                }
            }
        }
        if (toClose != null) {
            toClose.close();
        }
        return id;
    }

    /** Closes every stream and forgets every room. */
    public void closeAll() {
        List<PeerStream> toClose = new ArrayList<>();
        synchronized (lock) {
            for (Room room : rooms.values()) {
                for (Seat seat : room.seats) {
                    if (seat.stream != null) {
                        toClose.add(seat.stream);
                        seat.heartbeat.cancel();
                        seat.stream = null;
                    }
                }
            }
            rooms.clear();
        }
        toClose.forEach(PeerStream::close);
    }

    /** The id after which to replay: the header's; without one the client has read nothing, so everything kept. */
    private long resumePoint(Seat seat, String lastEventId) throws SignalingException {
        if (lastEventId == null) {
            return 0;
        }
        if (!lastEventId.matches("[0-9]{1,18}")) {
            throw new SignalingException(400, "Last-Event-ID is the id of an event of this stream, digits only: \""
                    + lastEventId + "\"");
        }
        long n = Long.parseLong(lastEventId);
        if (n > seat.lastId) {
            throw new SignalingException(400, "Last-Event-ID " + n + " is ahead of this stream: its last event is "
                    + seat.lastId);
        }
        long oldest = seat.log.isEmpty() ? seat.lastId + 1 : seat.log.peekFirst().id;
        if (n < oldest - 1) {
            throw new SignalingException(410, "events " + (n + 1) + " to " + (oldest - 1)
                    + " are no longer kept (only the last " + config.retained() + " are): leave and join again");
        }
        return n;
    }

    /** Numbers the event for {@code seat}, keeps it for replays, and queues it if the seat has a stream. */
    private long deliver(Seat seat, String type, String data) {
        Event event = new Event(++seat.lastId, type, data);
        seat.log.addLast(event);
        while (seat.log.size() > config.retained()) {
            seat.log.removeFirst();
        }
        if (seat.stream != null) {
            seat.queue.add(event);
            startDrain(seat);
        }
        return event.id;
    }

    /** At most one drain per seat, so that its events are written one after another, in order. Holds the lock. */
    private void startDrain(Seat seat) {
        if (seat.draining || seat.queue.isEmpty()) {
            return;
        }
        seat.draining = true;
        try {
            delivery.execute(() -> drain(seat));
        } catch (RejectedExecutionException shuttingDown) {
            seat.draining = false;
        }
    }

    /** Runs on a delivery thread: writes the seat's queue, outside the lock, until it is empty. */
    private void drain(Seat seat) {
        while (true) {
            Object item;
            PeerStream stream;
            synchronized (lock) {
                item = seat.queue.poll();
                stream = seat.stream;
                if (item == null || stream == null) {
                    seat.draining = false;
                    return;
                }
            }
            try {
                if (item instanceof Event event) {
                    stream.send(new SseEvent(event.type, event.data, Long.toString(event.id)));
                    synchronized (lock) {
                        seat.written = Math.max(seat.written, event.id);
                    }
                } else {
                    stream.comment(HEARTBEAT);
                }
            } catch (java.io.IOException gone) {
                streamEnded(seat, stream);
            }
        }
    }

    /** A write failed: the peer is gone. Its seat and mailbox stay (it may reconnect); the other peer hears bye. */
    private void streamEnded(Seat seat, PeerStream stream) {
        synchronized (lock) {
            if (seat.stream == stream) {
                seat.stream = null;
                seat.queue.clear();
                seat.heartbeat.cancel();
                Seat other = seat.room.other(seat);
                if (other.peer != null) {
                    deliver(other, "bye", "{\"type\":\"bye\",\"peer\":\"" + seat.peer
                            + "\",\"reason\":\"disconnected\"}");
                }
            }
        }
        stream.close();
    }

    private Scheduler.Cancellable scheduleHeartbeat(Seat seat, PeerStream stream) {
        return scheduler.schedule(config.heartbeat(), () -> {
            synchronized (lock) {
                if (seat.stream != stream) {
                    return;
                }
                // A queue that is not empty will write soon anyway; a stuck one does not need more in it.
                if (seat.queue.isEmpty()) {
                    seat.queue.add(HEARTBEAT_ITEM);
                    startDrain(seat);
                }
                seat.heartbeat = scheduleHeartbeat(seat, stream);
            }
        });
    }

    private record Event(long id, String type, String data) {
    }

    private static final class Room {
        final Seat[] seats = new Seat[2];

        Room(String id) {
            seats[0] = new Seat(this);
            seats[1] = new Seat(this);
        }

        Seat seatOf(String peer) {
            for (Seat seat : seats) {
                if (peer.equals(seat.peer)) {
                    return seat;
                }
            }
            return null;
        }

        Seat freeSeat() {
            for (Seat seat : seats) {
                if (seat.peer == null) {
                    return seat;
                }
            }
            return null;
        }

        Seat other(Seat seat) {
            return seats[0] == seat ? seats[1] : seats[0];
        }

        void free(Seat seat) {
            seat.stream = null;
            seat.queue.clear();
            seats[seats[0] == seat ? 0 : 1] = new Seat(this);
        }

        boolean isEmpty() {
            return seats[0].peer == null && seats[1].peer == null;
        }
    }

    /** One place in a room: who sits there, its numbered events, and what is still to be written to its stream. */
    private static final class Seat {
        final Room room;
        String peer;
        PeerStream stream;
        Scheduler.Cancellable heartbeat;
        /** The id of the last event numbered for this seat. */
        long lastId;
        /** The highest id whose write to a stream of this seat finished: {@code lastId - written} are waiting. */
        long written;
        final ArrayDeque<Event> log = new ArrayDeque<>();
        final ArrayDeque<Object> queue = new ArrayDeque<>();
        boolean draining;

        Seat(Room room) {
            this.room = room;
        }
    }
}
