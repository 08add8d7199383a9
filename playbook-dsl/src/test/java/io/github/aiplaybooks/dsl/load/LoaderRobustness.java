package io.github.aiplaybooks.dsl.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.playbook.Playbook;

/** What the loader must do with any input whatsoever. */
final class LoaderRobustness {
  private LoaderRobustness() {}

  /**
   * Loads {@code text} in {@code format}: it must give a playbook, or a {@link
   * PlaybookLoadException} whose every error is located and says something; never another exception
   * (a defect of the loader is an {@link IllegalStateException} coded {@value
   * PlaybookLoader#LOADER_BUG}, which fails here).
   */
  static void loadsOrExplains(String text, PlaybookFormat format) {
    Playbook p;
    try {
      p = PlaybookLoader.standard().load("fuzz", text, format);
    } catch (PlaybookLoadException e) {
      assertThat(e.errors()).isNotEmpty();
      for (LoadError error : e.errors()) {
        assertThat(error.line()).isPositive();
        assertThat(error.column()).isPositive();
        assertThat(error.pointer()).matches("(?s)|/.*");
        assertThat(error.message()).isNotBlank().doesNotContain(PlaybookLoader.LOADER_BUG);
      }
      return;
    }
    // What loads is a valid playbook that writes and loads back to itself.
    assertThat(
            PlaybookLoader.standard().load("again", PlaybookWriter.toJson(p), PlaybookFormat.JSON))
        .isEqualTo(p);
  }
}
