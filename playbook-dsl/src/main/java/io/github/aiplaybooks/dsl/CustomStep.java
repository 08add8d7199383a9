package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.CustomSpec;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A step whose action you registered as a {@link io.github.aiplaybooks.core.playbook.StepKind}: see
 * {@link CustomSpec}. Its parameters are checked by the kind when the playbook is built.
 */
public final class CustomStep extends StepDefinition<CustomStep> {
  private final ObjectNode params = JsonNodeFactory.instance.objectNode();

  CustomStep(String action) {
    super(action);
  }

  /** Sets a parameter. */
  public CustomStep param(String key, JsonNode value) {
    params.set(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Sets a string parameter. */
  public CustomStep param(String key, String value) {
    return param(key, JsonNodeFactory.instance.stringNode(Objects.requireNonNull(value, "value")));
  }

  @Override
  public CustomSpec spec() {
    return new CustomSpec(params);
  }
}
