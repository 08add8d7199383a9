package io.github.aiplaybooks.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ToolOutputLimiterTest {

  @Test
  void shortOutputIsUntouched() {
    ToolOutputLimiter.Limited l = ToolOutputLimiter.ofDefaults().apply("2 pods running");
    assertThat(l.text()).isEqualTo("2 pods running");
    assertThat(l.truncated()).isFalse();
  }

  @Test
  void longOutputKeepsHeadAndTailAndSaysWhatWasCut() {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      log.append(String.format("line %04d ok%n", i));
    }
    log.append("FATAL: OOMKilled\n");
    String text = "HEAD\n" + log;

    ToolOutputLimiter.Limited l = ToolOutputLimiter.builder().maxChars(1000).build().apply(text);

    assertThat(l.truncated()).isTrue();
    assertThat(l.text()).hasSizeLessThanOrEqualTo(1000);
    assertThat(l.text()).startsWith("HEAD\n").endsWith("FATAL: OOMKilled\n");
    assertThat(l.originalChars()).isEqualTo(text.length());
    assertThat(l.text())
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "[… truncated %,d of %,d chars]",
                l.removedChars(),
                text.length()));
  }

  @Test
  void theNoteUsesThousandsSeparators() {
    String text = "x".repeat(16_000);
    String out = ToolOutputLimiter.builder().maxChars(3_655).build().limit(text);
    assertThat(out).contains("[… truncated 12,3").contains(" of 16,000 chars]");
  }

  @Test
  void aTokenBudgetTightensTheCharacterBudget() {
    ToolOutputLimiter limiter = ToolOutputLimiter.builder().maxChars(10_000).maxTokens(250).build();
    assertThat(limiter.budgetChars()).isEqualTo(1000);
    assertThat(limiter.limit("y".repeat(5000))).hasSizeLessThanOrEqualTo(1000);
    assertThat(ToolOutputLimiter.estimateTokens("abcde")).isEqualTo(2);
    assertThatThrownBy(() -> ToolOutputLimiter.builder().maxChars(10))
        .hasMessageContaining("maxChars");
    assertThatThrownBy(() -> ToolOutputLimiter.builder().headShare(2))
        .hasMessageContaining("headShare");
  }

  @Property(tries = 300)
  void neverExceedsTheBudgetNorSplitsASurrogatePair(
      @ForAll @StringLength(max = 3000) String body,
      @ForAll @IntRange(min = 100, max = 2000) int budget,
      @ForAll @IntRange(min = 0, max = 10) int headTenths) {
    String text = body + "😀".repeat(body.length() % 50) + body;
    ToolOutputLimiter limiter =
        ToolOutputLimiter.builder().maxChars(budget).headShare(headTenths / 10.0).build();

    ToolOutputLimiter.Limited l = limiter.apply(text);

    assertThat(l.text().length()).isLessThanOrEqualTo(Math.max(budget, 0));
    if (text.length() <= budget) {
      assertThat(l.text()).isEqualTo(text);
    } else {
      assertThat(l.removedChars()).isPositive();
      int noteStart = l.text().indexOf("\n[… truncated ");
      assertThat(noteStart).isGreaterThanOrEqualTo(0);
      String head = l.text().substring(0, noteStart);
      assertThat(text).startsWith(head);
      String tail = l.text().substring(l.text().indexOf(" chars]\n", noteStart) + 8);
      assertThat(text).endsWith(tail);
      assertThat(head.length() + tail.length() + l.removedChars()).isEqualTo(text.length());
      if (!head.isEmpty()) {
        assertThat(Character.isHighSurrogate(head.charAt(head.length() - 1))).isFalse();
      }
      if (!tail.isEmpty()) {
        assertThat(Character.isLowSurrogate(tail.charAt(0))).isFalse();
      }
    }
  }
}
