package io.github.aiplaybooks.dsl.load;

import io.github.aiplaybooks.core.playbook.AlertTrigger;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.ReceiveSpec;
import io.github.aiplaybooks.core.playbook.Schedule;
import io.github.aiplaybooks.core.playbook.ScheduleTrigger;
import io.github.aiplaybooks.core.playbook.Trigger;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The seed's five playbooks, shipped as resources exactly as the seed writes them ({@code
 * playbooks/autonomous-incident-response.json}, {@code predictive-scaling.json}, {@code
 * security-optimization.json}, {@code cost-optimization.json}, {@code automated-rollback.json}).
 *
 * <p>The seed's JSON has no trigger and no routing: it states them in prose and in a drawing.
 * {@link #load(String)} attaches them, typed:
 *
 * <table>
 *   <caption>What the seed says, and what is attached</caption>
 *   <tr><th>playbook</th><th>seed</th><th>trigger</th></tr>
 *   <tr><td>autonomous-incident-response</td><td>Any P0/P1 alert</td>
 *       <td>alert of severity P0, P1 from the sources of step 1, and the decision tree as {@code
 *       routing} (from {@code playbooks/autonomous-incident-response.routing.json})</td></tr>
 *   <tr><td>predictive-scaling</td><td>Scheduled (every 5 minutes)</td>
 *       <td>{@code *}{@code /5 * * * *} in UTC</td></tr>
 *   <tr><td>security-optimization</td><td>Daily at 2am UTC</td><td>{@code 0 2 * * *} in UTC</td></tr>
 *   <tr><td>cost-optimization</td><td>Weekly on Monday 6am UTC</td><td>{@code 0 6 * * 1} in
 *       UTC</td></tr>
 *   <tr><td>automated-rollback</td><td>Deployment health check failure</td><td>the health check
 *       of step 1, as the loader derives it anyway</td></tr>
 * </table>
 *
 * <pre>{@code
 * Playbook rollback = SeedPlaybooks.load("automated-rollback");
 * Playbook asWritten = SeedPlaybooks.loadAsWritten("predictive-scaling");  // manual trigger
 * }</pre>
 */
public final class SeedPlaybooks {

  /** The five names, in the seed's order. */
  public static final List<String> NAMES =
      List.of(
          "autonomous-incident-response",
          "predictive-scaling",
          "security-optimization",
          "cost-optimization",
          "automated-rollback");

  private static final String ROUTING = "autonomous-incident-response";
  private static final ZoneId UTC = ZoneId.of("UTC");

  private SeedPlaybooks() {}

  /** The resource holding the seed's JSON for {@code name}: {@code playbooks/NAME.json}. */
  public static String resource(String name) {
    return "playbooks/" + checked(name) + ".json";
  }

  /**
   * The resource holding the decision tree of {@code name} as a routing fragment, {@code
   * playbooks/NAME.routing.json}; only {@code autonomous-incident-response} has one.
   *
   * @throws IllegalArgumentException if {@code name} is not one with a decision tree
   */
  public static String routingResource(String name) {
    if (!ROUTING.equals(checked(name))) {
      throw new IllegalArgumentException(
          "name: '" + name + "' has no decision tree; only " + ROUTING + " has one");
    }
    return "playbooks/" + name + ".routing.json";
  }

  /** The seed's JSON for {@code name}, exactly as shipped. */
  public static String json(String name) {
    return read(resource(name));
  }

  /**
   * The playbook as the seed's JSON writes it, without the prose trigger: the trigger is derived
   * from the first step.
   *
   * @throws IllegalArgumentException if {@code name} is not one of {@link #NAMES}
   */
  public static Playbook loadAsWritten(String name) {
    return PlaybookLoader.standard().load(resource(name), json(name), PlaybookFormat.JSON);
  }

  /**
   * The playbook with the trigger the seed states in prose and, for the incident response, its
   * decision tree as routing.
   *
   * @throws IllegalArgumentException if {@code name} is not one of {@link #NAMES}
   */
  public static Playbook load(String name) {
    Playbook p;
    if (checked(name).equals(ROUTING)) {
      // The routing is checked as part of the playbook, like any playbook's.
      p =
          PlaybookLoader.standard()
              .loadWithRouting(
                  new PlaybookLoader.Document(resource(name), json(name), PlaybookFormat.JSON),
                  new PlaybookLoader.Document(
                      routingResource(name), read(routingResource(name)), PlaybookFormat.JSON));
    } else {
      p = loadAsWritten(name);
    }
    Optional<Trigger> trigger = proseTrigger(p);
    return trigger.isPresent() ? p.toBuilder().trigger(trigger.get()).build() : p;
  }

  /** All five, by name, in the seed's order, each as {@link #load(String)} gives it. */
  public static Map<String, Playbook> all() {
    Map<String, Playbook> all = new LinkedHashMap<>();
    NAMES.forEach(n -> all.put(n, load(n)));
    return all;
  }

  private static Optional<Trigger> proseTrigger(Playbook p) {
    switch (p.name()) {
      case "autonomous-incident-response":
        return Optional.of(
            new AlertTrigger(
                ((ReceiveSpec) p.steps().get(0).spec()).sources(), List.of("P0", "P1")));
      case "predictive-scaling":
        return Optional.of(new ScheduleTrigger(Schedule.every(Duration.ofMinutes(5))));
      case "security-optimization":
        return Optional.of(new ScheduleTrigger(Schedule.daily(LocalTime.of(2, 0), UTC)));
      case "cost-optimization":
        return Optional.of(
            new ScheduleTrigger(Schedule.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), UTC)));
      default:
        return Optional.empty();
    }
  }

  private static String checked(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "name: '"
              + name
              + "' is not a seed playbook; the seed's are "
              + String.join(", ", NAMES));
    }
    return name;
  }

  private static String read(String resource) {
    try (InputStream in = SeedPlaybooks.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
