package dev.backendkatas.webrtcsignaling;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stage 6 — one peer's side of signaling; see the stub's Javadoc for the contract.
 *
 * <p>Two threads, each with one job. The reader thread reads the event stream and applies every event in order,
 * waiting for each step of the peer before the next, so a candidate never reaches the peer before its description.
 * The outbox thread posts messages one at a time, so they leave in the order they were handed over, and whoever hands
 * one over (a native callback) never waits for the network.
 */
public final class SignalingPeer implements AutoCloseable {

    public static final int MAX_EARLY_CANDIDATES = 256;

    private final HttpClient http;
    private final URI events;
    private final URI messages;
    private final WebRtcPeer rtc;
    private final Duration timeout;
    private final ExecutorService outbox;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** Candidates that came before the remote description; touched by the reader thread only. */
    private final List<TrickledCandidate> early = new ArrayList<>();
    private boolean remoteDescriptionSet;
    private volatile InputStream stream;
    private volatile boolean closing;

    public SignalingPeer(HttpClient http, URI server, String room, String peer, WebRtcPeer rtc, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(peer, "peer");
        this.rtc = Objects.requireNonNull(rtc, "rtc");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        String base = server.toString().replaceAll("/+$", "") + "/rooms/" + room;
        this.events = URI.create(base + "/events?peer=" + peer);
        this.messages = URI.create(base + "/messages?peer=" + peer);
        this.outbox = Executors.newSingleThreadExecutor(task -> daemon(task, "signaling-outbox-" + peer));
    }

    public void connect() throws IOException, InterruptedException, SignalingException {
        if (stream != null) {
            throw new IllegalStateException("already connected");
        }
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(events)
                        .header("Accept", "text/event-stream").timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String text;
            try (InputStream body = response.body()) {
                text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
            }
            throw new SignalingException(response.statusCode(), "GET " + events + " answered "
                    + response.statusCode() + ": " + text);
        }
        stream = response.body();
        daemon(this::read, "signaling-reader-" + events.getQuery()).start();
    }

    public void call() {
        rtc.createOffer().whenComplete((sdp, failure) -> {
            if (failure != null) {
                fail(failure);
            } else {
                post("{\"type\":\"offer\",\"sdp\":" + Json.quote(sdp) + "}");
            }
        });
    }

    public void onLocalCandidate(TrickledCandidate candidate) {
        post("{\"type\":\"candidate\",\"candidate\":" + Json.quote(candidate.candidate())
                + ",\"sdpMid\":" + Json.quote(candidate.sdpMid())
                + ",\"sdpMLineIndex\":" + candidate.sdpMLineIndex() + "}");
    }

    public CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (stream != null && !ended.isDone()) {
            // After whatever is still in the outbox, so the other peer hears everything before it hears bye.
            try {
                outbox.submit(() -> send("{\"type\":\"bye\"}")).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException unsent) {
                // The other peer still learns it: the server says bye for a peer whose stream breaks.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        outbox.shutdownNow();
        ended.complete(null);
        closeStream();
    }

    private void read() {
        SseParser parser = new SseParser();
        byte[] buffer = new byte[8192];
        try (InputStream in = stream) {
            int n;
            while (!ended.isDone() && (n = in.read(buffer)) != -1) {
                for (SseEvent event : parser.feed(Arrays.copyOf(buffer, n))) {
                    apply(event);
                    if (ended.isDone()) {
                        return;
                    }
                }
            }
            fail(new IOException("the event stream of " + events + " ended before the other peer said bye"));
        } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
            fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
    }

    private void apply(SseEvent event) throws ExecutionException, InterruptedException, TimeoutException {
        switch (event.type()) {
            case "offer" -> {
                setRemote("offer", sdpOf(event));
                String answer = rtc.createAnswer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                post("{\"type\":\"answer\",\"sdp\":" + Json.quote(answer) + "}");
            }
            case "answer" -> setRemote("answer", sdpOf(event));
            case "candidate" -> {
                TrickledCandidate candidate = candidateOf(event);
                if (remoteDescriptionSet) {
                    rtc.addIceCandidate(candidate);
                } else if (early.size() == MAX_EARLY_CANDIDATES) {
                    throw new IllegalStateException("more than " + MAX_EARLY_CANDIDATES
                            + " candidates came before any description");
                } else {
                    early.add(candidate);
                }
            }
            case "bye" -> ended.complete(null);
            default -> {
                // A type this peer does not know yet: ignored, as EventSource ignores events nobody listens to.
            }
        }
    }

    private void setRemote(String type, String sdp) throws ExecutionException, InterruptedException, TimeoutException {
        rtc.setRemoteDescription(type, sdp).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        remoteDescriptionSet = true;
        early.forEach(rtc::addIceCandidate);
        early.clear();
    }

    private static String sdpOf(SseEvent event) {
        return string(Json.parseObject(event.data()), "sdp", event);
    }

    private static TrickledCandidate candidateOf(SseEvent event) {
        Map<String, Object> message = Json.parseObject(event.data());
        Object index = message.get("sdpMLineIndex");
        if (!(index instanceof Number number)) {
            throw new Json.MalformedJsonException("a candidate message needs a number \"sdpMLineIndex\": "
                    + event.data());
        }
        return new TrickledCandidate(string(message, "candidate", event), string(message, "sdpMid", event),
                number.intValue());
    }

    private static String string(Map<String, Object> message, String name, SseEvent event) {
        if (message.get(name) instanceof String value) {
            return value;
        }
        throw new Json.MalformedJsonException("a message of type " + event.type() + " needs a string \"" + name
                + "\": " + event.data());
    }

    private void post(String json) {
        try {
            outbox.execute(() -> send(json));
        } catch (RejectedExecutionException closed) {
            // After close(): nothing more goes out.
        }
    }

    private void send(String json) {
        if (ended.isDone()) {
            return;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(messages).timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                fail(new SignalingException(response.statusCode(), "POST " + messages + " answered "
                        + response.statusCode() + ": " + response.body()));
            }
        } catch (IOException e) {
            fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(Throwable failure) {
        if (closing) {
            // After our own bye the server ends our stream: that is the goodbye, not a failure.
            ended.complete(null);
        } else if (ended.completeExceptionally(failure)) {
            closeStream();
        }
    }

    private void closeStream() {
        InputStream in = stream;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Closing is all that is left to do.
            }
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
