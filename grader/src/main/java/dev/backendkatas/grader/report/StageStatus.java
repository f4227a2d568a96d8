package dev.backendkatas.grader.report;

/** Where a learner stands on one stage. */
public enum StageStatus {
    COMPLETE,
    IN_PROGRESS,
    NOT_STARTED,
    /**
     * After the first unfinished stage. Its tests may already pass by accident (a parser that rejects what it does not
     * know passes many rejection tests), so they do not count until every stage before it is complete.
     */
    AHEAD
}
