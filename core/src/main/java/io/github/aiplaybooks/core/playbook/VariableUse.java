package io.github.aiplaybooks.core.playbook;

import java.util.List;
import java.util.Objects;

/**
 * Where a step reads {@code ${...}} variables: a tool reference or a template, and the variables it
 * reads. A playbook checks each when it is built.
 *
 * @param path the JSON pointer of the value relative to its step, such as {@code parallel/0/mcp} or
 *     {@code message}
 * @param variables the variable names, in order of first appearance
 */
record VariableUse(String path, List<String> variables) {

  /** Checks and copies the components. */
  VariableUse {
    Objects.requireNonNull(path, "path");
    variables = List.copyOf(Objects.requireNonNull(variables, "variables"));
  }
}
