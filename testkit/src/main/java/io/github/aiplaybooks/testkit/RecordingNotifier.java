package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.core.engine.Notification;
import io.github.aiplaybooks.core.engine.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Notifier} that keeps every notification, for assertions; it can be told to fail a
 * channel to test failed deliveries.
 *
 * <pre>{@code
 * RecordingNotifier notifier = new RecordingNotifier();
 * ... run with .notifier(notifier) ...
 * assertThat(notifier.toChannel("slack")).hasSize(1);
 * assertThat(notifier.ofKind(Notification.Kind.ESCALATION)).isNotEmpty();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RecordingNotifier implements Notifier {
  private final List<Notification> sent = new ArrayList<>();
  private final List<String> failing = new ArrayList<>();

  /** A notifier that delivers everything. */
  public RecordingNotifier() {}

  /** Makes every later delivery to {@code channel} fail. */
  public synchronized RecordingNotifier failChannel(String channel) {
    failing.add(Objects.requireNonNull(channel, "channel"));
    return this;
  }

  @Override
  public synchronized void send(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    if (failing.contains(notification.channel())) {
      throw new IllegalStateException(
          "RecordingNotifier: channel " + notification.channel() + " is set to fail");
    }
    sent.add(notification);
  }

  /** Every notification delivered, in order. */
  public synchronized List<Notification> sent() {
    return List.copyOf(sent);
  }

  /** The notifications delivered to {@code channel}. */
  public synchronized List<Notification> toChannel(String channel) {
    return sent.stream().filter(n -> n.channel().equals(channel)).toList();
  }

  /** The notifications of {@code kind}. */
  public synchronized List<Notification> ofKind(Notification.Kind kind) {
    return sent.stream().filter(n -> n.kind() == kind).toList();
  }

  /** Forgets every notification. */
  public synchronized void clear() {
    sent.clear();
  }
}
