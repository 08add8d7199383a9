package io.github.aiplaybooks.mcp.peers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that runs against the npm peers: without them (no install, no {@code node})
 * its tests are reported as skipped, with the reason, unless {@code PLAYBOOKS_REQUIRE_PEERS=true}
 * (CI), where they run and fail in {@link Peers#require()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPeers.Condition.class)
public @interface RequiresPeers {

  /** The condition behind {@link RequiresPeers}. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (Peers.required()) {
        return ConditionEvaluationResult.enabled("PLAYBOOKS_REQUIRE_PEERS=true");
      }
      return Peers.whyUnavailable()
          .map(
              why ->
                  ConditionEvaluationResult.disabled(
                      why + "; set PLAYBOOKS_REQUIRE_PEERS=true to make this a failure"))
          .orElseGet(() -> ConditionEvaluationResult.enabled("the MCP peers are installed"));
    }
  }
}
