package io.github.aiplaybooks.core.llm;

import io.github.aiplaybooks.CallerFaultException;
import java.util.List;

/**
 * A prompt template is malformed, cannot be read, or lacks a variable to render. Codes {@code
 * PROMPT_TEMPLATE_INVALID} (a {@code ${} without its {@code }}, a bad variable name, a few-shot
 * example without turns), {@code PROMPT_FILE_UNREADABLE} and {@code PROMPT_VARIABLE_MISSING}. The
 * message names the template (its file when it came from one) and the variable.
 */
public final class PromptTemplateException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  private final String template;
  private final List<String> variables;

  PromptTemplateException(String code, String template, List<String> variables, String message) {
    this(code, template, variables, message, null);
  }

  PromptTemplateException(
      String code, String template, List<String> variables, String message, Throwable cause) {
    super(code, message, cause);
    this.template = template;
    this.variables = List.copyOf(variables);
  }

  /** The template's name (its file, when it came from one). */
  public String template() {
    return template;
  }

  /** The variables concerned: the missing ones for {@code PROMPT_VARIABLE_MISSING}. */
  public List<String> variables() {
    return variables;
  }
}
