package io.github.aiplaybooks.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void theSeedsMessageReadsItsVariable() {
    Template t = Template.parse("Auto-rollback executed: ${deployment} v2.1.0 → v2.0.5");

    assertThat(t.variables()).containsExactly("deployment");
    assertThat(t.render(Map.of("deployment", "api-service")))
        .isEqualTo("Auto-rollback executed: api-service v2.1.0 → v2.0.5");
  }

  @Test
  void variablesAreListedOnceInOrderOfFirstUse() {
    Template t = Template.parse("${pod} in ${namespace}: ${pod}");

    assertThat(t.variables()).containsExactly("pod", "namespace");
    assertThat(t.render(Map.of("pod", "p", "namespace", "n"))).isEqualTo("p in n: p");
  }

  @Test
  void aDollarWithoutABraceIsText() {
    Template t = Template.parse("saves $50/month, $$ and $${literal}");

    assertThat(t.variables()).isEmpty();
    assertThat(t.render(Map.of())).isEqualTo("saves $50/month, $$ and ${literal}");
  }

  @Test
  void renderingWithoutAValueNamesTheVariable() {
    Template t = Template.parse("hello ${who}");

    assertThatThrownBy(() -> t.render(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("${who}");
  }

  @Test
  void malformedPlaceholdersAreErrorsWithTheirPosition() {
    assertThatThrownBy(() -> Template.parse("x ${pod"))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.position()).isEqualTo(2);
              assertThat(e.template()).isEqualTo("x ${pod");
              assertThat(e.code()).isEqualTo("TEMPLATE_INVALID");
              assertThat(e.getMessage()).contains("not closed");
            });
    assertThatThrownBy(() -> Template.parse("${1pod}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("does not name a variable");
    assertThatThrownBy(() -> Template.parse("${}")).isInstanceOf(TemplateException.class);
  }

  @Test
  void templatesAreEqualWhenTheirTextsAre() {
    assertThat(Template.parse("a ${b}")).isEqualTo(Template.parse("a ${b}"));
    assertThat(Template.parse("a ${b}")).isNotEqualTo(Template.parse("a ${c}"));
    assertThat(Template.parse("a ${b}").toString()).isEqualTo("a ${b}");
    assertThat(List.of(Template.parse("x").text())).containsExactly("x");
  }
}
