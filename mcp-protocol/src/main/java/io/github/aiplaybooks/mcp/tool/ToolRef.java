package io.github.aiplaybooks.mcp.tool;

import io.github.aiplaybooks.mcp.schema.CallToolRequestParams;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A call of one MCP tool, read from any of the three ways the seed writes one, reduced to a
 * canonical tool name and typed arguments.
 *
 * <table>
 *   <caption>The three forms</caption>
 *   <tr><th>form</th><th>written as</th><th>tool</th><th>arguments</th></tr>
 *   <tr><td>{@link Form#URI}</td><td>{@code kubectl://get pods -n ${namespace}}</td>
 *       <td>{@code kubectl_get}</td><td>{@code {"resource":"pods","namespace":"${namespace}"}}</td></tr>
 *   <tr><td>{@link Form#URI}</td><td>{@code kubectl://logs ${pod} -n ${namespace} --tail=200}</td>
 *       <td>{@code kubectl_logs}</td>
 *       <td>{@code {"pod":"${pod}","namespace":"${namespace}","tail":200}}</td></tr>
 *   <tr><td>{@link Form#URI}</td><td>{@code aws://security-hub/get-findings}</td>
 *       <td>{@code securityhub_get_findings}</td><td>{@code {}}</td></tr>
 *   <tr><td>{@link Form#METHOD}</td><td>{@code kubectl/get} with params</td>
 *       <td>{@code kubectl_get}</td><td>the params</td></tr>
 *   <tr><td>{@link Form#NAME}</td><td>{@code cloudwatch_get_metric_data}</td>
 *       <td>itself</td><td>as given</td></tr>
 * </table>
 *
 * <p><b>kubectl URIs</b> are read like a shell command line (single quotes keep their content
 * verbatim, double quotes honour {@code \"} and {@code \\}): a verb, positional arguments and
 * flags. Verbs and their positionals: {@code get}/{@code describe}/{@code delete}/{@code patch}/
 * {@code scale} [resource, name] (also {@code resource/name}); {@code logs} [pod, container];
 * {@code top} [resource, name]; {@code rollout} [action, resource, name]; {@code cordon}/{@code
 * uncordon}/{@code drain} [node]. Flags: {@code -n/--namespace}, {@code -A/--all-namespaces}
 * ({@code all_namespaces: true}), {@code -l/--selector}, {@code --field-selector}, {@code
 * -o/--output}, {@code --sort-by}; for {@code logs} {@code -c/--container}, {@code --tail}
 * (integer), {@code --since}, {@code -p/--previous}, {@code --timestamps}; for {@code patch} {@code
 * -p/--patch} (the patch kept intact as a string) and {@code --type}; for {@code scale} {@code
 * --replicas}; for {@code delete} and {@code drain} {@code --grace-period}; for {@code rollout}
 * {@code --to-revision}; for {@code drain} {@code --ignore-daemonsets} and {@code
 * --delete-emptydir-data}. Anything else is refused: an unknown verb or flag fails closed rather
 * than being passed on.
 *
 * <p><b>aws URIs</b> are {@code aws://service/operation} with an optional {@code ?key=value&...}
 * query (string arguments). The tool is {@code service_operation} with hyphens dropped from the
 * service and turned into underscores in the operation.
 *
 * <p><b>Placeholders</b> {@code ${name}} are kept verbatim in the arguments (a loader resolves them
 * later) and listed by {@link #variables()}; an integer flag given as a placeholder stays a string.
 *
 * <pre>{@code
 * ToolRef ref = ToolRef.parse("kubectl://logs ${pod} -n ${namespace} --tail=200");
 * ref.name();        // "kubectl_logs"
 * ref.arguments();   // {"pod":"${pod}","namespace":"${namespace}","tail":200}
 * ref.variables();   // [pod, namespace]
 * ToolRef same = ToolRef.of("cloudwatch/get_metric_data", params);
 * }</pre>
 *
 * <p>Instances are immutable: {@link #arguments()} returns a copy.
 */
public final class ToolRef {

  /** How a reference was written. */
  public enum Form {
    /** A URI: {@code kubectl://...} or {@code aws://service/operation}. */
    URI,
    /** A JSON-RPC method: {@code kubectl/get}, {@code guardduty/get_findings}. */
    METHOD,
    /** A canonical MCP tool name: {@code kubectl_get}. */
    NAME
  }

  private final Form form;
  private final String source;
  private final String name;
  private final ObjectNode arguments;
  private final List<String> variables;

  ToolRef(Form form, String source, String name, ObjectNode arguments, List<String> variables) {
    this.form = form;
    this.source = source;
    this.name = name;
    this.arguments = arguments;
    this.variables = List.copyOf(variables);
  }

  /**
   * Reads a reference in any form, without extra arguments.
   *
   * @throws ToolRefException if it cannot be read
   */
  public static ToolRef parse(String reference) {
    return of(reference, null);
  }

  /**
   * Reads a reference in any form and adds {@code arguments} (the params of a method, the arguments
   * of a named tool, or further arguments of a URI).
   *
   * @param reference a URI, method or tool name
   * @param arguments arguments to add, or {@code null}; a key the URI already sets is an error
   * @throws ToolRefException if the reference cannot be read or an argument is given twice
   */
  public static ToolRef of(String reference, ObjectNode arguments) {
    Objects.requireNonNull(reference, "reference");
    return ToolRefParser.parse(reference, arguments);
  }

  /**
   * A reference to the tool {@code name} with {@code arguments}, for callers that already hold a
   * canonical name.
   *
   * @throws ToolRefException if {@code name} is not a valid tool name
   */
  public static ToolRef ofName(String name, ObjectNode arguments) {
    ToolRef ref = of(name, arguments);
    if (ref.form != Form.NAME) {
      throw new ToolRefException(name, Form.NAME, -1, "a tool name has no '/' or '://'");
    }
    return ref;
  }

  /** The form the reference was written in. */
  public Form form() {
    return form;
  }

  /** The reference exactly as given. */
  public String source() {
    return source;
  }

  /** The canonical MCP tool name, such as {@code kubectl_get}. */
  public String name() {
    return name;
  }

  /** A copy of the arguments (never null; an empty object when there are none). */
  public ObjectNode arguments() {
    return arguments.deepCopy();
  }

  /**
   * The names of the {@code ${...}} placeholders in the reference and its arguments, in order of
   * first appearance, each once.
   */
  public List<String> variables() {
    return variables;
  }

  /** Whether the reference still holds placeholders to resolve. */
  public boolean hasVariables() {
    return !variables.isEmpty();
  }

  /** The set of placeholder names. */
  public Set<String> variableSet() {
    return Set.copyOf(variables);
  }

  /** The same call with {@code arguments} in place of this reference's arguments. */
  public ToolRef withArguments(ObjectNode arguments) {
    ObjectNode copy =
        arguments == null ? JsonNodeFactory.instance.objectNode() : arguments.deepCopy();
    return new ToolRef(form, source, name, copy, ToolRefParser.variablesIn(copy));
  }

  /** The params of the {@code tools/call} request this reference stands for. */
  public CallToolRequestParams toCallParams() {
    return CallToolRequestParams.of(name, arguments());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ToolRef other
        && name.equals(other.name)
        && arguments.equals(other.arguments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, arguments);
  }

  /** The tool name and arguments, such as {@code kubectl_get{"resource":"pods"}}. */
  @Override
  public String toString() {
    return name + arguments;
  }
}
