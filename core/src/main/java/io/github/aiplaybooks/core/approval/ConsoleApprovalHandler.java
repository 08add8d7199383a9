package io.github.aiplaybooks.core.approval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Asks on a terminal: prints the request's {@linkplain ApprovalRequest#summary() summary} and reads
 * {@code y} or {@code N} from a {@link Reader} until the request's deadline. Only {@code y} or
 * {@code yes} (any case) approves; any other line, the end of the input, or no answer by the
 * deadline denies.
 *
 * <pre>{@code
 * ApprovalHandler console = ConsoleApprovalHandler.builder()
 *     .in(new InputStreamReader(System.in, StandardCharsets.UTF_8))
 *     .out(System.out)
 *     .build();
 * }</pre>
 *
 * <p>One daemon thread reads lines as they come. Answers may be piped in ahead ({@code echo y |
 * playbooks run ...}); but lines typed after a question timed out are dropped when the next
 * question starts, so they are not mistaken for its answer. Requests are asked one at a time.
 * Thread-safe.
 */
public final class ConsoleApprovalHandler implements ApprovalHandler {
  private static final String END = new String("<end of input>");

  private final PrintStream out;
  private final Clock clock;
  private final String approver;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Object oneAtATime = new Object();
  private boolean lastTimedOut;

  private ConsoleApprovalHandler(Builder b) {
    this.out = b.out;
    this.clock = b.clock;
    this.approver = b.approver;
    BufferedReader reader =
        b.in instanceof BufferedReader ? (BufferedReader) b.in : new BufferedReader(b.in);
    Thread t = new Thread(() -> readLines(reader), "playbooks-console-approval");
    t.setDaemon(true);
    t.start();
  }

  /** A builder reading {@code System.in} and writing {@code System.out}. */
  public static Builder builder() {
    return new Builder();
  }

  private void readLines(BufferedReader reader) {
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // Unreadable input answers nothing more: every later request is denied.
    }
    lines.add(END);
  }

  @Override
  public CompletionStage<ApprovalResponse> request(ApprovalRequest request) {
    Objects.requireNonNull(request, "request");
    CompletableFuture<ApprovalResponse> answer = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                answer.complete(ask(request));
              } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
              }
            },
            "playbooks-console-approval-" + request.requestId());
    t.setDaemon(true);
    t.start();
    return answer;
  }

  private ApprovalResponse ask(ApprovalRequest request) {
    synchronized (oneAtATime) {
      // Lines typed after an earlier question timed out answered that question, not this one.
      // Lines given before the first question are answers (input piped in ahead).
      if (lastTimedOut) {
        String stale;
        while ((stale = lines.poll()) != null) {
          if (stale == END) {
            lines.add(END);
            break;
          }
        }
        lastTimedOut = false;
      }
      out.println(request.summary());
      out.print("Approve? [y/N] ");
      out.flush();
      String line;
      try {
        Duration left = Duration.between(clock.instant(), request.deadline());
        line = left.isNegative() ? null : lines.poll(left.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        line = null;
      }
      if (line == null) {
        lastTimedOut = true;
        out.println();
        out.println("No answer by " + request.deadline() + ": denied.");
        return ApprovalResponse.deny(approver, "no answer on the console by the deadline");
      }
      if (line == END) {
        lines.add(END);
        out.println();
        return ApprovalResponse.deny(approver, "the console input ended");
      }
      String a = line.strip().toLowerCase(Locale.ROOT);
      boolean yes = a.equals("y") || a.equals("yes");
      out.println(yes ? "Approved." : "Denied.");
      return yes
          ? ApprovalResponse.approve(approver, "approved on the console")
          : ApprovalResponse.deny(approver, "denied on the console");
    }
  }

  @Override
  public String toString() {
    return "ConsoleApprovalHandler[" + approver + "]";
  }

  /** Builds a {@link ConsoleApprovalHandler}. */
  public static final class Builder {
    private Reader in;
    private PrintStream out = System.out;
    private Clock clock = Clock.systemUTC();
    private String approver = "console:" + System.getProperty("user.name", "unknown");

    private Builder() {}

    /** Where answers are read; {@code System.in} (UTF-8) unless set. */
    public Builder in(Reader in) {
      this.in = Objects.requireNonNull(in, "in");
      return this;
    }

    /** Where questions are printed; {@code System.out} unless set. */
    public Builder out(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    /** The clock deadlines are measured with; the UTC system clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The approver named in answers; {@code console:<user name>} unless set. */
    public Builder approver(String approver) {
      this.approver = Objects.requireNonNull(approver, "approver");
      return this;
    }

    /** The handler; starts its reading thread. */
    public ConsoleApprovalHandler build() {
      if (in == null) {
        in = new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8);
      }
      return new ConsoleApprovalHandler(this);
    }
  }
}
