package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.dsl.load.PlaybookLoadException;
import io.github.aiplaybooks.dsl.load.PlaybookLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code playbooks validate FILE...}: checks playbook files, reporting every error at once. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks playbook files (.json, .yaml, .yml): syntax, the JSON Schema, conditions,",
      "durations, tool references, templates, step numbering, facts and variables.",
      "",
      "Prints one line per valid file; every error of an invalid one on stderr, as",
      "file:line:col: /json/pointer: message.",
      "",
      "A routing fragment, NAME.routing.json (or .yaml, .yml), holds only what goes under a",
      "playbook's \"routing\" key; it is checked with the playbook NAME.json (or .yaml, .yml)",
      "beside it, as the seed's decision tree is with autonomous-incident-response.",
      "",
      "Example:",
      "  playbooks validate playbooks/automated-rollback.json my-playbook.yaml"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file is a valid playbook", "2:a file is invalid or unreadable"})
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Playbook files to check.")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean allValid = true;
    for (Path file : files) {
      try {
        Optional<Path> playbook = PlaybookFiles.playbookOfRoutingFragment(file);
        if (playbook.isPresent()) {
          Playbook p = PlaybookLoader.standard().loadWithRouting(playbook.get(), file);
          out.println(routingSummary(file, playbook.get(), p));
        } else {
          out.println(summary(file, PlaybookLoader.standard().load(file)));
        }
      } catch (PlaybookLoadException e) {
        PlaybookFiles.printErrors(e, err);
        allValid = false;
      }
    }
    out.flush();
    err.flush();
    return allValid ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
  }

  /** {@code file: valid: routing of name (playbook.json), 12 routes to a runbook}. */
  static String routingSummary(Path file, Path playbookFile, Playbook p) {
    int rules = p.routing().orElseThrow().rules().size();
    return file
        + ": valid: routing of "
        + p.name()
        + " ("
        + playbookFile
        + "), "
        + rules
        + (rules == 1 ? " route" : " routes")
        + " to a runbook";
  }

  /** {@code file: valid: name, trigger alert, 8 steps, 8 conditions}. */
  static String summary(Path file, Playbook p) {
    int steps = p.steps().size();
    int conditions = PlaybookFiles.conditions(p).size();
    return file
        + ": valid: "
        + p.name()
        + ", trigger "
        + p.trigger().type()
        + ", "
        + steps
        + (steps == 1 ? " step, " : " steps, ")
        + conditions
        + (conditions == 1 ? " condition" : " conditions")
        + (p.routing().isPresent() ? ", routing" : "");
  }
}
