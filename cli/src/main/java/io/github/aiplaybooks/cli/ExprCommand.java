package io.github.aiplaybooks.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code playbooks expr}: work with conditions. */
@Command(
    name = "expr",
    mixinStandardHelpOptions = true,
    description = "Work with conditions of the playbooks' condition language.",
    subcommands = {ExprEvalCommand.class},
    footer = {
      "",
      "Example:",
      "  playbooks expr eval 'severity == P0 AND off_hours == true' --facts facts.json"
    })
final class ExprCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
