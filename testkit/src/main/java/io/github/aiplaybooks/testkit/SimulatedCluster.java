package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.Effect;
import io.github.aiplaybooks.core.policy.Target;
import io.github.aiplaybooks.core.tool.ActionAdapter;
import io.github.aiplaybooks.core.tool.ActionOutcome;
import io.github.aiplaybooks.core.tool.ExecutionMode;
import io.github.aiplaybooks.core.tool.FactQuery;
import io.github.aiplaybooks.core.tool.FactSource;
import io.github.aiplaybooks.core.tool.MutationPermit;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.Preparation;
import io.github.aiplaybooks.core.tool.ToolDescriptor;
import io.github.aiplaybooks.core.tool.ToolProvider;
import io.github.aiplaybooks.core.tool.ToolRequest;
import io.github.aiplaybooks.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small Kubernetes cluster in memory, for end-to-end tests of playbooks: deployments (replicas,
 * revisions, image, memory and CPU limits), their pods (running or crash-looping, with logs), and
 * nodes. It offers what the engine needs from a real cluster:
 *
 * <ul>
 *   <li>{@link #tools()}: read-only tools ({@code kubectl_get}, {@code kubectl_describe}, {@code
 *       kubectl_logs}, {@code kubectl_events}, {@code cloudwatch_get_metric_data}) and one that
 *       changes something without an adapter's inverse ({@code kubectl_delete_node}).
 *   <li>{@link #adapters()}: {@code scale_deployment}, {@code add_resource_limits}, {@code
 *       rightsize_pod}, {@code update_image}, {@code rollback_deployment}, {@code restart_pod},
 *       {@code cordon_node} and {@code delete_node}, each reading trusted facts ({@code
 *       blast_radius}, {@code replicas}, {@code target_replicas}, {@code namespace}) and returning
 *       a real inverse before it changes anything (except {@code delete_node}, which has none, and
 *       {@code restart_pod}, which restores itself). Dry runs are server-side: checked, not
 *       applied.
 *   <li>{@link #facts()}: fresh health and verification facts per deployment ({@code
 *       pod_ready_rate}, {@code pod_crash_rate}, {@code error_rate}, {@code latency_p99}, {@code
 *       api_latency}, {@code restart_count}, {@code replicas}, {@code alert_cleared}, {@code
 *       metrics_normalized}, {@code no_new_errors}).
 * </ul>
 *
 * <p>Pods are healthy when their deployment's memory limit covers the memory it needs ({@link
 * Builder#requiredMemory}) and its image is not a bad one ({@link Builder#badImage}); otherwise
 * they crash-loop, the error rate is 35% and the alert keeps firing. So raising the memory limit
 * fixes an OOM-killed deployment, and verification reads the state the change produced.
 *
 * <pre>{@code
 * SimulatedCluster cluster = SimulatedCluster.builder()
 *     .node("ip-10-0-1-1").node("ip-10-0-1-2")
 *     .deployment("default", "api-service", 3, "api:v2.1.0", "256Mi")
 *     .requiredMemory("default", "api-service", "280Mi")
 *     .build();
 * PlaybookEngine engine = PlaybookEngine.builder()
 *     .tools(cluster.tools()).actionAdapters(cluster.adapters()).factSource(cluster.facts())...
 * cluster.deployment("default", "api-service").memoryLimit();   // "512Mi" after the fix
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class SimulatedCluster {

  /**
   * A deployment as it is now.
   *
   * @param namespace its namespace
   * @param name its name
   * @param replicas its replica count
   * @param revision its revision, from 1, raised by every change of its pod template
   * @param image its image
   * @param memoryLimit its memory limit, such as {@code 256Mi}
   * @param cpuLimit its CPU limit, such as {@code 500m}
   */
  public record DeploymentState(
      String namespace,
      String name,
      int replicas,
      int revision,
      String image,
      String memoryLimit,
      String cpuLimit) {

    /** The pod template: image and limits, what a rollback restores. */
    public String template() {
      return image + " memory=" + memoryLimit + " cpu=" + cpuLimit;
    }
  }

  /**
   * A pod as it is now.
   *
   * @param namespace its namespace
   * @param name its name
   * @param deployment the deployment that owns it
   * @param node the node it runs on, or {@code null} when pending
   * @param phase {@code Running}, {@code CrashLoopBackOff} or {@code Pending}
   * @param ready whether it is ready
   * @param restarts how often it restarted
   */
  public record PodState(
      String namespace,
      String name,
      String deployment,
      String node,
      String phase,
      boolean ready,
      int restarts) {}

  /**
   * A node as it is now.
   *
   * @param name its name
   * @param cordoned whether new pods may not run on it
   */
  public record NodeState(String name, boolean cordoned) {}

  private static final class Deployment {
    final String namespace;
    final String name;
    int replicas;
    int revision = 1;
    String image;
    String memoryLimit;
    String cpuLimit;
    String requiredMemory = "0Mi";
    final List<String[]> history = new ArrayList<>();
    final Map<Integer, Integer> restarts = new LinkedHashMap<>();
    String logs = "";

    Deployment(String namespace, String name, int replicas, String image, String memoryLimit) {
      this.namespace = namespace;
      this.name = name;
      this.replicas = replicas;
      this.image = image;
      this.memoryLimit = memoryLimit;
      this.cpuLimit = "500m";
    }

    DeploymentState state() {
      return new DeploymentState(namespace, name, replicas, revision, image, memoryLimit, cpuLimit);
    }
  }

  private final String cluster;
  private final Map<String, Deployment> deployments = new LinkedHashMap<>();
  private final Map<String, Boolean> nodes = new LinkedHashMap<>();
  private final List<String> badImages = new ArrayList<>();
  private final Map<String, Map<String, Object>> factOverrides = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> trustedExtras = new LinkedHashMap<>();
  private final Map<String, String> failNext = new LinkedHashMap<>();
  private final List<String> operations = new ArrayList<>();

  private SimulatedCluster(Builder b) {
    this.cluster = b.cluster;
    b.deployments.forEach(d -> deployments.put(d.namespace + "/" + d.name, d));
    b.nodes.forEach(n -> nodes.put(n, false));
    badImages.addAll(b.badImages);
  }

  /** A builder of an empty cluster named {@code simulated}. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- what tests read ----

  /**
   * The deployment {@code namespace/name} now.
   *
   * @throws IllegalArgumentException if there is none
   */
  public synchronized DeploymentState deployment(String namespace, String name) {
    return find(namespace, name).state();
  }

  /** The pods of the deployment {@code namespace/name} now. */
  public synchronized List<PodState> pods(String namespace, String name) {
    return pods(find(namespace, name));
  }

  /** The node {@code name}, if it exists. */
  public synchronized Optional<NodeState> node(String name) {
    Boolean cordoned = nodes.get(name);
    return cordoned == null ? Optional.empty() : Optional.of(new NodeState(name, cordoned));
  }

  /**
   * Every change applied live (not dry runs), in order: {@code scale_deployment default/api 3->5}.
   */
  public synchronized List<String> operations() {
    return List.copyOf(operations);
  }

  // ---- what tests change ----

  /** Sets the logs of every pod of the deployment, such as a log with a prompt injection. */
  public synchronized SimulatedCluster logs(String namespace, String deployment, String logs) {
    find(namespace, deployment).logs = Objects.requireNonNull(logs, "logs");
    return this;
  }

  /** Sets the memory the deployment's pods need to run. */
  public synchronized SimulatedCluster requiredMemory(
      String namespace, String deployment, String memory) {
    find(namespace, deployment).requiredMemory = memory;
    return this;
  }

  /**
   * Overrides a computed fact of the deployment, such as {@code error_rate} or {@code
   * alert_cleared}.
   */
  public synchronized SimulatedCluster fact(
      String namespace, String deployment, String name, Object value) {
    find(namespace, deployment);
    factOverrides
        .computeIfAbsent(namespace + "/" + deployment, k -> new LinkedHashMap<>())
        .put(name, value);
    return this;
  }

  /**
   * Adds a trusted fact the adapters report for actions on {@code target}'s name in its namespace,
   * such as {@code risk} or {@code template_available}.
   */
  public synchronized SimulatedCluster trustedFact(Target target, String name, Object value) {
    trustedExtras.computeIfAbsent(key(target), k -> new LinkedHashMap<>()).put(name, value);
    return this;
  }

  /** Makes the next live {@code action} fail with {@code message}, after preparing. */
  public synchronized SimulatedCluster failNext(String action, String message) {
    failNext.put(action, message);
    return this;
  }

  // ---- the engine's view ----

  /** The cluster's tools. */
  public ToolProvider tools() {
    return new Tools();
  }

  /** The cluster's action adapters. */
  public List<ActionAdapter> adapters() {
    return List.of(new DeploymentAdapter(), new PodAdapter(), new NodeAdapter());
  }

  /** The cluster's facts, read fresh on every call. */
  public FactSource facts() {
    return this::readFacts;
  }

  // ---- internals ----

  private Deployment find(String namespace, String name) {
    Deployment d = deployments.get(namespace + "/" + name);
    if (d == null) {
      throw new IllegalArgumentException(
          "no deployment " + namespace + "/" + name + " (have " + deployments.keySet() + ")");
    }
    return d;
  }

  private boolean healthy(Deployment d) {
    return mebibytes(d.memoryLimit) >= mebibytes(d.requiredMemory) && !badImages.contains(d.image);
  }

  private List<PodState> pods(Deployment d) {
    List<String> schedulable = new ArrayList<>();
    nodes.forEach(
        (n, cordoned) -> {
          if (!cordoned) {
            schedulable.add(n);
          }
        });
    boolean ok = healthy(d);
    List<PodState> out = new ArrayList<>();
    for (int i = 0; i < d.replicas; i++) {
      String node = schedulable.isEmpty() ? null : schedulable.get(i % schedulable.size());
      String phase = node == null ? "Pending" : ok ? "Running" : "CrashLoopBackOff";
      out.add(
          new PodState(
              d.namespace,
              d.name + "-r" + d.revision + "-" + i,
              d.name,
              node,
              phase,
              node != null && ok,
              d.restarts.getOrDefault(i, 0) + (ok ? 0 : 5)));
    }
    return out;
  }

  private Deployment ownerOf(String namespace, String pod) {
    for (Deployment d : deployments.values()) {
      if (d.namespace.equals(namespace) && pod != null && pod.startsWith(d.name + "-")) {
        return d;
      }
    }
    return null;
  }

  private Deployment deploymentOf(Target t, Facts context) {
    String ns =
        t.namespace() != null
            ? t.namespace()
            : context.get("namespace").map(String::valueOf).orElse(null);
    if ("deployment".equals(t.kind()) && t.name() != null) {
      return deployments.get(ns + "/" + t.name());
    }
    if ("pod".equals(t.kind()) && t.name() != null) {
      return ownerOf(ns, t.name());
    }
    Optional<Object> dep = context.get("deployment");
    if (dep.isPresent()) {
      return deployments.get(ns + "/" + dep.get());
    }
    return null;
  }

  private synchronized Facts readFacts(FactQuery query) {
    Deployment d = deploymentOf(query.target(), query.context());
    if (d == null) {
      return Facts.empty();
    }
    List<PodState> pods = pods(d);
    long ready = pods.stream().filter(PodState::ready).count();
    long crashing = pods.stream().filter(p -> p.phase().equals("CrashLoopBackOff")).count();
    boolean ok = healthy(d);
    Facts.Builder b = Facts.builder();
    int n = Math.max(1, pods.size());
    b.put("replicas", d.replicas);
    b.put("pod_ready_rate", (double) ready / n);
    b.put("pod_crash_rate", (double) crashing / n);
    b.put("error_rate", ok ? 0.002 : 0.35);
    b.put("latency_p99", ok ? 120 : 2400);
    b.put("api_latency", ok ? 95 : 1800);
    b.put("restart_count", pods.stream().mapToInt(PodState::restarts).sum());
    b.put("alert_cleared", ok && ready == pods.size());
    b.put("metrics_normalized", ok);
    b.put("no_new_errors", ok);
    factOverrides.getOrDefault(d.namespace + "/" + d.name, Map.of()).forEach(b::put);
    Facts all = b.build();
    Facts.Builder wanted = Facts.builder();
    for (String name : query.names()) {
      all.get(name).ifPresent(v -> wanted.put(name, v));
    }
    return wanted.build();
  }

  private static int mebibytes(String quantity) {
    String q = quantity.strip();
    double bytes;
    if (q.endsWith("Gi")) {
      bytes = Double.parseDouble(q.substring(0, q.length() - 2)) * 1024 * 1024 * 1024;
    } else if (q.endsWith("Mi")) {
      bytes = Double.parseDouble(q.substring(0, q.length() - 2)) * 1024 * 1024;
    } else if (q.endsWith("G")) {
      bytes = Double.parseDouble(q.substring(0, q.length() - 1)) * 1e9;
    } else if (q.endsWith("M")) {
      bytes = Double.parseDouble(q.substring(0, q.length() - 1)) * 1e6;
    } else {
      bytes = Double.parseDouble(q);
    }
    return (int) Math.round(bytes / (1024 * 1024));
  }

  private static String key(Target t) {
    return t.namespace() + "/" + t.name();
  }

  private void checkFail(String action) {
    String message = failNext.remove(action);
    if (message != null) {
      throw new IllegalStateException(message);
    }
  }

  private Facts.Builder baseFacts(Target t) {
    Facts.Builder b = Facts.builder().put("cluster", cluster);
    if (t.namespace() != null) {
      b.put("namespace", t.namespace());
    }
    trustedExtras.getOrDefault(key(t), Map.of()).forEach(b::put);
    return b;
  }

  private static ObjectNode params(Object... kv) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      if (v instanceof Integer n) {
        o.put((String) kv[i], n);
      } else if (v != null) {
        o.put((String) kv[i], String.valueOf(v));
      }
    }
    return o;
  }

  /** The first string member called {@code name} anywhere in {@code json}. */
  private static String deepText(JsonNode json, String name) {
    if (json == null) {
      return null;
    }
    JsonNode v = json.get(name);
    if (v != null && v.isString()) {
      return v.stringValue();
    }
    for (JsonNode child : json) {
      String found = deepText(child, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static Target deploymentTarget(PlannedAction a) {
    Target t = a.target();
    if (t.name() == null || t.namespace() == null) {
      throw new IllegalArgumentException(
          a.action() + " needs a target deployment with a namespace and a name, got " + t);
    }
    return t;
  }

  /** Actions on deployments, with their inverses. */
  private final class DeploymentAdapter implements ActionAdapter {
    @Override
    public Set<String> actions() {
      return Set.of(
          "scale_deployment",
          "add_resource_limits",
          "rightsize_pod",
          "update_image",
          "rollback_deployment",
          "restore_deployment");
    }

    @Override
    public boolean supportsDryRun() {
      return true;
    }

    @Override
    public Preparation prepare(PlannedAction a) {
      synchronized (SimulatedCluster.this) {
        Target t = deploymentTarget(a);
        Deployment d = find(t.namespace(), t.name());
        Facts.Builder facts = baseFacts(t).put("replicas", d.replicas);
        ObjectNode before = JsonNodeFactory.instance.objectNode();
        before.put("replicas", d.replicas).put("revision", d.revision).put("image", d.image);
        before.put("memory", d.memoryLimit).put("cpu", d.cpuLimit);
        switch (a.action()) {
          case "scale_deployment":
            {
              JsonNode r = a.parameters().get("replicas");
              if (r == null || !r.canConvertToInt()) {
                throw new IllegalArgumentException(
                    "scale_deployment needs parameters.replicas, got " + a.parameters());
              }
              int target = r.intValue();
              return Preparation.builder()
                  .facts(
                      facts
                          .put("target_replicas", target)
                          .put("blast_radius", Math.abs(target - d.replicas))
                          .build())
                  .inverse(PlannedAction.of("scale_deployment", t, params("replicas", d.replicas)))
                  .description(
                      "scale deployment "
                          + key(t)
                          + " from "
                          + d.replicas
                          + " to "
                          + target
                          + " replicas")
                  .before(before)
                  .build();
            }
          case "add_resource_limits":
          case "rightsize_pod":
            {
              String memory = deepText(a.parameters(), "memory");
              String cpu = deepText(a.parameters(), "cpu");
              if (memory == null && cpu == null) {
                throw new IllegalArgumentException(
                    a.action() + " needs a memory or cpu limit, got " + a.parameters());
              }
              return Preparation.builder()
                  .facts(facts.put("blast_radius", d.replicas).build())
                  .inverse(
                      PlannedAction.of(
                          a.action(), t, params("memory", d.memoryLimit, "cpu", d.cpuLimit)))
                  .description(
                      "set the limits of deployment "
                          + key(t)
                          + " to"
                          + (memory == null
                              ? ""
                              : " memory " + memory + " (was " + d.memoryLimit + ")")
                          + (cpu == null ? "" : " cpu " + cpu + " (was " + d.cpuLimit + ")")
                          + ", restarting its "
                          + d.replicas
                          + " pods")
                  .before(before)
                  .build();
            }
          case "update_image":
            {
              String image = deepText(a.parameters(), "image");
              if (image == null) {
                throw new IllegalArgumentException("update_image needs parameters.image");
              }
              return Preparation.builder()
                  .facts(facts.put("blast_radius", d.replicas).build())
                  .inverse(PlannedAction.of("update_image", t, params("image", d.image)))
                  .description(
                      "set the image of " + key(t) + " to " + image + " (was " + d.image + ")")
                  .before(before)
                  .build();
            }
          case "rollback_deployment":
            {
              if (d.history.isEmpty()) {
                throw new IllegalStateException(
                    "deployment " + key(t) + " has no previous revision to roll back to");
              }
              String[] previous = d.history.get(d.history.size() - 1);
              return Preparation.builder()
                  .facts(facts.put("blast_radius", d.replicas).build())
                  .inverse(
                      PlannedAction.of(
                          "restore_deployment",
                          t,
                          params("image", d.image, "memory", d.memoryLimit, "cpu", d.cpuLimit)))
                  .description(
                      "roll back deployment " + key(t) + " from " + d.image + " to " + previous[0])
                  .before(before)
                  .build();
            }
          default:
            {
              return Preparation.builder()
                  .facts(facts.put("blast_radius", d.replicas).build())
                  .description("restore deployment " + key(t) + " to " + a.parameters())
                  .before(before)
                  .build();
            }
        }
      }
    }

    @Override
    public ActionOutcome apply(MutationPermit permit) {
      synchronized (SimulatedCluster.this) {
        PlannedAction a = permit.planned();
        Target t = deploymentTarget(a);
        Deployment d = find(t.namespace(), t.name());
        String what;
        switch (a.action()) {
          case "scale_deployment":
            {
              int target = a.parameters().get("replicas").intValue();
              what = "scale_deployment " + key(t) + " " + d.replicas + "->" + target;
              if (live(permit, what)) {
                d.replicas = target;
              }
              break;
            }
          case "add_resource_limits":
          case "rightsize_pod":
            {
              String memory = deepText(a.parameters(), "memory");
              String cpu = deepText(a.parameters(), "cpu");
              what =
                  a.action()
                      + " "
                      + key(t)
                      + (memory == null ? "" : " memory=" + memory)
                      + (cpu == null ? "" : " cpu=" + cpu);
              if (live(permit, what)) {
                newRevision(
                    d,
                    d.image,
                    memory == null ? d.memoryLimit : memory,
                    cpu == null ? d.cpuLimit : cpu);
              }
              break;
            }
          case "update_image":
            {
              String image = deepText(a.parameters(), "image");
              what = "update_image " + key(t) + " " + d.image + "->" + image;
              if (live(permit, what)) {
                newRevision(d, image, d.memoryLimit, d.cpuLimit);
              }
              break;
            }
          case "rollback_deployment":
            {
              String[] previous = d.history.get(d.history.size() - 1);
              what = "rollback_deployment " + key(t) + " " + d.image + "->" + previous[0];
              if (live(permit, what)) {
                d.history.remove(d.history.size() - 1);
                d.image = previous[0];
                d.memoryLimit = previous[1];
                d.cpuLimit = previous[2];
                d.revision++;
              }
              break;
            }
          default:
            {
              String image = deepText(a.parameters(), "image");
              String memory = deepText(a.parameters(), "memory");
              String cpu = deepText(a.parameters(), "cpu");
              what =
                  "restore_deployment "
                      + key(t)
                      + " "
                      + image
                      + " memory="
                      + memory
                      + " cpu="
                      + cpu;
              if (live(permit, what)) {
                newRevision(d, image, memory, cpu);
              }
            }
        }
        return permit.mode() == ExecutionMode.LIVE
            ? ActionOutcome.applied(what)
            : ActionOutcome.dryRun("server-side dry run accepted: " + what);
      }
    }
  }

  private void newRevision(Deployment d, String image, String memory, String cpu) {
    d.history.add(new String[] {d.image, d.memoryLimit, d.cpuLimit});
    d.image = image;
    d.memoryLimit = memory;
    d.cpuLimit = cpu;
    d.revision++;
    d.restarts.clear();
  }

  /** Whether to apply: a live run records the operation (after a planned failure, if any). */
  private boolean live(MutationPermit permit, String what) {
    if (permit.mode() != ExecutionMode.LIVE) {
      return false;
    }
    checkFail(permit.planned().action());
    operations.add(what);
    return true;
  }

  /** Restarting pods: the deployment recreates them, so the change restores itself. */
  private final class PodAdapter implements ActionAdapter {
    @Override
    public Set<String> actions() {
      return Set.of("restart_pod");
    }

    @Override
    public boolean supportsDryRun() {
      return true;
    }

    @Override
    public Preparation prepare(PlannedAction a) {
      synchronized (SimulatedCluster.this) {
        Target t = a.target();
        Deployment d = t.name() == null ? null : ownerOf(t.namespace(), t.name());
        if (d == null) {
          throw new IllegalArgumentException(
              "restart_pod needs a target pod of a deployment, got " + t);
        }
        return Preparation.builder()
            .facts(baseFacts(t).put("blast_radius", 1).put("replicas", d.replicas).build())
            .restoresItself("deployment " + d.name + " recreates the pod from the same spec")
            .description("delete pod " + key(t) + " so deployment " + d.name + " recreates it")
            .build();
      }
    }

    @Override
    public ActionOutcome apply(MutationPermit permit) {
      synchronized (SimulatedCluster.this) {
        Target t = permit.planned().target();
        Deployment d = ownerOf(t.namespace(), t.name());
        String what = "restart_pod " + key(t);
        if (live(permit, what)) {
          String[] parts = t.name().split("-");
          int i = 0;
          try {
            i = Integer.parseInt(parts[parts.length - 1]);
          } catch (NumberFormatException e) {
            // A name the cluster did not give: count it on the first pod.
          }
          d.restarts.merge(i, 1, Integer::sum);
          return ActionOutcome.applied(what);
        }
        return ActionOutcome.dryRun("server-side dry run accepted: " + what);
      }
    }
  }

  /** Actions on nodes: cordon (undone by uncordon) and delete (not undone). */
  private final class NodeAdapter implements ActionAdapter {
    @Override
    public Set<String> actions() {
      return Set.of("cordon_node", "uncordon_node", "delete_node");
    }

    @Override
    public boolean supportsDryRun() {
      return true;
    }

    @Override
    public Preparation prepare(PlannedAction a) {
      synchronized (SimulatedCluster.this) {
        String name = a.target().name();
        if (name == null || !nodes.containsKey(name)) {
          throw new IllegalArgumentException(a.action() + ": no node " + name);
        }
        long podsOnNode =
            deployments.values().stream()
                .flatMap(d -> pods(d).stream())
                .filter(p -> name.equals(p.node()))
                .count();
        Facts facts = baseFacts(a.target()).put("blast_radius", podsOnNode).build();
        Preparation.Builder b = Preparation.builder().facts(facts);
        switch (a.action()) {
          case "cordon_node":
            return b.inverse(PlannedAction.of("uncordon_node", a.target()))
                .description("cordon node " + name + " (" + podsOnNode + " pods on it)")
                .build();
          case "uncordon_node":
            return b.description("uncordon node " + name).build();
          default:
            return b.description("delete node " + name + " and its " + podsOnNode + " pods")
                .build();
        }
      }
    }

    @Override
    public ActionOutcome apply(MutationPermit permit) {
      synchronized (SimulatedCluster.this) {
        String name = permit.planned().target().name();
        String what = permit.planned().action() + " " + name;
        if (live(permit, what)) {
          switch (permit.planned().action()) {
            case "cordon_node":
              nodes.put(name, true);
              break;
            case "uncordon_node":
              nodes.put(name, false);
              break;
            default:
              nodes.remove(name);
          }
          return ActionOutcome.applied(what);
        }
        return ActionOutcome.dryRun("server-side dry run accepted: " + what);
      }
    }
  }

  /** The cluster's tools, as an MCP Kubernetes server would offer them. */
  private final class Tools implements ToolProvider {
    private final List<ToolDescriptor> descriptors =
        List.of(
            read("kubectl_get", "get", "List Kubernetes resources: pods, deployments or nodes."),
            read("kubectl_describe", "describe", "Describe a Kubernetes resource."),
            read("kubectl_logs", "logs", "Read the logs of a pod."),
            read("kubectl_events", "events", "List the events of a namespace."),
            read(
                "cloudwatch_get_metric_data",
                "get_metric_data",
                "Read a metric of a deployment: error_rate, latency_p99, pod_ready_rate."),
            ToolDescriptor.builder("kubectl_delete_node")
                .description("Delete a node.")
                .action("delete_node")
                .effect(Effect.DESTRUCTIVE)
                .build());

    private ToolDescriptor read(String name, String action, String description) {
      return ToolDescriptor.builder(name)
          .description(description)
          .action(action)
          .effect(Effect.READ)
          .build();
    }

    @Override
    public List<ToolDescriptor> tools() {
      return descriptors;
    }

    @Override
    public ToolResult call(ToolRequest request) {
      ToolDescriptor d =
          tool(request.tool())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "tool: the cluster has no tool " + request.tool()));
      request.requirePermitted(d);
      ObjectNode args = request.arguments();
      synchronized (SimulatedCluster.this) {
        String ns = args.path("namespace").asString("default");
        switch (d.name()) {
          case "kubectl_get":
            return ToolResult.text(get(args.path("resource").asString("pods"), ns));
          case "kubectl_describe":
            return ToolResult.text(get(args.path("resource").asString("deployments"), ns));
          case "kubectl_logs":
            {
              Deployment owner =
                  ownerOf(ns, args.path("pod").asString(args.path("name").asString("")));
              if (owner == null) {
                return ToolResult.error("pods \"" + args.path("pod").asString("") + "\" not found");
              }
              return ToolResult.text(owner.logs);
            }
          case "kubectl_events":
            {
              StringBuilder b = new StringBuilder();
              for (Deployment dep : deployments.values()) {
                if (dep.namespace.equals(ns) && !healthy(dep)) {
                  b.append("Warning BackOff pod/")
                      .append(dep.name)
                      .append(" Back-off restarting failed container\n");
                }
              }
              return ToolResult.text(b.length() == 0 ? "No events." : b.toString());
            }
          case "cloudwatch_get_metric_data":
            {
              String metric = args.path("metric").asString("error_rate");
              String deployment = args.path("deployment").asString(null);
              if (deployment == null) {
                // No deployment named: the namespace's first.
                deployment =
                    deployments.values().stream()
                        .filter(dep -> dep.namespace.equals(ns))
                        .map(dep -> dep.name)
                        .findFirst()
                        .orElse(null);
              }
              Target t = new Target("deployment", ns, deployment, null);
              Facts f =
                  readFacts(
                      new FactQuery(
                          Set.of(metric),
                          t,
                          Facts.builder().put("namespace", ns).build(),
                          null,
                          null));
              Object v = f.get(metric).orElse(null);
              if (v == null) {
                return ToolResult.error("no data for metric " + metric);
              }
              ObjectNode out = JsonNodeFactory.instance.objectNode();
              out.put("metric", metric);
              out.put("value", String.valueOf(v));
              return ToolResult.json(out);
            }
          default:
            {
              String name = args.path("name").asString(args.path("node").asString(""));
              if (!nodes.containsKey(name)) {
                return ToolResult.error("nodes \"" + name + "\" not found");
              }
              if (request.mode() == ExecutionMode.DRY_RUN) {
                return ToolResult.notSent("dry run, not sent: would delete node " + name);
              }
              nodes.remove(name);
              operations.add("delete_node " + name);
              return ToolResult.text("node \"" + name + "\" deleted");
            }
        }
      }
    }

    private String get(String resource, String ns) {
      StringBuilder b = new StringBuilder();
      switch (resource.toLowerCase(Locale.ROOT)) {
        case "nodes":
        case "node":
          b.append("NAME STATUS\n");
          nodes.forEach(
              (n, c) -> b.append(n).append(c ? " Ready,SchedulingDisabled\n" : " Ready\n"));
          return b.toString();
        case "deployments":
        case "deployment":
          b.append("NAME READY IMAGE MEMORY REVISION\n");
          for (Deployment dep : deployments.values()) {
            if (dep.namespace.equals(ns)) {
              long ready = pods(dep).stream().filter(PodState::ready).count();
              b.append(dep.name)
                  .append(' ')
                  .append(ready)
                  .append('/')
                  .append(dep.replicas)
                  .append(' ')
                  .append(dep.image)
                  .append(' ')
                  .append(dep.memoryLimit)
                  .append(' ')
                  .append(dep.revision)
                  .append('\n');
            }
          }
          return b.toString();
        default:
          b.append("NAME READY STATUS RESTARTS NODE\n");
          for (Deployment dep : deployments.values()) {
            if (dep.namespace.equals(ns)) {
              for (PodState p : pods(dep)) {
                b.append(p.name())
                    .append(' ')
                    .append(p.ready() ? "1/1" : "0/1")
                    .append(' ')
                    .append(p.phase())
                    .append(' ')
                    .append(p.restarts())
                    .append(' ')
                    .append(p.node())
                    .append('\n');
              }
            }
          }
          return b.toString();
      }
    }
  }

  /** Builds a {@link SimulatedCluster}. Not thread-safe. */
  public static final class Builder {
    private String cluster = "simulated";
    private final List<Deployment> deployments = new ArrayList<>();
    private final List<String> nodes = new ArrayList<>();
    private final List<String> badImages = new ArrayList<>();

    private Builder() {}

    /** The cluster's name, a trusted fact of every action; {@code simulated} unless set. */
    public Builder cluster(String name) {
      this.cluster = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Adds a node. */
    public Builder node(String name) {
      nodes.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** Adds a deployment with a CPU limit of {@code 500m} and one revision. */
    public Builder deployment(
        String namespace, String name, int replicas, String image, String memoryLimit) {
      deployments.add(new Deployment(namespace, name, replicas, image, memoryLimit));
      return this;
    }

    /** Gives the deployment a revision before its current one, to roll back to. */
    public Builder previousRevision(
        String namespace, String name, String image, String memoryLimit) {
      Deployment d = find(namespace, name);
      d.history.add(new String[] {image, memoryLimit, d.cpuLimit});
      d.revision++;
      return this;
    }

    /** Sets the memory the deployment's pods need; they crash-loop with a lower limit. */
    public Builder requiredMemory(String namespace, String name, String memory) {
      find(namespace, name).requiredMemory = memory;
      return this;
    }

    /** Sets the logs of the deployment's pods. */
    public Builder logs(String namespace, String name, String logs) {
      find(namespace, name).logs = logs;
      return this;
    }

    /** Makes pods with {@code image} crash-loop. */
    public Builder badImage(String image) {
      badImages.add(image);
      return this;
    }

    private Deployment find(String namespace, String name) {
      for (Deployment d : deployments) {
        if (d.namespace.equals(namespace) && d.name.equals(name)) {
          return d;
        }
      }
      throw new IllegalArgumentException("no deployment " + namespace + "/" + name + " added yet");
    }

    /** The cluster. */
    public SimulatedCluster build() {
      return new SimulatedCluster(this);
    }
  }
}
