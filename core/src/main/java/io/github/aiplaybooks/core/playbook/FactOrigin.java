package io.github.aiplaybooks.core.playbook;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the value of a name a step may read comes from: trusted code or a step, and whether the
 * model produced it. The playbook's rule (DESIGN: "the LLM proposes, trusted code disposes") is
 * that only {@linkplain #trusted() trusted} values may decide a policy question; a value the model
 * produced is evidence for the report.
 *
 * <table>
 *   <caption>Origins</caption>
 *   <tr><th>{@link Source}</th><th>computed by</th><th>{@link #trusted()}</th>
 *       <th>{@link #modelProduced()}</th></tr>
 *   <tr><td>{@link Source#STANDARD_FACT}</td><td>trusted code: the action, the alert, the
 *       cluster, metrics, the clock ({@link StandardFacts})</td><td>yes</td><td>no</td></tr>
 *   <tr><td>{@link Source#TRIGGER_CONTEXT}</td><td>the trigger: the alert's own fields, the
 *       schedule, the health check ({@link Trigger#context()})</td><td>yes</td><td>no</td></tr>
 *   <tr><td>{@link Source#INPUT}</td><td>whoever starts the run ({@code inputs})</td><td>yes</td>
 *       <td>no</td></tr>
 *   <tr><td>{@link Source#STEP_OUTPUT}</td><td>an earlier step ({@link #step()}): the model for an
 *       LLM step, a tool call or the engine otherwise ({@link StepKind#modelProduced})</td>
 *       <td>no</td><td>for model steps</td></tr>
 * </table>
 *
 * <pre>{@code
 * Scope approve = playbook.scope(playbook.step("approve").orElseThrow());
 * approve.origin("blast_radius");            // standard fact: trusted
 * approve.origin("classify.blast_radius");   // output of 2_classify (model)
 * }</pre>
 *
 * <p>Immutable; equal when source, step and model flag are.
 */
public final class FactOrigin {

  /** Where a value comes from. */
  public enum Source {
    /** A standard fact computed by trusted code. */
    STANDARD_FACT,
    /** The trigger's context: the alert's own fields, the schedule's time, and so on. */
    TRIGGER_CONTEXT,
    /** An input the run is given. */
    INPUT,
    /** The output of an earlier step. */
    STEP_OUTPUT
  }

  private static final FactOrigin STANDARD = new FactOrigin(Source.STANDARD_FACT, null, false);
  private static final FactOrigin TRIGGER = new FactOrigin(Source.TRIGGER_CONTEXT, null, false);
  private static final FactOrigin INPUT = new FactOrigin(Source.INPUT, null, false);

  private final Source source;
  private final String step;
  private final boolean modelProduced;

  private FactOrigin(Source source, String step, boolean modelProduced) {
    this.source = source;
    this.step = step;
    this.modelProduced = modelProduced;
  }

  /** A standard fact. */
  public static FactOrigin standardFact() {
    return STANDARD;
  }

  /** A name of the trigger's context. */
  public static FactOrigin triggerContext() {
    return TRIGGER;
  }

  /** A declared input. */
  public static FactOrigin input() {
    return INPUT;
  }

  /**
   * The output of the step with key {@code stepKey} (such as {@code 2_classify}), which the model
   * produced or not.
   */
  public static FactOrigin stepOutput(String stepKey, boolean modelProduced) {
    return new FactOrigin(
        Source.STEP_OUTPUT, Objects.requireNonNull(stepKey, "stepKey"), modelProduced);
  }

  /** Where the value comes from. */
  public Source source() {
    return source;
  }

  /** The key of the step whose output this is ({@code 2_classify}); empty for any other source. */
  public Optional<String> step() {
    return Optional.ofNullable(step);
  }

  /** Whether the model produced the value: the output of an LLM step. */
  public boolean modelProduced() {
    return modelProduced;
  }

  /**
   * Whether trusted code computed the value before any step ran: a standard fact, the trigger's
   * context or an input. A step's output is never trusted, even one not produced by the model.
   */
  public boolean trusted() {
    return source != Source.STEP_OUTPUT;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FactOrigin)) {
      return false;
    }
    FactOrigin f = (FactOrigin) o;
    return source == f.source && Objects.equals(step, f.step) && modelProduced == f.modelProduced;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, step, modelProduced);
  }

  /**
   * {@code standard fact}, {@code trigger context}, {@code input}, {@code output of 2_classify
   * (model)} or {@code output of 1_collect}.
   */
  @Override
  public String toString() {
    switch (source) {
      case STANDARD_FACT:
        return "standard fact";
      case TRIGGER_CONTEXT:
        return "trigger context";
      case INPUT:
        return "input";
      default:
        return "output of " + step + (modelProduced ? " (model)" : "");
    }
  }
}
