package io.github.aiplaybooks.core.llm;

/**
 * The output schemas of the engine's two reasoning steps, shipped as class-path resources so users
 * can read (and copy) them.
 *
 * <ul>
 *   <li>{@link #CLASSIFY}: {@code severity} (P0 to P4), {@code type} (security, availability,
 *       performance, deployment, resource, network, cost, unknown), {@code affected_resources}
 *       ({@code kind}, {@code namespace}, {@code name}), {@code blast_radius}, {@code summary},
 *       {@code confidence} (0 to 1).
 *   <li>{@link #DECIDE}: a {@code remediation_plan} with {@code root_cause}, {@code runbook},
 *       {@code actions} (each {@code action}, {@code target}, {@code parameters}, {@code rollback},
 *       {@code rationale}), {@code escalate} and {@code confidence}.
 * </ul>
 *
 * <p>Both are strict: no unknown members ({@code additionalProperties: false}), and every string
 * and array is bounded, so a hostile answer cannot smuggle extra fields or blow up memory.
 *
 * <pre>{@code
 * StructuredResult r = structuredOutput.ask(request, StepSchemas.CLASSIFY);
 * }</pre>
 */
public final class StepSchemas {
  /** The class-path resource of the classify schema. */
  public static final String CLASSIFY_RESOURCE =
      "/io/github/aiplaybooks/core/llm/classify.schema.json";

  /** The class-path resource of the decide schema. */
  public static final String DECIDE_RESOURCE = "/io/github/aiplaybooks/core/llm/decide.schema.json";

  /** The classify step's answer; the model answers with the tool {@code record_classification}. */
  public static final OutputSchema CLASSIFY =
      OutputSchema.fromResource(
          "record_classification",
          "Record the classification of the alert: severity, type, affected resources, blast"
              + " radius, a summary and your confidence.",
          CLASSIFY_RESOURCE);

  /** The decide step's answer; the model answers with the tool {@code record_remediation_plan}. */
  public static final OutputSchema DECIDE =
      OutputSchema.fromResource(
          "record_remediation_plan",
          "Record the remediation plan: the root cause, the runbook, the actions with their"
              + " targets, parameters and rollback, whether to escalate, and your confidence.",
          DECIDE_RESOURCE);

  private StepSchemas() {}
}
