package dev.backendkatas.grader.run;

/** How grading one kata went as a whole. Anything but {@link #RAN} is explained by the kata result's message. */
public enum Outcome {
    /** The kata's code is the pristine stub: nothing was built or run, every stage is still ahead. */
    NOT_STARTED,
    RAN,
    DOES_NOT_COMPILE,
    TIMED_OUT,
    OUT_OF_MEMORY,
    EXITED_EARLY,
    /** The grader itself could not build or run the kata (a file it cannot read, a JVM it cannot start). */
    GRADER_FAILED
}
