package dev.backendkatas.longpolling;

import java.util.Objects;

/**
 * What {@code GET /jobs/{id}} reports about one job: its id, its state, and what goes with that state.
 *
 * <p>Given to you, with its JSON form.
 *
 * @param id       the job's id, as in its {@code Location}
 * @param state    where the job is
 * @param progress 0 to 100 while running (0 when queued, 100 when done)
 * @param result   the work's result when {@link State#DONE}, else {@code null}
 * @param reason   why it failed when {@link State#FAILED}, else {@code null}
 */
public record JobStatus(String id, State state, int progress, String result, String reason) {

    /** The life of a job: QUEUED → RUNNING → DONE or FAILED. A finished job never changes again. */
    public enum State {
        QUEUED, RUNNING, DONE, FAILED;

        /** DONE and FAILED are final: a client stops polling. */
        public boolean finished() {
            return this == DONE || this == FAILED;
        }
    }

    public JobStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }

    public static JobStatus queued(String id) {
        return new JobStatus(id, State.QUEUED, 0, null, null);
    }

    public static JobStatus running(String id, int progress) {
        return new JobStatus(id, State.RUNNING, progress, null, null);
    }

    public static JobStatus done(String id, String result) {
        return new JobStatus(id, State.DONE, 100, Objects.requireNonNull(result, "result"), null);
    }

    public static JobStatus failed(String id, String reason) {
        return new JobStatus(id, State.FAILED, 0, null, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * The body of {@code GET /jobs/{id}}, e.g. {@code {"id":"7","state":"running","progress":40}},
     * {@code {"id":"7","state":"done","result":"…"}}, {@code {"id":"7","state":"failed","reason":"…"}},
     * {@code {"id":"7","state":"queued"}}.
     */
    public String toJson() {
        String head = "{\"id\":" + Json.string(id) + ",\"state\":\"" + state.name().toLowerCase() + "\"";
        return switch (state) {
            case QUEUED -> head + "}";
            case RUNNING -> head + ",\"progress\":" + progress + "}";
            case DONE -> head + ",\"result\":" + Json.string(result) + "}";
            case FAILED -> head + ",\"reason\":" + Json.string(reason) + "}";
        };
    }
}
