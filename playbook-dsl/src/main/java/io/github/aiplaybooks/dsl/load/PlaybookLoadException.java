package io.github.aiplaybooks.dsl.load;

import io.github.aiplaybooks.CallerFaultException;
import java.util.List;

/**
 * A playbook file could not be loaded: every error found in it, each with its line, column and JSON
 * pointer, not only the first. Code {@value #CODE}. The message is one line per error, in the order
 * they appear in the file.
 *
 * <pre>{@code
 * try {
 *   loader.load(Path.of("playbook.yaml"));
 * } catch (PlaybookLoadException e) {
 *   e.errors().forEach(System.err::println);   // "playbook.yaml:7:5: /workflow/...: ..."
 * }
 * }</pre>
 */
public final class PlaybookLoadException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  /** The stable code of this exception. */
  public static final String CODE = "PLAYBOOK_LOAD";

  private final String source;
  private final transient List<LoadError> errors;

  PlaybookLoadException(String source, List<LoadError> errors, Throwable cause) {
    super(CODE, message(source, errors), cause);
    this.source = source;
    this.errors = List.copyOf(errors);
  }

  private static String message(String source, List<LoadError> errors) {
    StringBuilder b =
        new StringBuilder("cannot load playbook ")
            .append(source)
            .append(": ")
            .append(errors.size())
            .append(errors.size() == 1 ? " error" : " errors");
    for (LoadError e : errors) {
      b.append('\n').append(e);
    }
    return b.toString();
  }

  /** The file or source name the playbook was read from. */
  public String source() {
    return source;
  }

  /** Every error, in file order; never empty. */
  public List<LoadError> errors() {
    return errors;
  }
}
