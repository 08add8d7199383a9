package io.github.aiplaybooks.benchmarks;

import com.google.common.collect.ImmutableMap;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import dev.cel.runtime.Program;
import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Truth;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmark (2): evaluating the seed's conditions, compiled once, against Google's cel-java
 * evaluating their CEL equivalents, compiled and type-checked once, in the same run. Throughput;
 * run with {@code -prof gc} to see allocation per evaluation.
 *
 * <p>To be fair to CEL, each side runs its fastest way of evaluating a prepared program against
 * values prepared once: ours {@link Condition#evaluate(Facts)} on {@link Facts} built once; CEL
 * 0.14's planner runtime ({@link CelRuntimeFactory#plannerRuntimeBuilder()}, which plans the
 * checked AST into an evaluation tree once) evaluating through a {@link CelVariableResolver} over
 * an {@link ImmutableMap} of the values built once. {@code Program.eval(Map)} would copy the map
 * into a new activation on every call; the resolver hands the prepared values over as they are.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConditionBenchmark {

  /** Our condition and its CEL equivalent, by name. */
  private static final Map<String, String[]> CONDITIONS =
      Map.of(
          "p0_off_hours",
          new String[] {"severity == P0 AND off_hours == true", "severity == \"P0\" && off_hours"},
          "blast_radius",
          new String[] {"blast_radius < 10_pods", "blast_radius < 10"},
          "action_in",
          new String[] {
            "action IN ['restart_pod', 'scale_deployment']",
            "action in [\"restart_pod\", \"scale_deployment\"]"
          },
          "scaling",
          new String[] {
            "confidence > 0.85 AND predicted_load_increase > 30%",
            "confidence > 0.85 && predicted_load_increase > 0.30"
          },
          "cost",
          new String[] {"cost_increase < 20%", "cost_increase < 0.2"},
          "network_policy",
          new String[] {
            "risk == missing_network_policy AND template_available",
            "risk == \"missing_network_policy\" && template_available"
          },
          "latency",
          new String[] {"latency_p99 < 500ms", "latency_p99 < 500.0"});

  @Param({
    "p0_off_hours",
    "blast_radius",
    "action_in",
    "scaling",
    "cost",
    "network_policy",
    "latency"
  })
  public String condition;

  private Condition ours;
  private Facts facts;
  private Program cel;
  private CelVariableResolver variables;

  @Setup
  public void setUp() throws Exception {
    String[] pair = CONDITIONS.get(condition);
    FactSchema schema =
        FactSchema.builder()
            .fact("severity", FactType.STRING)
            .fact("off_hours", FactType.BOOLEAN)
            .fact("blast_radius", FactType.count("pods"))
            .fact("action", FactType.STRING)
            .fact("confidence", FactType.RATIO)
            .fact("predicted_load_increase", FactType.RATIO)
            .fact("cost_increase", FactType.RATIO)
            .fact("risk", FactType.STRING)
            .fact("template_available", FactType.BOOLEAN)
            .fact("latency_p99", FactType.DURATION)
            .build();
    ours = Condition.compile(pair[0], schema);
    facts =
        Facts.builder()
            .put("severity", "P0")
            .put("off_hours", true)
            .put("blast_radius", 3)
            .put("action", "scale_deployment")
            .put("confidence", 0.9)
            .put("predicted_load_increase", "45%")
            .put("cost_increase", "12%")
            .put("risk", "missing_network_policy")
            .put("template_available", true)
            .put("latency_p99", "350ms")
            .build();

    CelCompiler compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .addVar("severity", SimpleType.STRING)
            .addVar("off_hours", SimpleType.BOOL)
            .addVar("blast_radius", SimpleType.INT)
            .addVar("action", SimpleType.STRING)
            .addVar("confidence", SimpleType.DOUBLE)
            .addVar("predicted_load_increase", SimpleType.DOUBLE)
            .addVar("cost_increase", SimpleType.DOUBLE)
            .addVar("risk", SimpleType.STRING)
            .addVar("template_available", SimpleType.BOOL)
            .addVar("latency_p99", SimpleType.DOUBLE)
            .setResultType(SimpleType.BOOL)
            .build();
    CelAbstractSyntaxTree ast = compiler.compile(pair[1]).getAst();
    cel = CelRuntimeFactory.plannerRuntimeBuilder().build().createProgram(ast);
    ImmutableMap<String, Object> values =
        ImmutableMap.of(
            "severity",
            "P0",
            "off_hours",
            true,
            "blast_radius",
            3L,
            "action",
            "scale_deployment",
            "confidence",
            0.9,
            "predicted_load_increase",
            0.45,
            "cost_increase",
            0.12,
            "risk",
            "missing_network_policy",
            "template_available",
            true,
            "latency_p99",
            350.0);
    // Each value's Optional is made once too, so resolving a variable allocates nothing.
    ImmutableMap<String, Optional<Object>> resolved =
        ImmutableMap.copyOf(
            values.entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> Optional.of(e.getValue()))));
    variables = name -> resolved.getOrDefault(name, Optional.empty());

    boolean a = ours();
    boolean b = cel();
    if (a != b) {
      throw new IllegalStateException(condition + ": ours says " + a + ", CEL says " + b);
    }
  }

  @Benchmark
  public boolean ours() {
    return ours.evaluate(facts) == Truth.TRUE;
  }

  @Benchmark
  public boolean cel() throws Exception {
    return (Boolean) cel.eval(variables);
  }
}
