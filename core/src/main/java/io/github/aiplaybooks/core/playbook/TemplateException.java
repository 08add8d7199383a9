package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.CallerFaultException;

/**
 * A template could not be read: a {@code ${} without its {@code }}, or a placeholder that does not
 * hold a variable name. Code {@value #CODE}.
 */
public final class TemplateException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  /** The stable code of this exception. */
  public static final String CODE = "TEMPLATE_INVALID";

  private final String template;
  private final int position;

  TemplateException(String template, int position, String problem) {
    super(CODE, problem + " at position " + position + " of template '" + template + "'");
    this.template = template;
    this.position = position;
  }

  /** The template as given. */
  public String template() {
    return template;
  }

  /** The 0-based index of the {@code $} where the fault starts. */
  public int position() {
    return position;
  }
}
