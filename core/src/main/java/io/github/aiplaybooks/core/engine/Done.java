package io.github.aiplaybooks.core.engine;

/** What a step handler reports: how the step ended and a summary for people. */
record Done(StepStatus status, String summary) {
  static Done completed(String summary) {
    return new Done(StepStatus.COMPLETED, summary);
  }

  static Done skipped(String summary) {
    return new Done(StepStatus.SKIPPED, summary);
  }

  static Done failed(String summary) {
    return new Done(StepStatus.FAILED, summary);
  }
}
