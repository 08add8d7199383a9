package io.github.aiplaybooks.core.condition;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz tests of the condition and literal parsers. During {@code mvn test} they run in
 * regression mode, on the seeds under {@code src/test/resources/.../ConditionFuzzTestInputs/} (and
 * on an empty input); to fuzz, run with {@code JAZZER_FUZZ=1}:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl core -am test -Dtest=ConditionFuzzTest#compileEvaluateAndPrint
 * </pre>
 *
 * <p>A finding is anything but a {@link ConditionException} escaping, a broken round trip or
 * inconsistent results, as {@link Robustness} checks; Jazzer also reports hangs.
 */
class ConditionFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void compileEvaluateAndPrint(byte[] input) {
    Robustness.exerciseCondition(new String(input, StandardCharsets.UTF_8));
  }

  @FuzzTest(maxDuration = "5m")
  void parseLiterals(byte[] input) {
    Robustness.exerciseLiterals(new String(input, StandardCharsets.UTF_8));
  }
}
