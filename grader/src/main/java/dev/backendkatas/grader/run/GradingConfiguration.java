package dev.backendkatas.grader.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JUnit configuration every graded run uses, forked or in-process: set explicitly, so a kata's own
 * junit-platform.properties cannot loosen what grading relies on (stage order, per-test timeouts, no parallelism).
 */
public final class GradingConfiguration {

    private GradingConfiguration() {
    }

    public static Map<String, String> of(RunLimits limits) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation");
        config.put("junit.jupiter.testmethod.order.default", "org.junit.jupiter.api.MethodOrderer$OrderAnnotation");
        config.put("junit.jupiter.execution.timeout.mode", "enabled");
        config.put("junit.jupiter.execution.timeout.default", limits.testTimeout().toMillis() + " ms");
        // A separate thread also stops code that ignores interrupts: the test fails and the run goes on.
        config.put("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD");
        config.put("junit.jupiter.execution.parallel.enabled", "false");
        return config;
    }
}
