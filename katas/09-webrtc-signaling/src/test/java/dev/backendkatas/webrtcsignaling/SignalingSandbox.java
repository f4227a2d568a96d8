package dev.backendkatas.webrtcsignaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;

/**
 * What every Stage 5 test shares: a {@link SignalingServer} on loopback port 0 with a manual scheduler, an
 * {@link HttpClient}, the peers' streams, and a clean stop after each test.
 */
abstract class SignalingSandbox {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    final ManualScheduler scheduler = new ManualScheduler();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<EventStream> streams = new ArrayList<>();
    SignalingServer server;

    /** The defaults with a 15 s heartbeat: 4 request threads, 64 queued, 128 kept. */
    static SignalingConfig config() {
        return SignalingConfig.defaults();
    }

    SignalingServer start(SignalingConfig config) throws IOException {
        server = new SignalingServer(config, scheduler);
        server.start();
        return server;
    }

    @AfterEach
    void stopServer() {
        streams.forEach(EventStream::disconnect);
        if (server != null) {
            server.close();
        }
    }

    /** Opens {@code peer}'s stream in {@code room}; returns once the status and headers are in. */
    EventStream open(String room, String peer) throws Exception {
        return open(room, peer, null);
    }

    /** Opens {@code peer}'s stream with a {@code Last-Event-ID} header ({@code null}: none). */
    EventStream open(String room, String peer, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/rooms/" + room + "/events?peer=" + peer))
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        EventStream stream = http.sendAsync(request.build(), EventStream.handler()).get(5, TimeUnit.SECONDS).body();
        synchronized (streams) {
            streams.add(stream);
        }
        return stream;
    }

    /** Opens {@code peer}'s stream and checks that it is open (200): the message shows the body when it is not. */
    EventStream join(String room, String peer) throws Exception {
        return join(room, peer, null);
    }

    EventStream join(String room, String peer, String lastEventId) throws Exception {
        EventStream stream = open(room, peer, lastEventId);
        if (stream.status() != 200) {
            try {
                eventually().until(stream::ended);
            } catch (org.awaitility.core.ConditionTimeoutException bodyStillComing) {
                // Show what arrived so far.
            }
        }
        assertThat(stream.status()).as("GET /rooms/%s/events?peer=%s%s answered %d %s", room, peer,
                lastEventId == null ? "" : " with Last-Event-ID: " + lastEventId, stream.status(), stream.raw())
                .isEqualTo(200);
        return stream;
    }

    /** Posts a message that must be accepted (202). */
    HttpResponse<String> relay(String room, String peer, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = post(room, peer, json);
        assertThat(response.statusCode()).as("POST /rooms/%s/messages?peer=%s %s answered %s", room, peer, json,
                show(response)).isEqualTo(202);
        return response;
    }

    HttpResponse<String> post(String room, String peer, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri("/rooms/" + room + "/messages?peer=" + peer))
                        .timeout(Duration.ofSeconds(8)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postBytes(String room, String peer, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri("/rooms/" + room + "/messages?peer=" + peer))
                        .timeout(Duration.ofSeconds(8)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Awaitility, polling often: the outcomes waited for take milliseconds, and the bound is generous. */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5));
    }

    /** A response as a learner reads it in a failure message. */
    static String show(HttpResponse<String> response) {
        return response.statusCode() + " " + response.body();
    }

    static String offer(String sdp) {
        return "{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"}";
    }

    static String candidate(int n) {
        return "{\"type\":\"candidate\",\"candidate\":\"candidate:" + n
                + " 1 udp 2122260223 192.168.1.2 5000" + n + " typ host\",\"sdpMid\":\"0\"}";
    }
}
