package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.TimeWindow;
import io.github.aiplaybooks.mcp.tool.ToolRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers evidence through read-only tool calls ({@code gather_context}, {@code
 * security_assessment}, {@code gather_metrics}, {@code cost_analysis}). The calls are MCP tool
 * references in any form {@link ToolRef} reads; {@code parallel} runs them at the same time, {@code
 * sources} one after another.
 *
 * <pre>{@code
 * "3_investigate": {"action": "gather_context", "parallel": [
 *     {"mcp": "kubectl://get pods -n ${namespace}"}, {"mcp": "aws://xray/get-traces"}]}
 * "1_collect": {"action": "gather_metrics", "timeframe": "last_7_days",
 *     "metrics": ["cpu_utilization", "request_rate"]}
 * }</pre>
 *
 * <p>Build with {@link #builder()}. Immutable; equal when all parameters are.
 */
public final class CollectSpec implements StepSpec {
  private final List<ToolRef> calls;
  private final boolean parallel;
  private final TimeWindow timeframe;
  private final List<String> metrics;
  private final List<String> breakdown;

  private CollectSpec(Builder b) {
    this.calls = List.copyOf(b.calls);
    // Without calls there is nothing to run at the same time: one value, not two.
    this.parallel = b.parallel && !b.calls.isEmpty();
    this.timeframe = b.timeframe;
    this.metrics = List.copyOf(b.metrics);
    this.breakdown = List.copyOf(b.breakdown);
  }

  /** A new builder, with no calls. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this spec's parameters. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.calls = new ArrayList<>(calls);
    b.parallel = parallel;
    b.timeframe = timeframe;
    b.metrics = new ArrayList<>(metrics);
    b.breakdown = new ArrayList<>(breakdown);
    return b;
  }

  /** The tool calls, in order. */
  public List<ToolRef> calls() {
    return calls;
  }

  /** Whether the calls run at the same time ({@code parallel}) or in order ({@code sources}). */
  public boolean parallel() {
    return parallel;
  }

  /** The key the calls are written under: {@code parallel} or {@code sources}. */
  public String callsKey() {
    return parallel ? "parallel" : "sources";
  }

  /** The window to look back over ({@code timeframe}), such as the last 7 days. */
  public Optional<TimeWindow> timeframe() {
    return Optional.ofNullable(timeframe);
  }

  /** The metrics to collect, such as {@code cpu_utilization}; later steps may read them. */
  public List<String> metrics() {
    return metrics;
  }

  /** The dimensions to break results down by ({@code breakdown}), such as {@code compute}. */
  public List<String> breakdown() {
    return breakdown;
  }

  /** Where this step reads {@code ${...}} variables, for the playbook's checks. */
  List<VariableUse> variableUses() {
    List<VariableUse> uses = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).hasVariables()) {
        uses.add(new VariableUse(callsKey() + "/" + i + "/mcp", calls.get(i).variables()));
      }
    }
    return uses;
  }

  @Override
  public Set<String> outputs() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(metrics));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CollectSpec)) {
      return false;
    }
    CollectSpec s = (CollectSpec) o;
    return calls.equals(s.calls)
        && parallel == s.parallel
        && Objects.equals(timeframe, s.timeframe)
        && metrics.equals(s.metrics)
        && breakdown.equals(s.breakdown);
  }

  @Override
  public int hashCode() {
    return Objects.hash(calls, parallel, timeframe, metrics, breakdown);
  }

  @Override
  public String toString() {
    return "CollectSpec{"
        + callsKey()
        + "="
        + calls
        + ", timeframe="
        + timeframe
        + ", metrics="
        + metrics
        + ", breakdown="
        + breakdown
        + "}";
  }

  /** Builds a {@link CollectSpec}. Not thread-safe. */
  public static final class Builder {
    private List<ToolRef> calls = new ArrayList<>();
    private boolean parallel;
    private TimeWindow timeframe;
    private List<String> metrics = new ArrayList<>();
    private List<String> breakdown = new ArrayList<>();

    private Builder() {}

    /** Calls that run at the same time ({@code parallel}), replacing earlier calls. */
    public Builder parallel(List<ToolRef> calls) {
      this.calls = Checks.copy(calls, "parallel");
      this.parallel = true;
      return this;
    }

    /** Calls that run one after another ({@code sources}), replacing earlier calls. */
    public Builder sources(List<ToolRef> calls) {
      this.calls = Checks.copy(calls, "sources");
      this.parallel = false;
      return this;
    }

    /** The window to look back over; {@code null} for none. */
    public Builder timeframe(TimeWindow timeframe) {
      this.timeframe = timeframe;
      return this;
    }

    /** The metrics to collect. */
    public Builder metrics(List<String> metrics) {
      this.metrics = Checks.copy(metrics, "metrics");
      return this;
    }

    /** The dimensions to break results down by. */
    public Builder breakdown(List<String> breakdown) {
      this.breakdown = Checks.copy(breakdown, "breakdown");
      return this;
    }

    /** The spec. A playbook checks the parameters when it is built. */
    public CollectSpec build() {
      return new CollectSpec(this);
    }
  }
}
