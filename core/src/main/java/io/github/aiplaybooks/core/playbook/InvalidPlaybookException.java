package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.CallerFaultException;
import java.util.List;

/**
 * A playbook is invalid: every problem found, not only the first. Code {@value #CODE}. Thrown by
 * {@link Playbook.Builder#build()}, so by the DSL and (wrapped with file locations) by the loader.
 *
 * <pre>{@code
 * try {
 *   playbook.toBuilder().step(...).build();
 * } catch (InvalidPlaybookException e) {
 *   e.problems().forEach(p -> System.err.println(p));   // "/workflow/5_approve/...: ..."
 * }
 * }</pre>
 */
public final class InvalidPlaybookException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  /** The stable code of this exception. */
  public static final String CODE = "PLAYBOOK_INVALID";

  private final String playbook;
  private final transient List<PlaybookProblem> problems;

  InvalidPlaybookException(String playbook, List<PlaybookProblem> problems) {
    super(CODE, message(playbook, problems));
    this.playbook = playbook;
    this.problems = List.copyOf(problems);
  }

  private static String message(String playbook, List<PlaybookProblem> problems) {
    StringBuilder b =
        new StringBuilder("playbook '")
            .append(playbook)
            .append("' is invalid (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem)" : " problems)");
    for (PlaybookProblem p : problems) {
      b.append("\n  ").append(p);
    }
    return b.toString();
  }

  /** The playbook's name as given. */
  public String playbook() {
    return playbook;
  }

  /** Every problem, in the order of the format: top-level keys, then steps, then routing. */
  public List<PlaybookProblem> problems() {
    return problems;
  }
}
