package dev.backendkatas.longpolling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;

/**
 * What every server test shares: a {@link PollingServer} on loopback port 0 with scripted work and a manual
 * scheduler, an {@link HttpClient}, and a clean stop after each test.
 */
abstract class ServerSandbox {

    final ScriptedWork work = new ScriptedWork();
    final ManualScheduler scheduler = new ManualScheduler();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    PollingServer server;

    /** Starts a server with {@code config}, the scripted work and the manual scheduler. */
    PollingServer start(PollingServerConfig config) throws IOException {
        server = new PollingServer(config, work, scheduler);
        server.start();
        return server;
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    URI uri(String pathAndQuery) {
        return server.uri(pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose answer may come later (a held poll). */
    CompletableFuture<HttpResponse<String>> getLater(String pathAndQuery) {
        return http.sendAsync(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(8)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Awaitility, polling often: the outcomes waited for here take milliseconds, and the bound is generous. */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5));
    }

    /** A response as a learner reads it in a failure message. */
    static String show(HttpResponse<String> response) {
        return response.statusCode() + " " + response.headers().map() + " " + Visible.visible(response.body());
    }
}
