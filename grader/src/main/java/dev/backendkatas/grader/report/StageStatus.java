package dev.backendkatas.grader.report;

/** Where a learner stands on one stage. */
public enum StageStatus {
    COMPLETE,
    IN_PROGRESS,
    NOT_STARTED
}
