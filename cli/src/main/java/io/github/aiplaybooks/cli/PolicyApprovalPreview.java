package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.ActionRequest;
import io.github.aiplaybooks.core.policy.Decision;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.PolicyEngine;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link ApprovalPreview} by the policy engine: loads the policy and decides each action with no
 * trusted facts at all, which is the most cautious reading: a rule that needs a fact it cannot see
 * requires approval (fail closed), so "allowed" here means allowed whatever the facts.
 */
final class PolicyApprovalPreview implements ApprovalPreview {

  @Override
  public Map<String, String> preview(Path policyFile, Set<String> actions) {
    PolicyEngine engine = PolicyEngine.builder(Policy.load(policyFile)).build();
    Map<String, String> out = new TreeMap<>();
    for (String action : actions) {
      Decision d = engine.decide(ActionRequest.of(action, Facts.empty()));
      out.put(action, describe(d));
    }
    return out;
  }

  private static String describe(Decision d) {
    switch (d.outcome()) {
      case ALLOW:
        return "allowed (" + d.rule() + ")";
      case DENY:
        return "denied (" + d.reasons().get(0) + ")";
      default:
        return "could need approval (" + d.reasons().get(0) + ")";
    }
  }
}
