package dev.backendkatas.grader.run;

/** How one graded test ended. Only {@link #SUCCESSFUL} counts as passed. */
public enum TestStatus {
    SUCCESSFUL,
    FAILED,
    /** An assumption did not hold. */
    ABORTED,
    SKIPPED,
    /** The test JVM ended (crash, timeout, System.exit) before this test ran or finished. */
    NOT_RUN
}
