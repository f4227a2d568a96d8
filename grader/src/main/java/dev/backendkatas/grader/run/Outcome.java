package dev.backendkatas.grader.run;

/** How grading one kata went as a whole. Anything but {@link #RAN} is explained by the kata result's message. */
public enum Outcome {
    RAN,
    DOES_NOT_COMPILE,
    TIMED_OUT,
    OUT_OF_MEMORY,
    EXITED_EARLY
}
