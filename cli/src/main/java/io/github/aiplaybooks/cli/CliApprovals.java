package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.approval.ApprovalHandler;
import io.github.aiplaybooks.core.approval.ApprovalRequest;
import io.github.aiplaybooks.core.approval.ApprovalResponse;
import io.github.aiplaybooks.core.approval.ConsoleApprovalHandler;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The approval handlers {@code run --approve} chooses from. */
final class CliApprovals {

  /** What {@code --approve} says. */
  enum Mode {
    /** Every request is denied: what needs a human does not run. */
    DENY,
    /** Every request is approved, without a human: for demos and tests only. */
    AUTO,
    /** Each request is asked on the console; only {@code y} approves. */
    INTERACTIVE
  }

  /** Reads {@code deny}, {@code auto} or {@code interactive}. */
  static final class ModeConverter implements ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      for (Mode m : Mode.values()) {
        if (m.name().toLowerCase(Locale.ROOT).equals(value)) {
          return m;
        }
      }
      throw new TypeConversionException(
          "expected one of deny, auto, interactive; found '" + value + "'");
    }
  }

  private CliApprovals() {}

  /**
   * The handler for {@code mode}. An interactive handler reads {@code in} and writes {@code out};
   * it answers before {@link ApprovalHandler#request} returns, so the engine's deadline (kept by a
   * simulated clock that jumps over waits) does not run out while a person reads the question.
   */
  static ApprovalHandler of(Mode mode, InputStream in, PrintWriter out, Clock clock) {
    switch (mode) {
      case AUTO:
        return request ->
            CompletableFuture.completedFuture(
                ApprovalResponse.approve(
                    "playbooks run --approve auto", "approved without a human (--approve auto)"));
      case INTERACTIVE:
        ConsoleApprovalHandler console =
            ConsoleApprovalHandler.builder()
                .in(new InputStreamReader(in, StandardCharsets.UTF_8))
                .out(new PrintStream(new WriterStream(out), true, StandardCharsets.UTF_8))
                .clock(clock)
                .approver("console")
                .build();
        return new Synchronous(console);
      default:
        return ApprovalHandler.alwaysDeny();
    }
  }

  /** Waits for the wrapped handler's answer before returning it. */
  private static final class Synchronous implements ApprovalHandler {
    private final ApprovalHandler delegate;

    Synchronous(ApprovalHandler delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletionStage<ApprovalResponse> request(ApprovalRequest request) {
      try {
        return CompletableFuture.completedFuture(
            delegate.request(request).toCompletableFuture().join());
      } catch (CompletionException e) {
        return CompletableFuture.failedFuture(e.getCause() == null ? e : e.getCause());
      }
    }

    @Override
    public String toString() {
      return "interactive " + delegate;
    }
  }

  /** Bytes written as UTF-8 text to a {@link PrintWriter}, decoded a line (or flush) at a time. */
  private static final class WriterStream extends OutputStream {
    private final PrintWriter out;
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

    WriterStream(PrintWriter out) {
      this.out = out;
    }

    @Override
    public synchronized void write(int b) {
      pending.write(b);
      if (b == '\n') {
        flush();
      }
    }

    @Override
    public synchronized void flush() {
      out.print(pending.toString(StandardCharsets.UTF_8));
      pending.reset();
      out.flush();
    }
  }
}
