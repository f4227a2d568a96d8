package dev.backendkatas.grader.build;

/** Whose code is graded: the learner's (the kata's stub folder) or the reference (stub overlaid with the solution). */
public enum Implementation {
    LEARNER("learner"),
    REFERENCE("reference");

    private final String dirName;

    Implementation(String dirName) {
        this.dirName = dirName;
    }

    /** The folder name under the build directory, so the two builds of one kata never share class files. */
    public String dirName() {
        return dirName;
    }
}
