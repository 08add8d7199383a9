package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionException;
import io.github.aiplaybooks.core.condition.ConditionTypeException;
import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Identifiers;
import io.github.aiplaybooks.core.condition.UnknownFactException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
      "Fact names are identifiers (a letter or _, then letters, digits, _, and single . or -"
          + " between them; not a keyword such as AND).",
      "",
      "Exit codes: 0 the result is printed; 2 the condition has a syntax or type error, a symbol"
          + " spelt almost like a fact, or the facts are invalid; 3 the condition needs a fact"
          + " that is not in the facts given."
    },
    footer = {
      "",
      "Examples:",
      "  playbooks expr eval 'severity == P0 AND off_hours == true' --facts facts.json",
      "  echo '{\"blast_radius\": 12}' | playbooks expr eval 'blast_radius < 10' --facts -",
      // picocli formats help text: a % is written %%.
      "  playbooks expr eval 'cost_increase < 20%%' --facts facts.json --explain"
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
      if (e.mayBeSymbol()) {
        // Not a missing fact but a likely typo: the condition is what must change.
        err.println("error: " + e.getMessage());
        return ExitCodes.INVALID_INPUT;
      }
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
    Facts facts;
    try {
      facts = Facts.fromJson(node);
    } catch (ConditionTypeException e) {
      throw new InvalidInputException(name + ": " + e.getMessage());
    }
    // Only identifiers can be declared, and read by a condition: report the others.
    List<String> problems = new ArrayList<>();
    for (String fact : facts.names()) {
      try {
        Identifiers.requireIdentifier(fact, "fact");
      } catch (IllegalArgumentException e) {
        problems.add(
            name
                + " at /"
                + JsonInput.escape(fact)
                + ": '"
                + fact
                + "' "
                + e.getMessage().substring(e.getMessage().indexOf("' ") + 2));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return facts;
  }
}
