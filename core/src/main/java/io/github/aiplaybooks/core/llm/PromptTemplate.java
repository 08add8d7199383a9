package io.github.aiplaybooks.core.llm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A prompt with {@code ${name}} placeholders, parsed once. {@link #render} fills every placeholder
 * in one pass (a value that itself contains {@code ${...}} is inserted as is, never expanded) and
 * fails, naming the template and each missing variable, rather than send a half-filled prompt.
 * {@code $${} writes a literal {@code ${}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * PromptTemplate t = PromptTemplate.of("classify", "Classify this alert:\n${alert}");
 * String prompt = t.render(Map.of("alert", alertJson));
 * }</pre>
 */
public final class PromptTemplate {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

  private final String name;
  private final String text;
  private final List<Object> parts;
  private final Set<String> variables;

  private PromptTemplate(String name, String text, List<Object> parts, Set<String> variables) {
    this.name = name;
    this.text = text;
    this.parts = parts;
    this.variables = variables;
  }

  /**
   * Parses {@code text}.
   *
   * @param name names the template in error messages (a file name, or a role like {@code system})
   * @throws PromptTemplateException {@code PROMPT_TEMPLATE_INVALID}, naming the template and the
   *     offset, for a {@code ${} without {@code }} or a bad variable name
   */
  public static PromptTemplate of(String name, String text) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    List<Object> parts = new ArrayList<>();
    Set<String> variables = new LinkedHashSet<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw invalid(name, "has '${' at offset " + i + " without a closing '}'");
        }
        String variable = text.substring(i + 2, close).strip();
        if (!NAME.matcher(variable).matches()) {
          throw invalid(
              name,
              "has an invalid variable name '"
                  + variable
                  + "' at offset "
                  + i
                  + " (letters, digits, '_', '.', '-'; not starting with a digit)");
        }
        if (literal.length() > 0) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        parts.add(new Variable(variable));
        variables.add(variable);
        i = close + 1;
      } else {
        literal.append(text.charAt(i));
        i++;
      }
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    return new PromptTemplate(
        name, text, List.copyOf(parts), Collections.unmodifiableSet(variables));
  }

  private static PromptTemplateException invalid(String name, String problem) {
    return new PromptTemplateException(
        "PROMPT_TEMPLATE_INVALID", name, List.of(), "Prompt template " + name + " " + problem);
  }

  /** The name given at parse time. */
  public String name() {
    return name;
  }

  /** The template's source text, placeholders included. */
  public String text() {
    return text;
  }

  /** The variables the template uses, in order of first use. */
  public Set<String> variables() {
    return variables;
  }

  /**
   * Fills every placeholder with {@code String.valueOf(value)}.
   *
   * @throws PromptTemplateException {@code PROMPT_VARIABLE_MISSING}, naming the template and every
   *     variable that has no (or a null) value
   */
  public String render(Map<String, ?> values) {
    Objects.requireNonNull(values, "values");
    List<String> missing = new ArrayList<>();
    for (String variable : variables) {
      if (values.get(variable) == null) {
        missing.add(variable);
      }
    }
    if (!missing.isEmpty()) {
      throw new PromptTemplateException(
          "PROMPT_VARIABLE_MISSING",
          name,
          missing,
          "Prompt template "
              + name
              + " needs a value for "
              + (missing.size() == 1 ? "variable " : "variables ")
              + String.join(", ", missing)
              + "; given: "
              + new java.util.TreeSet<>(values.keySet()));
    }
    StringBuilder out = new StringBuilder(text.length() + 256);
    for (Object part : parts) {
      if (part instanceof Variable v) {
        out.append(values.get(v.name()));
      } else {
        out.append((String) part);
      }
    }
    return out.toString();
  }

  /** Renders a template without variables. */
  public String render() {
    return render(Map.of());
  }

  @Override
  public String toString() {
    return "PromptTemplate[" + name + ", variables=" + variables + "]";
  }

  private record Variable(String name) {}
}
