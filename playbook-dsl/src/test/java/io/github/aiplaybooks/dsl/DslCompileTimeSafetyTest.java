package io.github.aiplaybooks.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The compiler, not a runtime error, rejects a step in the wrong place or a parameter of the wrong
 * type or kind: each snippet here is compiled against the DSL with {@code javac}.
 */
class DslCompileTimeSafetyTest {

  @Test
  void aCorrectPlaybookCompiles() {
    assertThat(
            compile(
                "playbook(\"p\").agent(\"a\").trigger(every(Duration.ofMinutes(5)))"
                    + ".step(\"d\", receiveAlert().sources(\"cloudwatch\"))"
                    + ".step(\"e\", runRemediation().withRollback().timeout(Duration.ofMinutes(10)))"
                    + ".routing(routing(leaf(\"l\", \"severity == P0\", runbook(\"escalate\"))))"
                    + ".build()"))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no build() before a step        | playbook(\"p\").agent(\"a\").build()"
            + "                          | cannot find symbol",
        "no header after a step          | playbook(\"p\").step(\"d\", receiveAlert()).agent(\"a\")"
            + "                          | cannot find symbol",
        "no step after routing           | playbook(\"p\").step(\"d\", receiveAlert())"
            + ".routing(routing(leaf(\"l\", \"severity == P0\", runbook(\"escalate\"))))"
            + ".step(\"e\", receiveAlert())  | cannot find symbol",
        "no horizon on an approval       | checkApprovalRequired().horizon(next(Duration.ofHours(4)))"
            + "                          | cannot find symbol",
        "no auto_approve_if on a report  | costReport().autoApproveIf(\"risk == low\")"
            + "                          | cannot find symbol",
        "a timeout is a Duration         | runRemediation().timeout(\"10m\")"
            + "                          | incompatible types",
        "a confidence is a number        | forecastDemand().confidence(\"high\")"
            + "                          | incompatible types",
        "tool calls are tool references  | gatherContext().parallel(\"kubectl://get pods\")"
            + "                          | cannot be applied to given types",
        "a horizon is a time window      | forecastDemand().horizon(Duration.ofHours(4))"
            + "                          | incompatible types",
        "a step needs a step definition  | playbook(\"p\").step(\"d\", \"receive_alert\")"
            + "                          | incompatible types"
      })
  void aMistakeDoesNotCompile(String mistake, String snippet, String error) {
    List<String> errors = compile(snippet.strip());

    assertThat(errors).as(mistake).isNotEmpty();
    assertThat(errors.get(0)).as(mistake).contains(error.strip());
  }

  /** Compiles {@code expression} as the body of a method; returns the errors. */
  private static List<String> compile(String expression) {
    String source =
        "import static io.github.aiplaybooks.dsl.Playbooks.*;\n"
            + "import java.time.Duration;\n"
            + "class Snippet {\n"
            + "  Object snippet() {\n"
            + "    return "
            + expression
            + ";\n"
            + "  }\n"
            + "}\n";
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> options =
        List.of(
            "-classpath",
            classpath,
            "-proc:none",
            "-d",
            System.getProperty("java.io.tmpdir") + File.separator + "dsl-snippets");
    new File(options.get(4)).mkdirs();
    javac.getTask(null, null, diagnostics, options, null, List.of(file)).call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }
}
