package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.dsl.load.PlaybookLoadException;
import io.github.aiplaybooks.dsl.load.PlaybookLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
      "Example:",
      "  playbooks validate playbooks/automated-rollback.json my-playbook.yaml"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file is a valid playbook", "2:a file is invalid or unreadable"})
public final class ValidateCommand implements Callable<Integer> {

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
        Playbook p = PlaybookLoader.standard().load(file);
        out.println(summary(file, p));
      } catch (PlaybookLoadException e) {
        PlaybookFiles.printErrors(e, err);
        allValid = false;
      }
    }
    out.flush();
    err.flush();
    return allValid ? 0 : PlaybookFiles.INVALID;
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
