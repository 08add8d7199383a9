package io.github.aiplaybooks.core.playbook;

import java.util.List;
import java.util.Set;

/** Step kinds a user might register, found through ServiceLoader in these tests. */
final class TestStepKinds {
  private TestStepKinds() {}

  /** {@code open_ticket}: takes a queue and a priority, gives a ticket id. */
  public static final class OpenTicket implements StepKind {
    @Override
    public String action() {
      return "open_ticket";
    }

    @Override
    public Class<? extends StepSpec> specType() {
      return CustomSpec.class;
    }

    @Override
    public Set<String> parameters() {
      return Set.of("queue", "priority");
    }

    @Override
    public Set<String> outputs(StepSpec spec) {
      return Set.of("ticket_id");
    }

    @Override
    public List<String> check(CustomSpec spec) {
      return spec.params().has("queue") ? List.of() : List.of("open_ticket needs a queue");
    }
  }

  /** {@code page_on_call}, found twice on the class path. */
  public static final class PageOnCall implements StepKind {
    @Override
    public String action() {
      return "page_on_call";
    }

    @Override
    public Class<? extends StepSpec> specType() {
      return CustomSpec.class;
    }
  }

  /** A second {@code page_on_call}. */
  public static final class PageOnCallToo implements StepKind {
    @Override
    public String action() {
      return "page_on_call";
    }

    @Override
    public Class<? extends StepSpec> specType() {
      return CustomSpec.class;
    }
  }
}
