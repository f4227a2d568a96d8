package dev.backendkatas.longpolling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 1 of kata 03: accept a job at once, let the client poll it; the README section of the same name teaches it. */
@Order(1)
@DisplayName("Stage 1 — Jobs with short polling")
class Stage1JobsTest extends ServerSandbox {

    @Test
    @Order(1)
    @DisplayName("POST /jobs answers 202 Accepted with Location at once, before the work is done (RFC 9110 §15.3.3, §10.2.2)")
    void acceptsAtOnce() throws Exception {
        start(PollingServerConfig.defaults());
        HttpResponse<String> accepted = post("/jobs", "video.mp4");

        assertThat(accepted.statusCode()).as("POST /jobs with a job whose work has not finished → %s", show(accepted))
                .isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElse("");
        assertThat(location).as("Location of the 202: /jobs/<id>, a relative reference, id of [A-Za-z0-9_-]")
                .matches("/jobs/[A-Za-z0-9_-]+");
        assertThat(accepted.headers().firstValue("Content-Type")).as("Content-Type of the 202")
                .hasValue("application/json");
        String id = location.substring("/jobs/".length());
        assertThat(accepted.body()).as("the 202's body is the job's status (JobStatus.toJson)")
                .isIn("{\"id\":\"" + id + "\",\"state\":\"queued\"}",
                        "{\"id\":\"" + id + "\",\"state\":\"running\",\"progress\":0}");
        work.finish("video.mp4", "ok");
    }

    @Test
    @Order(2)
    @DisplayName("GET on the Location follows the job: running with its progress, then done with its result")
    void pollsUntilDone() throws Exception {
        start(PollingServerConfig.defaults());
        String location = post("/jobs", "video.mp4").headers().firstValue("Location").orElseThrow();
        String id = location.substring("/jobs/".length());
        eventually().until(() -> work.started("video.mp4"));

        work.progress("video.mp4", 40);
        String running = "{\"id\":\"" + id + "\",\"state\":\"running\",\"progress\":40}";
        eventually().untilAsserted(() -> assertThat(get(location).body())
                .as("GET %s after the work reported 40 %%", location).isEqualTo(running));

        work.finish("video.mp4", "video-480p.mp4");
        String done = "{\"id\":\"" + id + "\",\"state\":\"done\",\"result\":\"video-480p.mp4\"}";
        eventually().untilAsserted(() -> assertThat(get(location).body())
                .as("GET %s after the work returned \"video-480p.mp4\"", location).isEqualTo(done));
        HttpResponse<String> again = get(location);
        assertThat(again.statusCode()).as("a finished job is still there → %s", show(again)).isEqualTo(200);
        assertThat(again.body()).as("a finished job never changes").isEqualTo(done);
    }

    @Test
    @Order(3)
    @DisplayName("an unfinished job answers with Retry-After and Cache-Control: no-store, a finished one without Retry-After (RFC 9110 §10.2.3)")
    void retryAfterWhileUnfinished() throws Exception {
        start(PollingServerConfig.defaults());
        String location = post("/jobs", "report").headers().firstValue("Location").orElseThrow();
        eventually().until(() -> work.started("report"));

        HttpResponse<String> running = get(location);
        assertThat(running.statusCode()).as("GET of a running job → %s", show(running)).isEqualTo(200);
        assertThat(running.headers().firstValue("Retry-After")).as("Retry-After of a running job: when to ask again")
                .hasValue("1");
        assertThat(running.headers().firstValue("Cache-Control")).as("a cached \"running\" would be a lie")
                .hasValue("no-store");
        assertThat(running.headers().firstValue("Content-Type")).as("Content-Type of a job's status")
                .hasValue("application/json");

        work.finish("report", "42 pages");
        eventually().until(() -> get(location).body().contains("\"done\""));
        HttpResponse<String> done = get(location);
        assertThat(done.headers().firstValue("Retry-After")).as("Retry-After of a finished job → %s", show(done))
                .isEmpty();
        assertThat(done.headers().firstValue("Cache-Control")).as("Cache-Control of a finished job").hasValue("no-store");
    }

    @Test
    @Order(4)
    @DisplayName("a job waiting for a free worker is queued, and says so")
    void queuedBehindABusyWorker() throws Exception {
        start(PollingServerConfig.defaults().withJobs(1, 4));
        post("/jobs", "first");
        eventually().until(() -> work.started("first"));
        String location = post("/jobs", "second").headers().firstValue("Location").orElseThrow();
        String id = location.substring("/jobs/".length());

        HttpResponse<String> queued = get(location);
        assertThat(queued.body()).as("GET %s while the only worker is busy with another job → %s", location,
                show(queued)).isEqualTo("{\"id\":\"" + id + "\",\"state\":\"queued\"}");
        assertThat(queued.headers().firstValue("Retry-After")).as("Retry-After of a queued job").hasValue("1");

        work.finish("first", "1");
        eventually().until(() -> work.started("second"));
        work.finish("second", "2");
        eventually().untilAsserted(() -> assertThat(get(location).body())
                .as("the queued job runs once the worker is free")
                .isEqualTo("{\"id\":\"" + id + "\",\"state\":\"done\",\"result\":\"2\"}"));
    }

    @Test
    @Order(5)
    @DisplayName("a job whose work throws ends failed, with the exception's message (or its class name) as reason")
    void failedJob() throws Exception {
        start(PollingServerConfig.defaults());
        String withMessage = post("/jobs", "broken").headers().firstValue("Location").orElseThrow();
        String withoutMessage = post("/jobs", "silent").headers().firstValue("Location").orElseThrow();
        work.fail("broken", "codec not supported");
        work.fail("silent", null);

        String id = withMessage.substring("/jobs/".length());
        eventually().untilAsserted(() -> assertThat(get(withMessage).body())
                .as("GET %s after the work threw new Exception(\"codec not supported\")", withMessage)
                .isEqualTo("{\"id\":\"" + id + "\",\"state\":\"failed\",\"reason\":\"codec not supported\"}"));
        String silentId = withoutMessage.substring("/jobs/".length());
        eventually().untilAsserted(() -> assertThat(get(withoutMessage).body())
                .as("GET %s after the work threw new IllegalStateException() (no message)", withoutMessage)
                .isEqualTo("{\"id\":\"" + silentId
                        + "\",\"state\":\"failed\",\"reason\":\"java.lang.IllegalStateException\"}"));
        assertThat(get(withMessage).headers().firstValue("Retry-After")).as("a failed job is finished: no Retry-After")
                .isEmpty();
    }

    @Test
    @Order(6)
    @DisplayName("progress outside 0..100 is clamped")
    void progressClamped() throws Exception {
        start(PollingServerConfig.defaults());
        String location = post("/jobs", "odd").headers().firstValue("Location").orElseThrow();
        String id = location.substring("/jobs/".length());
        eventually().until(() -> work.started("odd"));
        work.progress("odd", 150);
        eventually().untilAsserted(() -> assertThat(get(location).body()).as("progress 150 reported")
                .isEqualTo("{\"id\":\"" + id + "\",\"state\":\"running\",\"progress\":100}"));
        work.progress("odd", -5);
        eventually().untilAsserted(() -> assertThat(get(location).body()).as("progress -5 reported")
                .isEqualTo("{\"id\":\"" + id + "\",\"state\":\"running\",\"progress\":0}"));
        work.finish("odd", "x");
    }

    @Test
    @Order(7)
    @DisplayName("jobs that finish at once are never 404 on their Location, and end done")
    void instantJobsAreFindable() throws Exception {
        start(PollingServerConfig.defaults().withJobs(2, 64));
        List<String> locations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> accepted = post("/jobs", "instant-" + i);
            assertThat(accepted.statusCode()).as("POST /jobs #%d → %s", i, show(accepted)).isEqualTo(202);
            String location = accepted.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> poll = get(location);
            assertThat(poll.statusCode()).as("GET %s right after the 202 (the job may already be done) → %s",
                    location, show(poll)).isEqualTo(200);
            locations.add(location);
        }
        for (int i = 0; i < locations.size(); i++) {
            String location = locations.get(i);
            String result = "done: instant-" + i;
            eventually().untilAsserted(() -> assertThat(get(location).body())
                    .as("job %s: a status written by the worker must not be overwritten by a late 'queued'", location)
                    .endsWith("\"state\":\"done\",\"result\":\"" + result + "\"}"));
        }
    }

    @Test
    @Order(8)
    @DisplayName("jobs have distinct ids")
    void distinctIds() throws Exception {
        start(PollingServerConfig.defaults().withJobs(1, 64));
        List<String> locations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            locations.add(post("/jobs", "instant-" + i).headers().firstValue("Location").orElseThrow());
        }
        assertThat(locations).as("20 Locations").doesNotHaveDuplicates();
    }

    @Test
    @Order(9)
    @DisplayName("GET of an unknown job is 404 (RFC 9110 §15.5.5)")
    void unknownJob() throws Exception {
        start(PollingServerConfig.defaults());
        HttpResponse<String> response = get("/jobs/no-such-job");
        assertThat(response.statusCode()).as("GET /jobs/no-such-job → %s", show(response)).isEqualTo(404);
    }

    @Test
    @Order(10)
    @DisplayName("a full queue answers 503 with Retry-After instead of queueing without bound (RFC 9110 §15.6.4)")
    void fullQueue() throws Exception {
        start(PollingServerConfig.defaults().withJobs(1, 1));
        assertThat(post("/jobs", "running").statusCode()).as("first job (runs)").isEqualTo(202);
        eventually().until(() -> work.started("running"));
        assertThat(post("/jobs", "waiting").statusCode()).as("second job (fills the queue of 1)").isEqualTo(202);

        HttpResponse<String> refused = post("/jobs", "one-too-many");
        assertThat(refused.statusCode()).as("third job with 1 worker busy and a queue of 1 full → %s", show(refused))
                .isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).as("Retry-After of the 503").hasValue("1");
        assertThat(refused.headers().firstValue("Location")).as("a refused job has no Location").isEmpty();

        work.finish("running", "r");
        eventually().until(() -> work.started("waiting"));
        HttpResponse<String> later = post("/jobs", "later");
        assertThat(later.statusCode()).as("once the queue has room again → %s", show(later)).isEqualTo(202);
        assertThat(work.started("one-too-many")).as("the refused job's work never runs").isFalse();
        work.finish("waiting", "w");
        work.finish("later", "l");
    }

    @Test
    @Order(11)
    @DisplayName("a method the path does not support is 405 with Allow (RFC 9110 §15.5.6)")
    void methodNotAllowed() throws Exception {
        start(PollingServerConfig.defaults());
        HttpResponse<String> getJobs = get("/jobs");
        assertThat(getJobs.statusCode()).as("GET /jobs → %s", show(getJobs)).isEqualTo(405);
        assertThat(getJobs.headers().firstValue("Allow")).as("Allow of GET /jobs").hasValue("POST");

        String location = post("/jobs", "instant-x").headers().firstValue("Location").orElseThrow();
        HttpResponse<String> delete = send(HttpRequest.newBuilder(uri(location)).DELETE());
        assertThat(delete.statusCode()).as("DELETE %s → %s", location, show(delete)).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).as("Allow of DELETE /jobs/{id}").hasValue("GET");
        HttpResponse<String> postJob = post(location, "again");
        assertThat(postJob.statusCode()).as("POST %s → %s", location, show(postJob)).isEqualTo(405);
    }

    @Test
    @Order(12)
    @DisplayName("a path that is not /jobs or /jobs/{id} is 404")
    void otherPaths() throws Exception {
        start(PollingServerConfig.defaults());
        String location = post("/jobs", "instant-y").headers().firstValue("Location").orElseThrow();
        for (String path : List.of("/jobs/", location + "/result", "/jobsx", "/jobs//x")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as("GET %s → %s", path, show(response)).isEqualTo(404);
        }
    }
}
