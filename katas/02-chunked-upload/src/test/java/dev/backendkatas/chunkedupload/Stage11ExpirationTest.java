package dev.backendkatas.chunkedupload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Stage 11 of kata 02: unfinished uploads expire (tus 1.0.0, Expiration › Headers › Upload-Expires), with the time
 * from an injected clock that the tests move; the README section of the same name teaches it.
 */
@Order(11)
@DisplayName("Stage 11 — Expiration")
class Stage11ExpirationTest extends UploadSandbox {

    /** A Thursday, the 5th: IMF-fixdate writes the next day as "Fri, 06 Mar 2026". */
    private static final Instant START = Instant.parse("2026-03-05T08:09:07Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final byte[] HELLO_WORLD = "hello world".getBytes(StandardCharsets.US_ASCII);

    private final TestClock clock = new TestClock(START);

    @Test
    @Order(1)
    @DisplayName("the 201 of a POST carries Upload-Expires, the clock's time plus the expiration, as an IMF-fixdate (Expiration › Headers › Upload-Expires, RFC 9110 §5.6.7)")
    void expiresOnPost() throws IOException {
        Tus1 tus = tus(startServer(config()));
        RawHttp.Response created = tus.postLength(11);
        assertThat(created.status()).as("POST → %s", created).isEqualTo(201);
        assertThat(created.header("Upload-Expires"))
                .as("Upload-Expires of an upload created at %s that expires a day later → %s", START, created)
                .isEqualTo("Fri, 06 Mar 2026 08:09:07 GMT");
    }

    @Test
    @Order(2)
    @DisplayName("each PATCH's 204 carries the expiry, a day after the last PATCH that stored bytes; the PATCH that completes the upload carries none (Expiration)")
    void expiresOnPatch() throws IOException {
        Tus1 tus = tus(startServer(config()));
        String id = tus.create(11);
        clock.advance(Duration.ofHours(20).plusSeconds(3));
        RawHttp.Response first = tus.patch(id, 0, "hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(first.status()).as("PATCH of 5 bytes 20 h later → %s", first).isEqualTo(204);
        assertThat(first.header("Upload-Expires")).as("Upload-Expires of the PATCH at 2026-03-06T04:09:10Z → %s", first)
                .isEqualTo("Sat, 07 Mar 2026 04:09:10 GMT");
        clock.advance(Duration.ofHours(1));
        RawHttp.Response nothing = tus.patch(id, 5, new byte[0]);
        assertThat(nothing.status()).as("an empty PATCH an hour later → %s", nothing).isEqualTo(204);
        assertThat(nothing.header("Upload-Expires")).as("an empty PATCH stores nothing, so the expiry stays → %s",
                nothing).isEqualTo("Sat, 07 Mar 2026 04:09:10 GMT");
        RawHttp.Response last = tus.patch(id, 5, " world".getBytes(StandardCharsets.US_ASCII));
        assertThat(last.status()).as("the PATCH that completes the upload → %s", last).isEqualTo(204);
        assertThat(last.header("Upload-Expires")).as("a complete upload does not expire → %s", last).isNull();
        RawHttp.Response empty = tus.postLength(0);
        assertThat(empty.header("Upload-Expires")).as("an upload of length 0 is complete at once → %s", empty)
                .isNull();
    }

    @Test
    @Order(3)
    @DisplayName("OPTIONS announces expiration in Tus-Extension (Expiration)")
    void announcesExpiration() throws IOException {
        RawHttp.Response options = tus(startServer(config())).request("OPTIONS", "/uploads", "", new byte[0]);
        assertThat(options.header("Tus-Extension")).as("Tus-Extension of %s", options).isNotNull();
        assertThat(options.header("Tus-Extension").split(",")).as("Tus-Extension of %s", options)
                .contains("expiration");
    }

    @Test
    @Order(4)
    @DisplayName("an upload lives until its Upload-Expires; one second after it, HEAD, PATCH and DELETE answer 404 or 410 and its files are gone (Expiration)")
    void expiredIsGone() throws IOException {
        Tus1 tus = tus(startServer(config()));
        String id = tus.create(11);
        tus.append(id, HELLO_WORLD, 0, 5);
        clock.advance(DAY);
        assertThat(tus.offset(id)).as("HEAD at the very second of Upload-Expires: the upload still lives")
                .isEqualTo(5);
        clock.advance(Duration.ofSeconds(1));
        RawHttp.Response head = tus.head(id);
        assertThat(head.status()).as("HEAD one second after Upload-Expires → %s", head).isIn(404, 410);
        assertThat(head.header("Upload-Offset")).as("no Upload-Offset for an expired upload").isNull();
        assertThat(filesInRoot()).as("files of the expired upload after the HEAD that met it").isEmpty();
        RawHttp.Response patch = tus.patch(id, 5, " world".getBytes(StandardCharsets.US_ASCII));
        assertThat(patch.status()).as("PATCH of the expired upload → %s", patch).isIn(404, 410);
        RawHttp.Response delete = tus.request("DELETE", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\n", new byte[0]);
        assertThat(delete.status()).as("DELETE of the expired upload → %s", delete).isIn(404, 410);
        assertThat(filesInRoot()).as("files in the storage root after all three").isEmpty();

        String other = tus.create(11);
        clock.advance(DAY.plusSeconds(1));
        RawHttp.Response patchFirst = tus.patch(other, 0, HELLO_WORLD);
        assertThat(patchFirst.status()).as("a PATCH is the first to meet an expired upload → %s", patchFirst)
                .isIn(404, 410);
        assertThat(filesInRoot()).as("files after that PATCH: nothing written, nothing left").isEmpty();
    }

    @Test
    @Order(5)
    @DisplayName("a PATCH pushes the expiry forward: an upload that makes progress does not expire (Expiration)")
    void patchExtends() throws IOException {
        Tus1 tus = tus(startServer(config()));
        String id = tus.create(11);
        clock.advance(Duration.ofHours(20));
        tus.append(id, HELLO_WORLD, 0, 5);
        clock.advance(Duration.ofHours(10));
        assertThat(tus.offset(id)).as("HEAD 30 h after creation, 10 h after the last PATCH").isEqualTo(5);
        clock.advance(Duration.ofHours(14).plusSeconds(1));
        assertThat(tus.head(id).status()).as("HEAD a day and a second after the last PATCH").isIn(404, 410);
    }

    @Test
    @Order(6)
    @DisplayName("sweepExpired removes every expired unfinished upload, and keeps the fresh and the complete ones (Expiration)")
    void sweep() throws IOException {
        UploadServer server = startServer(config());
        Tus1 tus = tus(server);
        String abandoned = tus.create(11);
        tus.append(abandoned, HELLO_WORLD, 0, 3);
        String complete = tus.create(11);
        tus.append(complete, HELLO_WORLD, 0, 11);
        String empty = tus.create(0);
        clock.advance(Duration.ofHours(12));
        String fresh = tus.create(11);
        clock.advance(Duration.ofHours(12).plusSeconds(1));

        assertThat(server.sweepExpired()).as("uploads removed by the sweep").isEqualTo(1);
        assertThat(filesInRoot()).as("files in the storage root after the sweep")
                .noneMatch(name -> name.startsWith(abandoned))
                .anyMatch(name -> name.startsWith(complete))
                .anyMatch(name -> name.startsWith(empty))
                .anyMatch(name -> name.startsWith(fresh));
        assertThat(tus.head(abandoned).status()).as("HEAD of the swept upload").isIn(404, 410);
        assertThat(tus.offset(complete)).as("the complete upload").isEqualTo(11);
        assertThat(tus.offset(fresh)).as("the fresh upload").isZero();
        clock.advance(Duration.ofDays(1000));
        assertThat(server.sweepExpired()).as("uploads removed by a sweep 1000 days later").isEqualTo(1);
        assertThat(tus.offset(complete)).as("the complete upload 1000 days later").isEqualTo(11);
        assertThat(tus.offset(empty)).as("the empty upload 1000 days later").isZero();
    }

    @Test
    @Order(7)
    @DisplayName("the expiry is in the durable record: a restart neither forgets nor extends it, and a sweep finds uploads nobody asked about since")
    void expiryAcrossRestart() throws IOException {
        String touched;
        String untouched;
        String complete;
        try (UploadServer first = new UploadServer(config())) {
            first.start();
            Tus1 tus = tus(first);
            touched = tus.create(11);
            untouched = tus.create(11);
            tus.append(untouched, HELLO_WORLD, 0, 4);
            complete = tus.create(11);
            tus.append(complete, HELLO_WORLD, 0, 11);
        }
        clock.advance(DAY.plusSeconds(1));
        UploadServer second = startServer(config());
        Tus1 tus = tus(second);
        assertThat(tus.head(touched).status()).as("HEAD, after a restart, of an upload a day and a second old")
                .isIn(404, 410);
        assertThat(second.sweepExpired()).as("uploads the sweep removes after the restart").isEqualTo(1);
        assertThat(filesInRoot()).as("files in the storage root after the sweep")
                .noneMatch(name -> name.startsWith(touched) || name.startsWith(untouched))
                .anyMatch(name -> name.startsWith(complete));
        assertThat(tus.offset(complete)).as("the complete upload after the restart").isEqualTo(11);
    }

    @Test
    @Order(8)
    @DisplayName("an expired upload met by many requests at once: every one gets 404 or 410, none a 500, and no file is left")
    void expiredConcurrently() throws Exception {
        UploadServer server = startServer(config());
        Tus1 tus = tus(server);
        String id = tus.create(11);
        tus.append(id, HELLO_WORLD, 0, 5);
        clock.advance(DAY.plusSeconds(1));
        List<CompletableFuture<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int kind = i % 3;
            requests.add(CompletableFuture.supplyAsync(() -> {
                try {
                    RawHttp.Response response = switch (kind) {
                        case 0 -> tus.head(id);
                        case 1 -> tus.patch(id, 5, " world".getBytes(StandardCharsets.US_ASCII));
                        default -> tus.request("DELETE", "/uploads/" + id, "Tus-Resumable: 1.0.0\r\n", new byte[0]);
                    };
                    return response.status();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture<Integer> sweeping = CompletableFuture.supplyAsync(() -> {
            try {
                return server.sweepExpired();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> request : requests) {
            statuses.add(request.get());
        }
        assertThat(statuses).as("HEAD, PATCH and DELETE, 4 of each, at once on an expired upload")
                .allMatch(status -> status == 404 || status == 410);
        assertThat(sweeping.get()).as("uploads the concurrent sweep removed").isBetween(0, 1);
        assertThat(filesInRoot()).as("files in the storage root afterwards").isEmpty();
    }

    private UploadServerConfig config() throws IOException {
        return UploadServerConfig.of(root(), MAX_SIZE).withClock(clock).withExpiration(DAY);
    }
}
