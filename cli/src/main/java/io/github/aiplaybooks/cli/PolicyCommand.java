package io.github.aiplaybooks.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code playbooks policy}: work with policies. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Work with policies: what may run, what needs a human, what is refused.",
    subcommands = {PolicyEvalCommand.class},
    footer = {
      "",
      "Example:",
      "  playbooks policy eval --policy examples/policy/seed-policy.json \\",
      "      --action examples/policy/restart-pod.json"
    })
final class PolicyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
