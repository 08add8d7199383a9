package io.github.aiplaybooks.cli;

import java.io.InputStream;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code playbooks} command.
 *
 * <pre>{@code
 * int exit = PlaybooksCommand.newCommandLine().execute("expr", "eval", "1 < 2");
 * }</pre>
 */
@Command(
    name = "playbooks",
    mixinStandardHelpOptions = true,
    versionProvider = PlaybooksCommand.Version.class,
    description = "Run agentic SRE playbooks safely: the LLM proposes, trusted code disposes.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      ExplainCommand.class,
      ExprCommand.class,
      PolicyCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  playbooks run autonomous-incident-response --alert examples/run/alert.json \\",
      "      --llm scripted:examples/run/llm-script.json \\",
      "      --tools fixtures:examples/run/tools.json --approve auto",
      "  playbooks validate my-playbook.json",
      "  playbooks explain automated-rollback --format mermaid",
      "  playbooks expr eval 'blast_radius < 10_pods' --facts facts.json",
      "  playbooks policy eval --policy examples/policy/seed-policy.json \\",
      "      --action examples/policy/restart-pod.json"
    })
public final class PlaybooksCommand implements Runnable {
  @Spec CommandSpec spec;

  private final InputStream stdin;

  private PlaybooksCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line, reading standard input from {@link System#in}. */
  public static CommandLine newCommandLine() {
    return newCommandLine(System.in);
  }

  /** The configured command line, reading standard input ({@code -} as a file) from {@code in}. */
  public static CommandLine newCommandLine(InputStream in) {
    CommandLine cl = new CommandLine(new PlaybooksCommand(Objects.requireNonNull(in, "in")));
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + e);
          return ExitCodes.SOFTWARE;
        });
    return cl;
  }

  /** The standard input of the command line that {@code spec} belongs to. */
  static InputStream stdin(CommandSpec spec) {
    return ((PlaybooksCommand) spec.root().userObject()).stdin;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PlaybooksCommand.class.getPackage().getImplementationVersion();
      return new String[] {"playbooks " + (v == null ? "dev" : v)};
    }
  }
}
