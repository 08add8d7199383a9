package io.github.aiplaybooks.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code playbooks} command. */
@Command(
    name = "playbooks",
    mixinStandardHelpOptions = true,
    versionProvider = PlaybooksCommand.Version.class,
    description = "Run agentic SRE playbooks safely: the LLM proposes, trusted code disposes.",
    subcommands = {CommandLine.HelpCommand.class, ValidateCommand.class, ExplainCommand.class})
public final class PlaybooksCommand {

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line, for tests and embedding. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new PlaybooksCommand());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PlaybooksCommand.class.getPackage().getImplementationVersion();
      return new String[] {"playbooks " + (v == null ? "dev" : v)};
    }
  }
}
