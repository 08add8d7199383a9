package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evaluating a compiled condition allocates nothing: checked with the JVM's per-thread allocation
 * counter (not a timing), over the seed's conditions, untyped and typed, on every result. A single
 * boxed value or iterator per evaluation would show as megabytes here.
 */
class ZeroAllocationTest {
  private static final int ROUNDS = 20_000;

  @Test
  void evaluatingACompiledConditionDoesNotAllocate() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "no allocation counter");
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
    assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());

    Condition[] conditions = {
      Condition.compile("severity == P0 AND off_hours == true"),
      Condition.compile("severity == P0 AND off_hours == true", SeedConditionsTest.SEED_SCHEMA),
      Condition.compile("action IN ['restart_pod', 'scale_deployment']"),
      Condition.compile(
          "action IN ['delete_node', 'modify_rbac', 'change_security_group']",
          SeedConditionsTest.SEED_SCHEMA),
      Condition.compile("blast_radius < 10_pods", SeedConditionsTest.SEED_SCHEMA),
      Condition.compile("confidence > 0.85 AND predicted_load_increase > 30%"),
      Condition.compile("risk == missing_network_policy AND template_available"),
      Condition.compile("savings > $50/month OR latency_p99 < 500ms"),
      Condition.compile("NOT (scale_up < 2x) || scale_down > 50%"),
      Condition.compile("namespaces NOT IN [prod, payments] AND current < target"),
      Condition.compile("missing_fact > 3 OR unknown_flag"),
    };
    Facts[] facts = {
      Facts.of(
          Map.ofEntries(
              Map.entry("severity", "P0"),
              Map.entry("off_hours", true),
              Map.entry("action", "change_rbac"),
              Map.entry("blast_radius", 3),
              Map.entry("confidence", 0.9),
              Map.entry("predicted_load_increase", "45%"),
              Map.entry("risk", "missing_network_policy"),
              Map.entry("template_available", true),
              Map.entry("savings", "$45/month"),
              Map.entry("latency_p99", "350ms"),
              Map.entry("scale_up", 1.5),
              Map.entry("scale_down", 0),
              Map.entry("namespaces", List.of("dev", "staging")),
              Map.entry("current", 2),
              Map.entry("target", 3))),
      Facts.of(Map.of("severity", "P1", "off_hours", false, "blast_radius", "12_pods")),
      Facts.empty()
    };

    long sink = run(conditions, facts, 100);
    long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    sink += run(conditions, facts, ROUNDS);
    long after = bean.getThreadAllocatedBytes(Thread.currentThread().getId());

    long evaluations = (long) ROUNDS * conditions.length * facts.length;
    assertThat(sink).isPositive();
    assertThat(after - before)
        .as("bytes allocated over %d evaluations", evaluations)
        .isLessThan(4096);
  }

  private static long run(Condition[] conditions, Facts[] facts, int rounds) {
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      for (Condition c : conditions) {
        for (Facts f : facts) {
          sink += c.evaluate(f).ordinal();
        }
      }
    }
    return sink;
  }
}
