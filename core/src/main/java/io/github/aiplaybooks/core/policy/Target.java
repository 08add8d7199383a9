package io.github.aiplaybooks.core.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What an action acts on: a Kubernetes object named by kind, namespace and name, in a cluster.
 * Every part is optional ({@code null} when not known); {@link #NONE} knows none. A rate limit
 * counted per target (see {@link RateLimit.Scope#TARGET}) counts executions separately for each
 * distinct target.
 *
 * <pre>{@code
 * Target api = Target.of("deployment", "default", "api-service");
 * Target everywhere = Target.NONE;
 * }</pre>
 *
 * @param kind the object's kind, such as {@code pod} or {@code deployment}, in lower case
 * @param namespace its namespace, such as {@code default}
 * @param name its name, such as {@code api-service}
 * @param cluster the cluster it is in, such as {@code enhanced-eks-cluster}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(
    @JsonProperty("kind") String kind,
    @JsonProperty("namespace") String namespace,
    @JsonProperty("name") String name,
    @JsonProperty("cluster") String cluster) {

  /** No target known. */
  public static final Target NONE = new Target(null, null, null, null);

  /**
   * Checks that each part given is not blank, and writes the kind in lower case ({@code Deployment}
   * and {@code deployment} are one kind, and one rate-limit target).
   *
   * @throws IllegalArgumentException naming the part that is blank
   */
  public Target {
    requireNotBlank(kind, "kind");
    kind = kind == null ? null : kind.toLowerCase(Locale.ROOT);
    requireNotBlank(namespace, "namespace");
    requireNotBlank(name, "name");
    requireNotBlank(cluster, "cluster");
  }

  private static void requireNotBlank(String value, String field) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(field + ": must not be blank; use null when not known");
    }
  }

  /** The object {@code kind} {@code name} in {@code namespace}, in no particular cluster. */
  public static Target of(String kind, String namespace, String name) {
    return new Target(kind, namespace, name, null);
  }

  /** This target in {@code cluster}. */
  public Target inCluster(String cluster) {
    return new Target(kind, namespace, name, cluster);
  }

  /** Whether no part is known. */
  public boolean isNone() {
    return kind == null && namespace == null && name == null && cluster == null;
  }

  /**
   * {@code cluster/namespace/kind/name}, with empty parts for those not known: a rate-limit key.
   */
  String key() {
    return orEmpty(cluster) + "/" + orEmpty(namespace) + "/" + orEmpty(kind) + "/" + orEmpty(name);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** {@code deployment default/api-service} (and {@code @cluster} when known), or {@code none}. */
  @Override
  public String toString() {
    if (isNone()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    if (kind != null) {
      b.append(kind).append(' ');
    }
    if (namespace != null) {
      b.append(namespace).append('/');
    }
    b.append(name == null ? "*" : name);
    if (cluster != null) {
      b.append('@').append(cluster);
    }
    return b.toString();
  }
}
