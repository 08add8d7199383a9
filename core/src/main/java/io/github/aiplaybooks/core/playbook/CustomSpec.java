package io.github.aiplaybooks.core.playbook;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parameters of a step whose action a user registered as a {@link StepKind}: the step's JSON
 * object without {@code action} and {@code x-} keys. The kind checks them ({@link
 * StepKind#check(CustomSpec)}).
 *
 * @param params the parameters; copied in and out
 */
public record CustomSpec(ObjectNode params) implements StepSpec {

  /** Copies the parameters. */
  public CustomSpec {
    params = Objects.requireNonNull(params, "params").deepCopy();
  }

  /** A copy of the parameters. */
  @Override
  public ObjectNode params() {
    return params.deepCopy();
  }
}
