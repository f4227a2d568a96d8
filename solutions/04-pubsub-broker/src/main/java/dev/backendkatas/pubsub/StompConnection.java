package dev.backendkatas.pubsub;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Serves one STOMP 1.2 client; the mapping onto the broker is in the stub's Javadoc. */
public final class StompConnection implements Runnable {

    private static final String VERSION = "1.2";
    private static final String TOPIC_PREFIX = "/topic/";
    private static final Pattern HEART_BEAT = Pattern.compile("\\d{1,9},\\d{1,9}");
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}");
    /** SEND headers that describe the frame, not the message. */
    private static final Set<String> FRAME_HEADERS = Set.of("destination", "content-length", "receipt");
    /** After an ERROR, how long to read and discard what the client still sends (see {@link #closeGently}). */
    private static final int LINGER_MILLIS = 1_000;

    private final Broker broker;
    private final Socket socket;
    private final StompCodec codec;
    private final String sessionId;
    /** MESSAGE frames come from consumer threads, everything else from this connection's thread: one writer at a time. */
    private final Object writeLock = new Object();
    /** Subscriptions by the client's id; used by the connection thread only. */
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private OutputStream out;
    private Session session;

    public StompConnection(Broker broker, Socket socket, StompLimits limits, String sessionId) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.socket = Objects.requireNonNull(socket, "socket");
        this.codec = new StompCodec(Objects.requireNonNull(limits, "limits"));
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    }

    @Override
    public void run() {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
            serve(in);
        } catch (IOException e) {
            // The client went away (or the server is closing): nothing to answer, only to clean up.
        } finally {
            endSession();
            closeQuietly();
        }
    }

    /**
     * Closes the broker session, however the connection ends: unacked messages go back to their queues (and on to
     * other consumers), durable subscriptions keep buffering. Done before any lingering, so nothing waits for it.
     */
    private void endSession() {
        if (session != null) {
            session.close();
        }
    }

    private void serve(InputStream in) throws IOException {
        while (true) {
            StompFrame frame = null;
            try {
                frame = codec.read(in);
                if (frame == null || !handle(frame)) {
                    endSession();
                    closeGently(in);
                    return;
                }
            } catch (StompProtocolException e) {
                sendError(e, frame == null ? null : frame.header("receipt"));
                endSession();
                closeGently(in);
                return;
            }
        }
    }

    /** Acts on one frame; {@code false} when the connection should end (DISCONNECT). */
    private boolean handle(StompFrame frame) throws StompProtocolException, IOException {
        String command = frame.command();
        if (session == null) {
            if (!command.equals("CONNECT") && !command.equals("STOMP")) {
                throw new StompProtocolException("the first frame must be CONNECT, got " + command);
            }
            connect(frame);
            return true;
        }
        switch (command) {
            case "SEND" -> send(frame);
            case "SUBSCRIBE" -> subscribe(frame);
            case "UNSUBSCRIBE" -> unsubscribe(frame);
            case "ACK" -> settle(frame, true);
            case "NACK" -> settle(frame, false);
            case "DISCONNECT" -> {
                receipt(frame);
                return false;
            }
            case "CONNECT", "STOMP" -> throw new StompProtocolException("already connected");
            case "BEGIN", "COMMIT", "ABORT" -> throw new StompProtocolException("transactions are not supported");
            default -> throw new StompProtocolException("unknown command " + command);
        }
        receipt(frame);
        return true;
    }

    private void connect(StompFrame frame) throws StompProtocolException, IOException {
        // Without accept-version the client speaks STOMP 1.0 (1.2 spec, "Protocol Negotiation").
        String offered = Objects.requireNonNullElse(frame.header("accept-version"), "1.0");
        if (Arrays.stream(offered.split(",")).map(String::trim).noneMatch(VERSION::equals)) {
            throw new VersionMismatch("supported protocol versions are " + VERSION + ", the client offered " + offered);
        }
        if (frame.header("host") == null) {
            throw new StompProtocolException("CONNECT needs a host header");
        }
        String heartBeat = frame.header("heart-beat");
        if (heartBeat != null && !HEART_BEAT.matcher(heartBeat).matches()) {
            throw new StompProtocolException("heart-beat must be two numbers, cx,cy; got " + heartBeat);
        }
        try {
            session = broker.connect(sessionId);
        } catch (IllegalStateException e) {
            throw new StompProtocolException(e.getMessage());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("version", VERSION);
        headers.put("heart-beat", "0,0"); // we neither send nor expect heart-beats
        headers.put("server", "backend-katas-pubsub/1.0");
        headers.put("session", sessionId);
        write(new StompFrame("CONNECTED", headers));
    }

    private void send(StompFrame frame) throws StompProtocolException {
        if (frame.header("transaction") != null) {
            throw new StompProtocolException("transactions are not supported");
        }
        String topic = destination(frame);
        Map<String, String> headers = new LinkedHashMap<>(frame.headers());
        headers.keySet().removeAll(FRAME_HEADERS);
        PublishResult result;
        try {
            result = broker.publish(topic, frame.body(), headers);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StompProtocolException(e.getMessage());
        }
        if (!result.accepted()) {
            // 1.2 spec, SEND: a server that cannot process a SEND answers ERROR. The others did take it.
            throw new StompProtocolException("message refused by full subscription(s) " + result.rejectedBy());
        }
    }

    private void subscribe(StompFrame frame) throws StompProtocolException {
        String id = required(frame, "id");
        if (subscriptions.containsKey(id)) {
            throw new StompProtocolException("subscription id " + id + " is already in use on this connection");
        }
        String filter = destination(frame);
        AckMode ackMode = switch (Objects.requireNonNullElse(frame.header("ack"), "auto")) {
            case "auto" -> AckMode.AUTO;
            case "client-individual" -> AckMode.CLIENT;
            case "client" -> throw new StompProtocolException(
                    "ack:client (cumulative acks) is not supported; use ack:client-individual");
            default -> throw new StompProtocolException("unknown ack mode " + frame.header("ack"));
        };
        int prefetch = SubscriptionOptions.DEFAULT_PREFETCH;
        String prefetchCount = frame.header("prefetch-count");
        if (prefetchCount != null) {
            if (!COUNT.matcher(prefetchCount).matches() || Integer.parseInt(prefetchCount) < 1) {
                throw new StompProtocolException("prefetch-count must be a positive number, got " + prefetchCount);
            }
            prefetch = Integer.parseInt(prefetchCount);
        }
        try {
            SubscriptionOptions options = SubscriptionOptions.of(filter).withAckMode(ackMode).withPrefetch(prefetch)
                    .withGroup(frame.header("group")).durable(frame.header("durable"));
            Subscription subscription = session.subscribe(options, delivery -> deliver(id, ackMode, delivery));
            subscriptions.put(id, subscription);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StompProtocolException(e.getMessage());
        }
    }

    /** Runs on the subscription's consumer thread. */
    private void deliver(String subscriptionId, AckMode ackMode, Delivery delivery) {
        byte[] body = delivery.payload();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("subscription", subscriptionId);
        headers.put("message-id", Long.toString(delivery.messageId()));
        headers.put("destination", TOPIC_PREFIX + delivery.topic());
        if (ackMode == AckMode.CLIENT) {
            headers.put("ack", Long.toString(delivery.tag()));
        }
        if (delivery.redelivered()) {
            headers.put("redelivered", "true");
        }
        headers.put("content-length", Integer.toString(body.length));
        // The sender's headers come last: a reader takes the first of repeated names, so ours always win.
        delivery.headers().forEach(headers::putIfAbsent);
        try {
            write(new StompFrame("MESSAGE", headers, body));
        } catch (IOException e) {
            // The client is gone. An unacked delivery goes back to the queue when the connection thread closes the
            // session; closing the socket now makes that happen at once.
            closeQuietly();
        }
    }

    private void unsubscribe(StompFrame frame) throws StompProtocolException {
        String id = required(frame, "id");
        Subscription subscription = subscriptions.remove(id);
        if (subscription == null) {
            throw new StompProtocolException("no subscription with id " + id);
        }
        subscription.unsubscribe();
    }

    private void settle(StompFrame frame, boolean ack) throws StompProtocolException {
        String id = required(frame, "id");
        try {
            long tag = Long.parseLong(id);
            if (ack) {
                session.ack(tag);
            } else {
                session.nack(tag, !"false".equals(frame.header("requeue")));
            }
        } catch (NumberFormatException | IllegalStateException e) {
            throw new StompProtocolException("no unacked message with ack id " + id);
        }
    }

    private static String destination(StompFrame frame) throws StompProtocolException {
        String destination = required(frame, "destination");
        if (!destination.startsWith(TOPIC_PREFIX) || destination.length() == TOPIC_PREFIX.length()) {
            throw new StompProtocolException("destination must be " + TOPIC_PREFIX + "<topic>, got " + destination);
        }
        return destination.substring(TOPIC_PREFIX.length());
    }

    private static String required(StompFrame frame, String header) throws StompProtocolException {
        String value = frame.header(header);
        if (value == null) {
            throw new StompProtocolException(frame.command() + " needs a " + header + " header");
        }
        return value;
    }

    private void receipt(StompFrame frame) throws IOException {
        String receipt = frame.header("receipt");
        if (receipt != null) {
            write(new StompFrame("RECEIPT", Map.of("receipt-id", receipt)));
        }
    }

    private void sendError(StompProtocolException error, String receipt) {
        byte[] body = ("The server could not process the frame: " + error.getMessage() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("message", error.getMessage());
        if (error instanceof VersionMismatch) {
            headers.put("version", VERSION);
        }
        if (receipt != null) {
            headers.put("receipt-id", receipt);
        }
        headers.put("content-type", "text/plain");
        headers.put("content-length", Integer.toString(body.length));
        try {
            write(new StompFrame("ERROR", headers, body));
        } catch (IOException e) {
            // the client is gone already
        }
    }

    private void write(StompFrame frame) throws IOException {
        synchronized (writeLock) {
            codec.write(frame, out);
            out.flush();
        }
    }

    /**
     * Ends the connection so that the client can still read our last frame (STOMP 1.2, "Connection Lingering"):
     * closing a socket that holds unread input makes TCP send a reset, and the client could lose the ERROR it was
     * about to read. So end our output first, then read and discard what the client still sends, for a bounded time.
     * The socket itself is closed by {@link #run()}.
     */
    private void closeGently(InputStream in) {
        try {
            socket.shutdownOutput();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
            byte[] sink = new byte[8192];
            for (long left = LINGER_MILLIS; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                socket.setSoTimeout((int) left);
                if (in.read(sink) < 0) {
                    return; // the client closed its side: nothing will be lost
                }
            }
        } catch (IOException e) {
            // a timeout (the client kept the connection open: we waited long enough), or the client is gone
        }
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /** A CONNECT that offers no version we speak: the ERROR carries the versions we do (1.2 spec). */
    private static final class VersionMismatch extends StompProtocolException {
        private static final long serialVersionUID = 1L;

        VersionMismatch(String message) {
            super(message);
        }
    }
}
