package io.github.aiplaybooks.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One in-process run of the {@code playbooks} command: its exit code, output and errors. */
record CliRun(int exit, String out, String err) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The repository's root, where the examples are. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  static CliRun run(String... args) {
    return runWithInput("", args);
  }

  /** Runs {@code cl}, a command line a test configured, with {@code args}. */
  static CliRun run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  static CliRun runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl =
        PlaybooksCommand.newCommandLine(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** The path of an example file, such as {@code examples/policy/restart-pod.json}. */
  static String example(String relative) {
    return ROOT.resolve(relative).toString();
  }

  JsonNode json() {
    return JSON.readTree(out);
  }
}
