package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.condition.TimeWindow;
import io.github.aiplaybooks.core.playbook.CollectSpec;
import io.github.aiplaybooks.mcp.tool.ToolRef;
import java.util.List;

/**
 * A step that gathers evidence ({@code gather_context}, {@code security_assessment}, {@code
 * gather_metrics}, {@code cost_analysis}): see {@link CollectSpec}.
 *
 * <pre>{@code
 * gatherContext().parallel(mcp("kubectl://get pods -n ${namespace}"), mcp("aws://xray/get-traces"))
 * gatherMetrics().timeframe(last(Duration.ofDays(7))).metrics("cpu_utilization")
 * }</pre>
 */
public final class CollectStep extends StepDefinition<CollectStep> {
  private final CollectSpec.Builder b = CollectSpec.builder();

  CollectStep(String action) {
    super(action);
  }

  /** Tool calls to run at the same time ({@code parallel}). */
  public CollectStep parallel(ToolRef... calls) {
    b.parallel(List.of(calls));
    return this;
  }

  /** Tool calls to run one after another ({@code sources}). */
  public CollectStep sources(ToolRef... calls) {
    b.sources(List.of(calls));
    return this;
  }

  /** The window to look back over, such as {@code last(Duration.ofDays(7))}. */
  public CollectStep timeframe(TimeWindow window) {
    b.timeframe(window);
    return this;
  }

  /** Metrics to collect; later steps may read them. */
  public CollectStep metrics(String... metrics) {
    b.metrics(List.of(metrics));
    return this;
  }

  /** Dimensions to break results down by. */
  public CollectStep breakdown(String... dimensions) {
    b.breakdown(List.of(dimensions));
    return this;
  }

  @Override
  public CollectSpec spec() {
    return b.build();
  }
}
