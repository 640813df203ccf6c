package dev.orderpipeline.consoletests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a test class only when {@link Chromium#find()} finds a browser and a driver; otherwise the whole class is
 * skipped before anything starts (no local stack), with the reason and the install command in the report and log.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresChromium.Condition.class)
@interface RequiresChromium {

    /** The JUnit condition behind the annotation. */
    final class Condition implements ExecutionCondition {

        private static final Logger LOG = LoggerFactory.getLogger(RequiresChromium.class);

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(final ExtensionContext context) {
            if (Chromium.find().isPresent()) {
                return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
            }
            final String reason = Chromium.missingReason();
            LOG.warn("{}: {}", context.getDisplayName(), reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
