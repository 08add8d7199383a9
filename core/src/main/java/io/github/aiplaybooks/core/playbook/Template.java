package io.github.aiplaybooks.core.playbook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A text with {@code ${name}} placeholders, such as the seed's notification {@code "Auto-rollback
 * executed: ${deployment} v2.1.0 → v2.0.5"}. Placeholder names are identifiers (a letter or {@code
 * _}, then letters, digits and {@code _}), or a step's output qualified by the step's name ({@code
 * ${classify.type}}, see {@link Scope}); a {@code $} not followed by {@code {} is plain text, so
 * {@code "saves $50/month"} needs no escaping. {@code $${} writes a literal {@code ${}.
 *
 * <pre>{@code
 * Template t = Template.parse("Auto-rollback executed: ${deployment}");
 * t.variables();                                  // [deployment]
 * t.render(Map.of("deployment", "api-service"));  // "Auto-rollback executed: api-service"
 * }</pre>
 *
 * <p>A playbook checks every variable when it is built: it must come from the trigger's context,
 * the playbook's inputs or an earlier step's outputs. Instances are immutable; two templates are
 * equal when their texts are.
 */
public final class Template {
  private final String text;
  private final List<Part> parts;
  private final List<String> variables;

  private record Part(String literal, String variable) {}

  private Template(String text, List<Part> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
    LinkedHashSet<String> vars = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p.variable != null) {
        vars.add(p.variable);
      }
    }
    this.variables = List.copyOf(vars);
  }

  /**
   * Reads a template.
   *
   * @throws TemplateException if a {@code ${} is not closed or does not hold an identifier; the
   *     exception names the 0-based position
   */
  public static Template parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (c == '$' && i + 1 < n && text.charAt(i + 1) == '{') {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw new TemplateException(text, i, "'${' is not closed by '}'");
        }
        String name = text.substring(i + 2, close);
        if (!Names.isQualified(name)) {
          throw new TemplateException(
              text,
              i,
              "'${"
                  + name
                  + "}' does not name a variable (a letter or _, then letters, digits, _; or a"
                  + " step's output such as classify.type)");
        }
        if (literal.length() > 0) {
          parts.add(new Part(literal.toString(), null));
          literal.setLength(0);
        }
        parts.add(new Part(null, name));
        i = close + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), null));
    }
    return new Template(text, parts);
  }

  /** The template as written. */
  public String text() {
    return text;
  }

  /** The variables it reads, in order of first appearance, each once. */
  public List<String> variables() {
    return variables;
  }

  /**
   * The text with each variable replaced by its value.
   *
   * @throws IllegalArgumentException if {@code values} has no value for a variable, naming it
   */
  public String render(Map<String, ?> values) {
    Objects.requireNonNull(values, "values");
    return render(name -> Optional.ofNullable(values.get(name)).map(String::valueOf).orElse(null));
  }

  /**
   * The text with each variable replaced by {@code values.apply(name)}.
   *
   * @throws IllegalArgumentException if {@code values} returns {@code null} for a variable
   */
  public String render(Function<String, String> values) {
    Objects.requireNonNull(values, "values");
    StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      if (p.variable == null) {
        b.append(p.literal);
      } else {
        String v = values.apply(p.variable);
        if (v == null) {
          throw new IllegalArgumentException(
              "values: no value for ${" + p.variable + "} in template '" + text + "'");
        }
        b.append(v);
      }
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Template && text.equals(((Template) o).text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The template as written. */
  @Override
  public String toString() {
    return text;
  }
}
