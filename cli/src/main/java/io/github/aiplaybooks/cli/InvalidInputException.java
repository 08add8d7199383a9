package io.github.aiplaybooks.cli;

import java.util.List;

/**
 * Input the command cannot use: each problem names the file (or option), the JSON pointer and what
 * is wrong. The command prints them and exits with {@link ExitCodes#INVALID_INPUT}.
 */
final class InvalidInputException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  InvalidInputException(List<String> problems) {
    super(String.join("\n", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  InvalidInputException(String problem) {
    this(List.of(problem));
  }

  /** One line (or a few, for a caret excerpt) per problem. */
  List<String> problems() {
    return problems;
  }
}
