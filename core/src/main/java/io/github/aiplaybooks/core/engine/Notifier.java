package io.github.aiplaybooks.core.engine;

import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link Notification}s to channels: Slack, PagerDuty, e-mail, or anything the host wires up.
 * The engine sends notify steps' messages, report steps' reports and escalations through it, and
 * records each (a notifier that throws is recorded as a failed delivery; the run goes on).
 *
 * <pre>{@code
 * Notifier notifier = Notifier.byChannel(Map.of("slack", slack::post, "pagerduty", pagerDuty::page),
 *     Notifier.logging());
 * }</pre>
 *
 * <p>Implementations must be thread-safe. The testkit's {@code RecordingNotifier} records them.
 */
@FunctionalInterface
public interface Notifier {

  /** Sends one notification; throws if it could not be delivered. */
  void send(Notification notification);

  /**
   * A notifier that logs each notification at INFO (logger {@code io.github.aiplaybooks.notify}).
   */
  static Notifier logging() {
    Logger log = LoggerFactory.getLogger("io.github.aiplaybooks.notify");
    return n ->
        log.info("[{}] {} {}: {}", n.channel(), n.kind(), n.subject(), firstLine(n.message()));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " ...";
  }

  /**
   * A notifier that sends to the notifier of the notification's channel, or to {@code fallback} for
   * a channel without one.
   */
  static Notifier byChannel(Map<String, Notifier> channels, Notifier fallback) {
    Map<String, Notifier> copy = Map.copyOf(channels);
    Objects.requireNonNull(fallback, "fallback");
    return n -> copy.getOrDefault(n.channel(), fallback).send(n);
  }
}
