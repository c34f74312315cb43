package io.netns4j.testing;

import io.netns4j.internal.sys.LibC;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips {@link RequiresRoot} tests when not root, saying why. */
public final class RootCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (LibC.geteuid() == 0) {
            return ConditionEvaluationResult.enabled("running as root");
        }
        String reason = "skipped: needs root to create network namespaces (run ./run-tests as root)";
        System.err.println(context.getDisplayName() + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
