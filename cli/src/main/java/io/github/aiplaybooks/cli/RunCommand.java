package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.CallerFaultException;
import io.github.aiplaybooks.core.audit.JsonLinesAuditSink;
import io.github.aiplaybooks.core.condition.Suggestions;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunRejectedException;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.TriggerEvent;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.PolicyException;
import io.github.aiplaybooks.dsl.load.PlaybookLoadException;
import io.github.aiplaybooks.dsl.load.SeedPlaybooks;
import io.github.aiplaybooks.testkit.FakeClock;
import io.github.aiplaybooks.testkit.FakeScheduler;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import io.github.aiplaybooks.testkit.ScriptedLlmException;
import io.github.aiplaybooks.testkit.ToolFixtures;
import io.github.aiplaybooks.testkit.ToolFixturesException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code playbooks run PLAYBOOK --alert FILE --llm scripted:FILE --tools fixtures:FILE [--policy
 * FILE] [--approve deny|auto|interactive] [--dry-run] [--now ISO-8601] [--report DIR]}: runs a
 * playbook in this process with a scripted model ({@link ScriptedLlm}) and canned tools, facts and
 * actions ({@link ToolFixtures}), prints its progress ({@link RunProgress}) and writes {@code
 * report.json}, {@code report.md} and {@code audit.jsonl} into the report directory.
 *
 * <p>The run's clock is simulated: it starts at {@code --now} (the current time if not given) and
 * jumps over every wait (verification polls, retries), so a run takes no real time; with {@code
 * --now} the run id, every time and so the output are the same on every run.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a playbook offline, with a scripted model and canned tools.",
      "",
      "Runs in this process: the model answers from a script, the tools,"
          + " trusted facts and changes from a fixture file, and every action still passes the"
          + " policy engine. Prints each step as it runs (tool calls, model calls, decisions,"
          + " approvals, changes, verification, timings) and writes report.json (the whole"
          + " incident report, readable back), report.md and audit.jsonl (the hash-chained audit"
          + " trail) into the report directory.",
      "",
      "PLAYBOOK is a file, or the name of one of the seed's playbooks: "
          + "autonomous-incident-response, predictive-scaling, security-optimization,"
          + " cost-optimization, automated-rollback. The alert file is the alert as its source"
          + " sends it (JSON). The script and fixture formats are in the README"
          + " (## Run a playbook offline) and testkit/README.md.",
      "",
      "Time is simulated: the run starts at --now (default: now) and skips over waits, so a"
          + " five-minute verification takes no real time; with --now the output is the same on"
          + " every run."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the run completed, whatever it decided (see its status)",
      "2:invalid input: a file, script, fixture, policy, playbook or option"
    },
    footer = {
      "",
      "Example:",
      "  playbooks run autonomous-incident-response \\",
      "      --alert examples/run/alert.json \\",
      "      --llm scripted:examples/run/llm-script.json \\",
      "      --tools fixtures:examples/run/tools.json \\",
      "      --approve auto --now 2024-01-01T03:00:00Z --report playbook-report"
    })
final class RunCommand implements Callable<Integer> {
  /** Where reports go unless {@code --report} says. */
  static final String DEFAULT_REPORT_DIR = "playbook-report";

  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PLAYBOOK", description = "A playbook file or a seed playbook's name.")
  String playbook;

  @Option(
      names = "--alert",
      required = true,
      paramLabel = "FILE",
      description = "The alert that starts the run (JSON).")
  String alert;

  @Option(
      names = "--llm",
      required = true,
      paramLabel = "scripted:FILE",
      description = "The model: scripted:FILE answers from a script (testkit/README.md).")
  String llm;

  @Option(
      names = "--tools",
      required = true,
      paramLabel = "fixtures:FILE",
      description =
          "The tools, trusted facts and action adapters: fixtures:FILE answers from a fixture"
              + " file (testkit/README.md).")
  String tools;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "The policy (JSON); the seed's policy if not given.")
  Path policyFile;

  @Option(
      names = "--approve",
      paramLabel = "MODE",
      converter = CliApprovals.ModeConverter.class,
      description =
          "Who answers approval requests: deny (the default: what needs a human does not run),"
              + " auto (approve everything, without a human), interactive (ask on the console).")
  CliApprovals.Mode approve = CliApprovals.Mode.DENY;

  @Option(
      names = "--dry-run",
      description = "Send every change as a dry run: the report says what would have happened.")
  boolean dryRun;

  @Option(
      names = "--now",
      paramLabel = "ISO-8601",
      description = "When the run starts, such as 2024-01-01T03:00:00Z; now if not given.")
  String now;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description =
          "Where to write report.json, report.md and audit.jsonl (created if missing; files of"
              + " those names are replaced). Default: "
              + DEFAULT_REPORT_DIR
              + ".")
  Path reportDir = Path.of(DEFAULT_REPORT_DIR);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Inputs in = inputs();
      return run(in, out, err);
    } catch (InvalidInputException e) {
      e.problems().forEach(p -> err.println("error: " + p));
      return ExitCodes.INVALID_INPUT;
    } catch (PlaybookLoadException e) {
      PlaybookFiles.printErrors(e, err);
      return ExitCodes.INVALID_INPUT;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Everything the run needs, checked. */
  private record Inputs(
      Playbook playbook,
      TriggerEvent trigger,
      ScriptedLlm llm,
      ToolFixtures fixtures,
      Policy policy,
      String policyName,
      Instant start) {}

  private Inputs inputs() throws InvalidInputException {
    List<String> problems = new ArrayList<>();
    Instant start = null;
    if (now != null) {
      start = parseNow(now, problems);
    }
    String scriptFile = file("--llm", llm, "scripted:", "scripted:FILE", problems);
    String fixtureFile = file("--tools", tools, "fixtures:", "fixtures:FILE", problems);
    checkReportDir(problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Playbook p = loadPlaybook();
    JsonNode alertJson = JsonInput.read(alert, PlaybooksCommand.stdin(spec));
    if (!alertJson.isObject()) {
      throw new InvalidInputException(
          alert
              + ": must be a JSON object, the alert as its source sends it, such as"
              + " {\"alert_name\": \"pod_crash_loop\", \"severity\": \"P1\", ...}; was "
              + JsonInput.kind(alertJson));
    }
    TriggerEvent trigger;
    try {
      trigger = TriggerEvent.alert(alertJson);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(alert + ": " + e.getMessage());
    }
    ScriptedLlm script = script(scriptFile);
    ToolFixtures fixtures = fixtures(fixtureFile);
    Policy policy = policyFile == null ? Policy.seed() : loadPolicy();
    return new Inputs(
        p,
        trigger,
        script,
        fixtures,
        policy,
        policyFile == null ? "the seed's" : policyFile.toString(),
        start == null
            ? java.time.Clock.systemUTC()
                .instant()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            : start);
  }

  private int run(Inputs in, PrintWriter out, PrintWriter err) throws InvalidInputException {
    FakeClock clock = FakeClock.at(in.start());
    String runId = "run-" + RUN_ID_TIME.format(in.start());
    Path auditFile = reportDir.resolve("audit.jsonl");
    try {
      Files.createDirectories(reportDir);
      Files.deleteIfExists(auditFile);
    } catch (IOException e) {
      throw new InvalidInputException("--report " + reportDir + ": cannot be written: " + e);
    }
    // Printed when the run starts, so that a refused run prints only why.
    String header =
        "Running "
            + in.playbook().name()
            + " as "
            + runId
            + (dryRun ? " (dry run: no change is made)" : "")
            + ", starting "
            + in.start()
            + "\n  trigger:   "
            + in.trigger().describe()
            + "\n  model:     scripted, "
            + scriptFileName()
            + "\n  tools:     fixtures, "
            + fixtureFileName()
            + in.fixtures().description().map(d -> " (" + d + ")").orElse("")
            + "\n  policy:    "
            + in.policyName()
            + "\n  approvals: "
            + approve.name().toLowerCase(java.util.Locale.ROOT);
    RunResult result;
    try (JsonLinesAuditSink audit = JsonLinesAuditSink.open(auditFile);
        PlaybookEngine engine =
            PlaybookEngine.builder()
                .llm(in.llm())
                .tools(in.fixtures().tools())
                .actionAdapters(in.fixtures().adapters())
                .factSource(in.fixtures().facts())
                .policy(in.policy())
                .approvals(CliApprovals.of(approve, PlaybooksCommand.stdin(spec), out, clock))
                .clock(clock)
                .scheduler(FakeScheduler.timeSkipping(clock))
                .auditSink(audit)
                // Notifications are printed and reported, not sent.
                .notifier(n -> {})
                .dryRun(dryRun)
                .runIds(() -> runId)
                .listener(new RunProgress(out, header))
                .build()) {
      result = engine.run(in.playbook(), in.trigger());
    } catch (RunRejectedException e) {
      throw new InvalidInputException("the run was refused (" + e.code() + "): " + e.getMessage());
    }
    writeReports(result);
    summary(result, out);
    return ExitCodes.OK;
  }

  private void writeReports(RunResult r) throws InvalidInputException {
    try {
      Files.writeString(
          reportDir.resolve("report.json"),
          JsonInput.JSON
                  .writerWithDefaultPrettyPrinter()
                  .writeValueAsString(r.report().toFullJson())
              + "\n",
          StandardCharsets.UTF_8);
      Files.writeString(
          reportDir.resolve("report.md"), r.report().toMarkdown(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("--report " + reportDir + ": cannot be written: " + e);
    }
  }

  private void summary(RunResult r, PrintWriter out) {
    RunState.Usage u = r.state().usage();
    long changes =
        r.actions().stream()
            .filter(a -> a.execution() != null && a.execution().succeeded())
            .count();
    out.println();
    out.println(
        "Run "
            + r.runId()
            + " finished: "
            + r.status()
            + (r.statusReason().isEmpty() ? "" : " (" + r.statusReason() + ")"));
    out.println(
        "  took "
            + RunProgress.duration(r.duration())
            + " (simulated), "
            + u.llmCalls()
            + " model call(s), "
            + u.totalTokens()
            + " tokens, "
            + u.toolCalls()
            + " tool call(s), "
            + changes
            + (r.dryRun() ? " change(s) dry-run" : " change(s) applied")
            + ", "
            + r.state().rollbacks().size()
            + " rolled back, "
            + r.state().escalations().size()
            + " escalation(s)");
    out.println(
        "  report: "
            + reportDir.resolve("report.json")
            + ", "
            + reportDir.resolve("report.md")
            + ", audit trail "
            + reportDir.resolve("audit.jsonl"));
  }

  // ---- inputs ----

  private Playbook loadPlaybook() throws InvalidInputException {
    Path file = Path.of(playbook);
    if (Files.exists(file)) {
      return PlaybookFiles.load(playbook);
    }
    if (SeedPlaybooks.NAMES.contains(playbook)) {
      return SeedPlaybooks.load(playbook);
    }
    throw new InvalidInputException(
        "PLAYBOOK "
            + playbook
            + ": no such file, and not the name of a seed playbook"
            + Suggestions.closest(playbook, SeedPlaybooks.NAMES)
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("")
            + "; the seed's are "
            + String.join(", ", SeedPlaybooks.NAMES));
  }

  /** The file of {@code scheme:FILE}, or {@code null} with a problem added. */
  private static String file(
      String option, String value, String scheme, String form, List<String> problems) {
    if (!value.startsWith(scheme)) {
      int colon = value.indexOf(':');
      problems.add(
          option
              + " "
              + value
              + ": "
              + (colon > 0
                  ? "'" + value.substring(0, colon + 1) + "' is not supported offline; "
                  : "")
              + "expected "
              + form);
      return null;
    }
    String file = value.substring(scheme.length());
    if (file.isBlank()) {
      problems.add(option + " " + value + ": names no file; expected " + form);
      return null;
    }
    return file;
  }

  private String scriptFileName() {
    return llm.substring("scripted:".length());
  }

  private String fixtureFileName() {
    return tools.substring("fixtures:".length());
  }

  private static ScriptedLlm script(String file) throws InvalidInputException {
    if (!Files.exists(Path.of(file))) {
      throw new InvalidInputException("--llm " + file + ": no such file");
    }
    try {
      return ScriptedLlm.fromFile(Path.of(file));
    } catch (ScriptedLlmException e) {
      throw new InvalidInputException("--llm: " + e.getMessage());
    }
  }

  private static ToolFixtures fixtures(String file) throws InvalidInputException {
    if (!Files.exists(Path.of(file))) {
      throw new InvalidInputException("--tools " + file + ": no such file");
    }
    try {
      return ToolFixtures.fromFile(Path.of(file));
    } catch (ToolFixturesException e) {
      throw new InvalidInputException("--tools: " + e.getMessage());
    }
  }

  private Policy loadPolicy() throws InvalidInputException {
    if (!Files.exists(policyFile)) {
      throw new InvalidInputException("--policy " + policyFile + ": no such file");
    }
    try {
      return Policy.load(policyFile);
    } catch (PolicyException e) {
      List<String> problems = new ArrayList<>();
      for (PolicyException.Problem p : e.problems()) {
        problems.add(
            e.source() + (p.pointer().isEmpty() ? "" : " at " + p.pointer()) + ": " + p.message());
      }
      throw new InvalidInputException(problems);
    } catch (CallerFaultException e) {
      throw new InvalidInputException("--policy " + policyFile + ": " + e.getMessage());
    }
  }

  private void checkReportDir(List<String> problems) {
    if (Files.exists(reportDir) && !Files.isDirectory(reportDir)) {
      problems.add("--report " + reportDir + ": is a file, not a directory");
    }
  }

  private static Instant parseNow(String text, List<String> problems) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e2) {
        problems.add(
            "--now: '" + text + "' is not an ISO-8601 instant such as 2024-01-01T03:00:00Z");
        return null;
      }
    }
  }
}
