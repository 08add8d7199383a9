package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.CallerFaultException;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.dsl.load.PlaybookLoadException;
import io.github.aiplaybooks.dsl.load.SeedPlaybooks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code playbooks explain FILE|SEED_NAME}: the steps, the trigger, every condition normalized, the
 * routing tree, the catalog actions each step may take ({@link StepActions}) and, with {@code
 * --policy}, what the policy decides for them without facts ({@link PolicyApprovalPreview}); as
 * text, as a Mermaid flowchart, or as a Markdown page with both. Deterministic: the clock is read
 * only as {@code --now} says.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explains a playbook: its trigger, its steps with every condition in",
      "normalized form, the catalog actions each step may take, and its routing",
      "tree. With --format mermaid, a flowchart of the workflow and decision tree",
      "that renders on GitHub.",
      "",
      "With --policy, what the policy decides for each of those actions when no",
      "trusted facts are given: the most cautious reading, where a rule that needs",
      "a missing fact fails closed. off_hours is computed at --now when given;",
      "otherwise each action is decided once in business hours and once off",
      "hours, and both outcomes are shown when they differ. The clock is never",
      "read, so the output depends only on the arguments.",
      "",
      "PLAYBOOK is a file, or the name of one of the seed's playbooks: "
          + "autonomous-incident-response, predictive-scaling, security-optimization,"
          + " cost-optimization, automated-rollback.",
      "",
      "Examples:",
      "  playbooks explain autonomous-incident-response",
      "  playbooks explain my-playbook.yaml --format mermaid",
      "  playbooks explain predictive-scaling --policy p.json --now 2024-01-06T03:00Z"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:explained", "2:the playbook or an option is invalid"})
final class ExplainCommand implements Callable<Integer> {

  /** Output formats, written in lower case on the command line. */
  enum Format {
    TEXT,
    MERMAID,
    MARKDOWN
  }

  /** Reads an ISO-8601 instant, {@code 2024-01-06T03:00:00Z}, or one with an offset. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "expected an ISO-8601 date and time with an offset, such as 2024-01-06T03:00:00Z;"
                + " found '"
                + value
                + "'");
      }
    }
  }

  /** Reads {@code text}, {@code mermaid} or {@code markdown}. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : Format.values()) {
        if (f.name().toLowerCase(Locale.ROOT).equals(value)) {
          return f;
        }
      }
      throw new TypeConversionException(
          "expected one of text, mermaid, markdown; found '" + value + "'");
    }
  }

  private final ApprovalPreview approvals;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PLAYBOOK", description = "A playbook file or a seed playbook's name.")
  String playbook;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "text (the default), mermaid, or markdown (a page with both).")
  Format format = Format.TEXT;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "A policy file: say what it decides for the actions the steps may take.")
  Path policy;

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      converter = InstantConverter.class,
      description =
          "With --policy: decide at this ISO-8601 instant, such as 2024-01-06T03:00:00Z"
              + " (default: in business hours and off hours both).")
  Instant now;

  /** The command as the CLI runs it. */
  ExplainCommand() {
    this(new PolicyApprovalPreview());
  }

  ExplainCommand(ApprovalPreview approvals) {
    this.approvals = approvals;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Playbook p = PlaybookFiles.load(playbook);
      if (now != null && policy == null) {
        err.println("--now needs --policy: it is the time the policy decides at");
        return ExitCodes.INVALID_INPUT;
      }
      PlaybookExplanation.Approvals approval =
          policy == null
              ? PlaybookExplanation.Approvals.NONE
              : PlaybookExplanation.Approvals.of(p, policy, now, approvals);
      out.print(render(p, format, approval, playbook));
      return ExitCodes.OK;
    } catch (PlaybookLoadException e) {
      PlaybookFiles.printErrors(e, err);
      return ExitCodes.INVALID_INPUT;
    } catch (CallerFaultException e) {
      err.println(e.getMessage());
      return ExitCodes.INVALID_INPUT;
    } finally {
      out.flush();
      err.flush();
    }
  }

  static String render(
      Playbook p, Format format, PlaybookExplanation.Approvals approval, String argument) {
    switch (format) {
      case MERMAID:
        return PlaybookDiagram.mermaid(p);
      case MARKDOWN:
        return markdown(p, approval, argument);
      default:
        return PlaybookExplanation.text(p, approval);
    }
  }

  private static String markdown(
      Playbook p, PlaybookExplanation.Approvals approval, String argument) {
    String source =
        SeedPlaybooks.NAMES.contains(argument)
            ? "One of the seed's five playbooks (`"
                + SeedPlaybooks.resource(argument)
                + "`), with the trigger its prose states"
                + (p.routing().isPresent() ? " and its decision tree as routing" : "")
                + "."
            : "From `" + argument + "`.";
    return "# "
        + p.name()
        + "\n\n"
        + "<!-- Generated by `./playbooks explain "
        + argument
        + " --format markdown`; a test keeps it current. Do not edit. -->\n\n"
        + source
        + " Trigger: "
        + p.trigger().describe()
        + ".\n\n"
        + "```mermaid\n"
        + PlaybookDiagram.mermaid(p)
        + "```\n\n"
        + "## Explained\n\n"
        + "```text\n"
        + PlaybookExplanation.text(p, approval)
        + "```\n";
  }
}
