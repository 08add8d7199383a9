package io.github.aiplaybooks.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DetectionPatternTest {

  @Test
  void aCriterionThatReadsAsAConditionWithADurationIsTyped() {
    DetectionPattern p = DetectionPattern.parse("idle_pods (cpu < 5% for 7 days)");

    assertThat(p.name()).isEqualTo("idle_pods");
    assertThat(p.criterion()).contains("cpu < 5% for 7 days");
    assertThat(p.condition())
        .hasValueSatisfying(c -> assertThat(c.normalized()).isEqualTo("cpu < 5%"));
    assertThat(p.sustainedFor()).contains(Duration.ofDays(7));
    assertThat(p.wellFormed()).isTrue();
  }

  @Test
  void theSeedsOtherPatternsKeepWhatReads() {
    DetectionPattern oversized = DetectionPattern.parse("oversized_pods (requested >> used)");
    DetectionPattern unused = DetectionPattern.parse("unused_pvcs (not mounted for 30 days)");
    DetectionPattern lbs = DetectionPattern.parse("redundant_load_balancers");

    assertThat(oversized.condition()).isEmpty();
    assertThat(oversized.criterion()).contains("requested >> used");
    assertThat(unused.condition())
        .hasValueSatisfying(c -> assertThat(c.normalized()).isEqualTo("NOT mounted"));
    assertThat(unused.sustainedFor()).contains(Duration.ofDays(30));
    assertThat(lbs.name()).isEqualTo("redundant_load_balancers");
    assertThat(lbs.criterion()).isEmpty();
    assertThat(lbs.wellFormed()).isTrue();
  }

  @Test
  void aPatternWithoutANameOrWithUnbalancedParenthesesIsNotWellFormed() {
    assertThat(DetectionPattern.parse("(cpu < 5%)").wellFormed()).isFalse();
    assertThat(DetectionPattern.parse("idle (cpu < 5%").wellFormed()).isFalse();
    assertThat(DetectionPattern.parse("idle (a) b").wellFormed()).isFalse();
    assertThat(DetectionPattern.parse("two words").wellFormed()).isFalse();
  }
}
