package io.github.aiplaybooks.core.policy;

/**
 * What an action does to the systems it touches. The policy engine allows {@link #READ} actions by
 * default and lets them run while the emergency stop is engaged; every other effect needs a rule
 * that allows it, or a human.
 */
public enum Effect {
  /** Only reads: {@code get}, {@code describe}, {@code logs}, {@code get_metric_data}. */
  READ,
  /** Changes something that can be changed back: {@code restart_pod}, {@code scale_deployment}. */
  MUTATE,
  /**
   * Changes something that cannot simply be changed back, or weakens a security boundary: {@code
   * delete_node}, {@code modify_rbac}, {@code modify_security_group}, {@code delete_pvc}.
   */
  DESTRUCTIVE
}
