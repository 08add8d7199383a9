package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.AssessSpec;
import io.github.aiplaybooks.core.playbook.ExecuteSpec;
import io.github.aiplaybooks.core.playbook.KnownActions;
import io.github.aiplaybooks.core.playbook.PlanSpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog actions each step of a playbook may ask the policy engine for, as {@code explain}
 * shows them. A step whose action is itself a catalog action ({@code rollback_deployment}, {@code
 * alert_team} = {@code notify}) takes that one; the execute steps take:
 *
 * <table>
 *   <caption>What an execute step may take</caption>
 *   <tr><th>step action</th><th>catalog actions</th></tr>
 *   <tr><td>apply_scaling</td><td>scale_deployment</td></tr>
 *   <tr><td>auto_fix</td><td>the fix of each risk category that an earlier {@code identify_risks}
 *       step names or an {@code auto_fix_if} condition compares {@code risk} with ({@link
 *       #FIXES}); those of {@code auto_fix_if} without asking when it holds</td></tr>
 *   <tr><td>apply_optimizations</td><td>the {@code type} of each opportunity of an earlier
 *       {@code generate_savings_plan} step</td></tr>
 *   <tr><td>run_remediation</td><td>the runbooks of the playbook's routing and its default; without
 *       routing, chosen at run time by the model from the whole catalog</td></tr>
 * </table>
 *
 * <p>Every one of them still passes the policy engine when it runs: this says what to preview, not
 * what is allowed.
 */
final class StepActions {

  /** The fix for each risk category of the seed's security playbook (singular or plural). */
  static final Map<String, String> FIXES =
      Map.of(
          "exposed_service", "apply_network_policy",
          "missing_network_policy", "apply_network_policy",
          "outdated_image", "update_image",
          "overprivileged_pod", "modify_rbac",
          "unencrypted_secret", "rotate_secrets");

  private static final Pattern RISK_IS = Pattern.compile("risk == '?([A-Za-z0-9_]+)'?");

  /**
   * What one step may take.
   *
   * @param step the step
   * @param actions the canonical catalog actions, sorted; empty when chosen at run time
   * @param withoutAsking those the step's own conditions let it take without asking ({@code
   *     auto_fix_if}); a subset of {@code actions}
   * @param source where they come from, in words
   */
  record Entry(Step step, Set<String> actions, Set<String> withoutAsking, String source) {
    boolean chosenAtRunTime() {
      return actions.isEmpty();
    }
  }

  private StepActions() {}

  /** The steps that take catalog actions, in order. */
  static List<Entry> of(Playbook p) {
    KnownActions known = p.knownActions();
    List<Entry> out = new ArrayList<>();
    for (Step s : p.steps()) {
      Set<String> actions = new TreeSet<>();
      Set<String> withoutAsking = new TreeSet<>();
      String source;
      switch (s.action()) {
        case "apply_scaling":
          known.canonical("scale_deployment").ifPresent(actions::add);
          source = "scaling the deployment";
          break;
        case "auto_fix":
          {
            for (Step earlier : p.steps()) {
              if (earlier.order() < s.order() && earlier.action().equals("identify_risks")) {
                for (String category : ((AssessSpec) earlier.spec()).categories()) {
                  fix(category, known).ifPresent(actions::add);
                }
              }
            }
            for (Condition c : ((ExecuteSpec) s.spec()).autoFixIf()) {
              Matcher m = RISK_IS.matcher(c.normalized());
              while (m.find()) {
                fix(m.group(1), known)
                    .ifPresent(
                        a -> {
                          actions.add(a);
                          withoutAsking.add(a);
                        });
              }
            }
            source = "the fixes of the risks found";
            break;
          }
        case "apply_optimizations":
          for (Step earlier : p.steps()) {
            if (earlier.order() < s.order() && earlier.spec() instanceof PlanSpec) {
              ((PlanSpec) earlier.spec())
                  .opportunities()
                  .forEach(o -> known.canonical(o.type()).ifPresent(actions::add));
            }
          }
          source = "the savings opportunities planned";
          break;
        case "run_remediation":
          if (p.routing().isPresent()) {
            p.routing()
                .get()
                .rules()
                .forEach(r -> r.runbook().forEach(a -> known.canonical(a).ifPresent(actions::add)));
            p.routing().get().fallback().forEach(a -> known.canonical(a).ifPresent(actions::add));
            source = "the routing's runbooks";
          } else {
            source = "chosen at run time by the model from the catalog";
          }
          break;
        default:
          if (known.canonical(s.action()).isEmpty()) {
            continue;
          }
          actions.add(known.canonical(s.action()).get());
          source = "its own action";
      }
      out.add(new Entry(s, actions, withoutAsking, source));
    }
    return out;
  }

  /** Every action the entries name, sorted. */
  static Set<String> all(List<Entry> entries) {
    Set<String> all = new TreeSet<>();
    entries.forEach(e -> all.addAll(e.actions()));
    return all;
  }

  /** The fix of a risk category, singular or plural, if the catalog knows it. */
  private static Optional<String> fix(String category, KnownActions known) {
    String c = category.toLowerCase(Locale.ROOT);
    String fix = FIXES.get(c);
    if (fix == null && c.endsWith("s")) {
      fix = FIXES.get(c.substring(0, c.length() - 1));
    }
    return fix == null ? Optional.empty() : known.canonical(fix);
  }
}
