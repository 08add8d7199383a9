package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.core.policy.Effect;
import io.github.aiplaybooks.core.tool.ExecutionMode;
import io.github.aiplaybooks.core.tool.ToolDescriptor;
import io.github.aiplaybooks.core.tool.ToolProvider;
import io.github.aiplaybooks.core.tool.ToolRequest;
import io.github.aiplaybooks.core.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link ToolProvider} with canned results, for tests: results per tool (optionally per
 * arguments), scripted sequences for polling (each call takes the next result; the last repeats),
 * simulated latency, and a hook before every call (for a barrier that proves calls ran at once). It
 * keeps the contract real providers keep: a tool that changes something runs only under an open
 * {@link io.github.aiplaybooks.core.tool.MutationPermit}, and in a dry run it is sent only if it
 * supports one.
 *
 * <pre>{@code
 * FakeToolProvider tools = FakeToolProvider.builder()
 *     .readTool("kubectl_get", "get")
 *     .readTool("kubectl_logs", "logs")
 *     .tool(ToolDescriptor.builder("kubectl_patch").action("add_resource_limits").effect(Effect.MUTATE).build())
 *     .respond("kubectl_get", ToolResult.text("api-service-abc123  0/1  CrashLoopBackOff"))
 *     .respondWhen("kubectl_logs", args -> args.path("pod").asString("").startsWith("api"),
 *         ToolResult.text("java.lang.OutOfMemoryError"))
 *     .sequence("cloudwatch_get_metric_data", ToolResult.json(high), ToolResult.json(low))
 *     .latency(Duration.ofMillis(100))
 *     .build();
 * }</pre>
 *
 * <p>A call with no canned result answers an error result naming the call, and is listed by {@link
 * #unexpectedCalls()}. Thread-safe.
 */
public final class FakeToolProvider implements ToolProvider {

  /** Waits a simulated latency: real sleep by default, or a fake clock's advance. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits {@code d}. */
    void sleep(Duration d) throws InterruptedException;
  }

  private record Canned(Predicate<ObjectNode> when, List<ToolResult> results) {}

  private final Map<String, ToolDescriptor> tools;
  private final Map<String, List<Canned>> canned;
  private final Map<String, Duration> latency;
  private final Duration defaultLatency;
  private final Sleeper sleeper;
  private final Consumer<ToolRequest> beforeCall;
  private final Map<Canned, Integer> positions = new java.util.IdentityHashMap<>();
  private final List<String> unexpected = new ArrayList<>();

  private FakeToolProvider(Builder b) {
    this.tools = new LinkedHashMap<>(b.tools);
    this.canned = new LinkedHashMap<>();
    b.canned.forEach((k, v) -> canned.put(k, List.copyOf(v)));
    this.latency = Map.copyOf(b.latency);
    this.defaultLatency = b.defaultLatency;
    this.sleeper = b.sleeper;
    this.beforeCall = b.beforeCall;
  }

  /** A builder with no tools. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<ToolDescriptor> tools() {
    return List.copyOf(tools.values());
  }

  @Override
  public ToolResult call(ToolRequest request) {
    Objects.requireNonNull(request, "request");
    ToolDescriptor d = tools.get(request.tool());
    if (d == null) {
      throw new IllegalArgumentException(
          "tool: FakeToolProvider has no tool named " + request.tool());
    }
    request.requirePermitted(d);
    beforeCall.accept(request);
    Duration wait = latency.getOrDefault(d.name(), defaultLatency);
    if (!wait.isZero()) {
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ToolResult.error("interrupted");
      }
    }
    if (request.mode() == ExecutionMode.DRY_RUN && !d.isReadOnly() && !d.supportsDryRun()) {
      return ToolResult.notSent(
          "dry run, not sent: would call " + d.name() + " " + request.arguments());
    }
    ObjectNode args = request.arguments();
    for (Canned c : canned.getOrDefault(d.name(), List.of())) {
      if (c.when.test(args)) {
        return next(c);
      }
    }
    synchronized (this) {
      unexpected.add(d.name() + " " + args);
    }
    return ToolResult.error("FakeToolProvider: no canned result for " + d.name() + " " + args);
  }

  private synchronized ToolResult next(Canned c) {
    int i = positions.getOrDefault(c, 0);
    ToolResult r = c.results.get(Math.min(i, c.results.size() - 1));
    positions.put(c, i + 1);
    return r;
  }

  /** The calls that had no canned result, as {@code tool arguments}. */
  public synchronized List<String> unexpectedCalls() {
    return List.copyOf(unexpected);
  }

  /** Builds a {@link FakeToolProvider}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, ToolDescriptor> tools = new LinkedHashMap<>();
    private final Map<String, List<Canned>> canned = new LinkedHashMap<>();
    private final Map<String, Duration> latency = new LinkedHashMap<>();
    private Duration defaultLatency = Duration.ZERO;
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    private Consumer<ToolRequest> beforeCall = r -> {};

    private Builder() {}

    /** Adds a tool. */
    public Builder tool(ToolDescriptor descriptor) {
      tools.put(descriptor.name(), Objects.requireNonNull(descriptor, "descriptor"));
      return this;
    }

    /** Adds a read-only tool performing the catalog action {@code action}. */
    public Builder readTool(String name, String action) {
      return tool(
          ToolDescriptor.builder(name)
              .description("Fake " + name)
              .action(action)
              .effect(Effect.READ)
              .build());
    }

    /** Answers every call of {@code tool} with {@code result}. */
    public Builder respond(String tool, ToolResult result) {
      return respondWhen(tool, args -> true, result);
    }

    /** Answers the calls of {@code tool} whose arguments match with {@code result}. */
    public Builder respondWhen(String tool, Predicate<ObjectNode> when, ToolResult result) {
      canned.computeIfAbsent(tool, k -> new ArrayList<>()).add(new Canned(when, List.of(result)));
      return this;
    }

    /** Answers successive calls of {@code tool} with {@code results} in order; the last repeats. */
    public Builder sequence(String tool, ToolResult... results) {
      if (results.length == 0) {
        throw new IllegalArgumentException("results: a sequence needs at least one result");
      }
      canned
          .computeIfAbsent(tool, k -> new ArrayList<>())
          .add(new Canned(args -> true, List.of(results)));
      return this;
    }

    /**
     * Answers the successive calls of {@code tool} whose arguments match with {@code results} in
     * order; the last repeats.
     */
    public Builder sequenceWhen(String tool, Predicate<ObjectNode> when, List<ToolResult> results) {
      Objects.requireNonNull(when, "when");
      if (results.isEmpty()) {
        throw new IllegalArgumentException("results: a sequence needs at least one result");
      }
      canned
          .computeIfAbsent(tool, k -> new ArrayList<>())
          .add(new Canned(when, List.copyOf(results)));
      return this;
    }

    /** Makes every call of {@code tool} take {@code d}. */
    public Builder latency(String tool, Duration d) {
      latency.put(tool, Objects.requireNonNull(d, "d"));
      return this;
    }

    /** Makes every call take {@code d}, unless a tool has its own latency. */
    public Builder latency(Duration d) {
      this.defaultLatency = Objects.requireNonNull(d, "d");
      return this;
    }

    /** How latency is waited: real sleep unless set, such as {@code clock::advance}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Runs {@code hook} before every call (after the permit check), on the calling thread. */
    public Builder beforeCall(Consumer<ToolRequest> hook) {
      this.beforeCall = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /** The provider. */
    public FakeToolProvider build() {
      return new FakeToolProvider(this);
    }
  }
}
