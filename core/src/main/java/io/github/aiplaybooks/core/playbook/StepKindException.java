package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.CallerFaultException;
import java.util.List;

/**
 * An action has no step kind ({@value #UNKNOWN}), or several were found on the class path and none
 * was registered explicitly ({@value #AMBIGUOUS}). The message lists the options.
 */
public final class StepKindException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  /** The code when no kind is known for the action. */
  public static final String UNKNOWN = "STEP_KIND_UNKNOWN";

  /** The code when several kinds were discovered for the action. */
  public static final String AMBIGUOUS = "STEP_KIND_AMBIGUOUS";

  private final String action;
  private final List<String> options;

  StepKindException(String code, String action, List<String> options, String message) {
    super(code, message);
    this.action = action;
    this.options = List.copyOf(options);
  }

  /** The action asked for. */
  public String action() {
    return action;
  }

  /**
   * The known actions ({@value #UNKNOWN}) or the competing kinds' class names ({@value
   * #AMBIGUOUS}).
   */
  public List<String> options() {
    return options;
  }
}
