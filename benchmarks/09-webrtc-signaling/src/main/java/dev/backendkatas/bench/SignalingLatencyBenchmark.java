package dev.backendkatas.bench;

import dev.backendkatas.webrtcsignaling.SignalingConfig;
import dev.backendkatas.webrtcsignaling.SignalingServer;
import dev.backendkatas.webrtcsignaling.SseEvent;
import dev.backendkatas.webrtcsignaling.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kata 09: how long signaling takes through the reference signaling server (Stage 5's {@code Rooms} behind the given
 * {@link SignalingServer}) on loopback, with {@code rooms} rooms open (two event streams each, read as they arrive).
 *
 * <ul>
 *   <li>{@link #offerToAnswer}: one call's exchange. Alice posts an offer; it arrives on Bob's stream; Bob posts an
 *       answer; it arrives on Alice's stream. The time is from the offer's POST to the answer's arrival: what a
 *       caller waits for before ICE can start. Rooms take turns, one exchange at a time.</li>
 *   <li>{@link #everyRoomAtOnce}: every room makes that exchange at the same moment (100 calls starting together);
 *       the time is until the last answer has arrived.</li>
 * </ul>
 *
 * <p>Messages are a 4 KiB offer and answer, the size of a browser's SDP with audio, video and a data channel. No
 * libwebrtc here: creating descriptions is the browsers' time, not the server's. There is no production peer either:
 * the server is the lesson, and its cost is two HTTP requests and two streamed events per exchange.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignalingLatencyBenchmark {

    private static final long BOUND_SECONDS = 10;
    private static final String SDP_LINE = "a=x-filler:0123456789abcdef0123456789abcdef0123456789abcdef\\r\\n";
    private static final String OFFER = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n" + SDP_LINE.repeat(64) + "\"}";
    private static final String ANSWER = OFFER.replace("\"offer\"", "\"answer\"");

    @Param({"1", "100"})
    public int rooms;

    private SignalingServer server;
    private HttpClient http;
    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();

    @Setup
    public void start() throws Exception {
        // Each room's two streams hold a connection; the posts need a few more.
        server = new SignalingServer(new SignalingConfig(4, 2, Duration.ofSeconds(15), 64, 128, 64 * 1024));
        server.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < rooms; i++) {
            calls.add(new Call("room" + i));
        }
    }

    @TearDown
    public void stop() {
        calls.forEach(Call::hangUp);
        server.close();
    }

    @Benchmark
    public SseEvent offerToAnswer() throws Exception {
        Call call = calls.get(Math.floorMod(turn.getAndIncrement(), calls.size()));
        post(call.room, "alice", OFFER).get(BOUND_SECONDS, TimeUnit.SECONDS);
        next(call.bob, "offer");
        post(call.room, "bob", ANSWER).get(BOUND_SECONDS, TimeUnit.SECONDS);
        return next(call.alice, "answer");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int everyRoomAtOnce() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> posted = new ArrayList<>();
        for (Call call : calls) {
            posted.add(post(call.room, "alice", OFFER));
        }
        await(posted);
        posted.clear();
        for (Call call : calls) {
            next(call.bob, "offer");
            posted.add(post(call.room, "bob", ANSWER));
        }
        await(posted);
        for (Call call : calls) {
            next(call.alice, "answer");
        }
        return calls.size();
    }

    private CompletableFuture<HttpResponse<String>> post(String room, String peer, String json) {
        return http.sendAsync(HttpRequest.newBuilder(server.uri("/rooms/" + room + "/messages?peer=" + peer))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException("POST as " + peer + " in " + room + " answered "
                                + response.statusCode() + ": " + response.body());
                    }
                    return response;
                });
    }

    private static void await(List<CompletableFuture<HttpResponse<String>>> posted) throws Exception {
        CompletableFuture.allOf(posted.toArray(CompletableFuture[]::new)).get(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    private static SseEvent next(Stream stream, String type) throws InterruptedException {
        SseEvent event = stream.events.poll(BOUND_SECONDS, TimeUnit.SECONDS);
        if (event == null || !event.type().equals(type)) {
            throw new IllegalStateException("expected a " + type + " event, got " + event);
        }
        return event;
    }

    /** One room: Alice's and Bob's streams. */
    private final class Call {
        final String room;
        final Stream alice;
        final Stream bob;

        Call(String room) throws Exception {
            this.room = room;
            this.alice = new Stream(room, "alice");
            this.bob = new Stream(room, "bob");
        }

        void hangUp() {
            alice.close();
            bob.close();
        }
    }

    /** One open event stream, read by a thread of its own into a queue of events. */
    private final class Stream {
        final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
        private final InputStream body;

        Stream(String room, String peer) throws Exception {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                    server.uri("/rooms/" + room + "/events?peer=" + peer)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET events as " + peer + " in " + room + " answered "
                        + response.statusCode());
            }
            body = response.body();
            Thread reader = new Thread(this::read, "stream-" + room + "-" + peer);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            SseParser parser = new SseParser();
            byte[] buffer = new byte[16384];
            try {
                int n;
                while ((n = body.read(buffer)) != -1) {
                    events.addAll(parser.feed(Arrays.copyOf(buffer, n)));
                }
            } catch (IOException closed) {
                // The benchmark is over.
            }
        }

        void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // Closing is all that is left to do.
            }
        }
    }
}
