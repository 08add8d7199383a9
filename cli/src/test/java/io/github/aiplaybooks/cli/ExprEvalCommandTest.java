package io.github.aiplaybooks.cli;

import static io.github.aiplaybooks.cli.CliRun.run;
import static io.github.aiplaybooks.cli.CliRun.runWithInput;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExprEvalCommandTest {
  @TempDir Path dir;

  private String factsFile(String json) throws IOException {
    Path f = dir.resolve("facts.json");
    Files.writeString(f, json);
    return f.toString();
  }

  @Test
  void printsTrueOrFalseAndExitsZero() throws IOException {
    String facts = factsFile("{\"severity\": \"P0\", \"off_hours\": true, \"blast_radius\": 12}");
    CliRun yes = run("expr", "eval", "severity == P0 AND off_hours == true", "--facts", facts);
    assertThat(yes).isEqualTo(new CliRun(0, "true\n", ""));
    CliRun no = run("expr", "eval", "blast_radius < 10_pods", "--facts", facts);
    assertThat(no).isEqualTo(new CliRun(0, "false\n", ""));
  }

  @Test
  void readsFactsFromStandardInput() {
    CliRun r =
        runWithInput(
            "{\"cost_increase\": \"12%\"}", "expr", "eval", "cost_increase < 20%", "--facts", "-");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("true\n");
  }

  @Test
  void needsNoFactsForAConditionThatReadsNone() {
    assertThat(run("expr", "eval", "$60/month > $50/month")).isEqualTo(new CliRun(0, "true\n", ""));
  }

  @Test
  void explainsOnStandardError() {
    CliRun r =
        runWithInput(
            "{\"blast_radius\": \"12_pods\"}",
            "expr",
            "eval",
            "blast_radius < 10_pods",
            "--facts",
            "-",
            "--explain");
    assertThat(r.out()).isEqualTo("false\n");
    assertThat(r.err()).isEqualTo("false: blast_radius (12 pods) < 10_pods\n");
  }

  @Test
  void aSyntaxErrorExitsTwoWithTheColumnAndACaret() {
    CliRun r =
        runWithInput("{\"severity\": \"P0\"}", "expr", "eval", "severity == ", "--facts", "-");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: expected a value after '==', found the end of the condition (column 13)\n"
                + "  severity == \n"
                + "              ^\n");
  }

  @Test
  void aTypeErrorExitsTwo() {
    CliRun r =
        runWithInput(
            "{\"latency_p99\": \"350ms\"}", "expr", "eval", "latency_p99 < $5", "--facts", "-");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: type error: latency_p99 < $5: cannot compare");
  }

  @Test
  void aMissingFactExitsThreeNamingIt() {
    CliRun r =
        runWithInput(
            "{\"severity\": \"P0\", \"of_hours\": true}",
            "expr",
            "eval",
            "severity == P0 AND off_hours",
            "--facts",
            "-");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: the condition needs fact 'off_hours', which is not in the facts from <stdin>"
                + " (did you mean 'of_hours'?) (column 20)\n"
                + "  severity == P0 AND off_hours\n"
                + "                     ^\n");
  }

  @Test
  void aFactThatIsNullIsMissingToo() {
    CliRun r =
        runWithInput(
            "{\"blast_radius\": null}", "expr", "eval", "blast_radius < 10_pods", "--facts", "-");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("needs fact 'blast_radius'");
  }

  @Test
  void withoutFactsEveryFactIsMissing() {
    CliRun r = run("expr", "eval", "blast_radius < 10_pods");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .startsWith(
            "error: the condition needs fact 'blast_radius', which is not"
                + " in the facts from (no --facts given) (column 1)");
  }

  @Test
  void aSymbolOnTheRightIsNotAMissingFact() {
    CliRun r = runWithInput("{\"risk\": \"low\"}", "expr", "eval", "risk == low", "--facts", "-");
    assertThat(r).isEqualTo(new CliRun(0, "true\n", ""));
  }

  @Test
  void invalidFactsExitTwoNamingTheFileAndPointer() throws IOException {
    String bad = factsFile("{\"tags\": [\"a\", [\"b\"]]}");
    CliRun nested = run("expr", "eval", "true", "--facts", bad);
    assertThat(nested.exit()).isEqualTo(2);
    assertThat(nested.err())
        .isEqualTo(
            "error: "
                + bad
                + ": fact /tags/1: an array cannot be a list element; use a number, boolean or"
                + " string\n");

    CliRun notJson = runWithInput("{\"a\": }", "expr", "eval", "true", "--facts", "-");
    assertThat(notJson.exit()).isEqualTo(2);
    assertThat(notJson.err()).startsWith("error: <stdin>: not valid JSON: ").contains("line 1");

    CliRun list = runWithInput("[1]", "expr", "eval", "true", "--facts", "-");
    assertThat(list.err())
        .isEqualTo("error: <stdin>: must be a JSON object of fact name to value, was a list\n");

    CliRun missing = run("expr", "eval", "true", "--facts", dir.resolve("nope.json").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("error: " + dir.resolve("nope.json") + ": no such file\n");
  }

  @Test
  void factNamesAConditionCannotWriteAreReportedAndExitTwo() {
    CliRun r =
        runWithInput(
            "{\"my fact\": 1, \"AND\": 2, \"ok\": 3}", "expr", "eval", "ok > 1", "--facts", "-");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: <stdin> at /my fact: 'my fact' is not a name a condition can write (a letter"
                + " or _, then letters, digits, _, and single . or - between them; not a keyword"
                + " such as AND or true)\n"
                + "error: <stdin> at /AND: 'AND' is not a name a condition can write (a letter or _,"
                + " then letters, digits, _, and single . or - between them; not a keyword such as"
                + " AND or true)\n");
  }

  @Test
  void aSymbolSpeltAlmostLikeAFactIsAnErrorThatSaysToQuoteIt() {
    String facts = "{\"namespace\": \"x\", \"protected_namespace\": \"x\"}";
    CliRun r =
        runWithInput(facts, "expr", "eval", "namespace == protected_namespce", "--facts", "-");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "error: 'protected_namespce' is not a declared fact, but it is close to the fact"
                + " 'protected_namespace' (did you mean 'protected_namespace'?); if a symbol was"
                + " meant, quote it: 'protected_namespce' (column 14)");
    CliRun quoted =
        runWithInput(facts, "expr", "eval", "namespace == 'protected_namespce'", "--facts", "-");
    assertThat(quoted).isEqualTo(new CliRun(0, "false\n", ""));
  }

  @Test
  void helpShowsAnExample() {
    CliRun r = run("expr", "eval", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Usage: playbooks expr eval")
        .contains("--facts=FILE|-")
        .contains("Examples:")
        .contains("playbooks expr eval 'severity == P0 AND off_hours == true' --facts facts.json")
        .contains("3 the\ncondition needs a fact")
        .contains("'cost_increase < 20%'");
    assertThat(r.err()).isEmpty();
  }
}
