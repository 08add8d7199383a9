package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionException;
import io.github.aiplaybooks.core.condition.ConditionTypeException;
import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.UnknownFactException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code playbooks expr eval CONDITION --facts FILE}: prints {@code true} or {@code false}. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a condition against facts and print true or false.",
      "",
      "Exit codes: 0 the result is printed; 2 the condition has a syntax or type error or the"
          + " facts are invalid; 3 the condition needs a fact that is not in the facts given."
    },
    footer = {
      "",
      "Examples:",
      "  playbooks expr eval 'severity == P0 AND off_hours == true' --facts facts.json",
      "  echo '{\"blast_radius\": 12}' | playbooks expr eval 'blast_radius < 10' --facts -",
      "  playbooks expr eval 'cost_increase < 20%' --facts facts.json --explain"
    })
final class ExprEvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "CONDITION",
      description = "The condition, such as 'blast_radius < 10_pods'; quote it for the shell.")
  String condition;

  @Option(
      names = "--facts",
      paramLabel = "FILE|-",
      description =
          "A JSON object of fact name to value; - reads standard input. No facts if"
              + " not given.")
  String factsFile;

  @Option(
      names = "--explain",
      description = "Also print on standard error which sub-conditions decided the result.")
  boolean explain;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Facts facts;
    try {
      facts = readFacts();
    } catch (InvalidInputException e) {
      e.problems().forEach(p -> err.println("error: " + p));
      return ExitCodes.INVALID_INPUT;
    }
    String from = factsFile == null ? "(no --facts given)" : JsonInput.name(factsFile);
    try {
      // Declaring the facts given makes a missing fact a compile-time error, with a suggestion.
      Condition c = Condition.compile(condition, FactSchema.of(facts.names()));
      boolean result = c.test(facts);
      out.println(result);
      if (explain) {
        err.println(c.explain(facts));
      }
      return ExitCodes.OK;
    } catch (UnknownFactException e) {
      err.println(
          "error: the condition needs fact '"
              + e.factName()
              + "', which is not in the facts from "
              + from
              + e.suggestion().map(s -> " (did you mean '" + s + "'?)").orElse("")
              + e.getMessage().substring(e.reason().length()));
      return ExitCodes.MISSING_FACT;
    } catch (ConditionTypeException e) {
      err.println("error: type error: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    } catch (ConditionException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
  }

  private Facts readFacts() throws InvalidInputException {
    if (factsFile == null) {
      return Facts.empty();
    }
    JsonNode node = JsonInput.read(factsFile, PlaybooksCommand.stdin(spec));
    String name = JsonInput.name(factsFile);
    if (!node.isObject()) {
      throw new InvalidInputException(
          name + ": must be a JSON object of fact name to value, was " + JsonInput.kind(node));
    }
    try {
      return Facts.fromJson(node);
    } catch (ConditionTypeException e) {
      throw new InvalidInputException(name + ": " + e.getMessage());
    }
  }
}
