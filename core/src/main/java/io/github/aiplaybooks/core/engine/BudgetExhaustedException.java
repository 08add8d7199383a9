package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.CallerFaultException;

/** A run's budget ran out; the engine ends the run with an escalation. Never leaves the engine. */
final class BudgetExhaustedException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  private final String budget;

  BudgetExhaustedException(String budget, String message) {
    super("BUDGET_EXHAUSTED", message);
    this.budget = budget;
  }

  /** Which budget: {@code llm_calls}, {@code tokens}, {@code tool_calls}, {@code wall_time}. */
  String budget() {
    return budget;
  }
}
