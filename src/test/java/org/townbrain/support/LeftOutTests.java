package org.townbrain.support;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says, at the end of a run, how many tests {@code -Dwithout=…} left out, so a quick run is
 * never mistaken for a full one. Registered in META-INF/services.
 */
public final class LeftOutTests implements TestExecutionListener {

    private final List<String> leftOut = new ArrayList<>();

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED && result.getThrowable()
                .map(Throwable::getMessage).filter(m -> m != null && m.startsWith(Requirements.LEFT_OUT_PREFIX)).isPresent()) {
            leftOut.add(test.getDisplayName());
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!leftOut.isEmpty()) {
            System.err.printf("%n*** QUICK RUN: -Dwithout=%s left out %d test(s); this is not a full run: %s%n%n",
                    System.getProperty(Requirements.LEFT_OUT_PROPERTY), leftOut.size(), leftOut);
        }
    }
}
