package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.core.approval.ApprovalHandler;
import io.github.aiplaybooks.core.approval.ApprovalRequest;
import io.github.aiplaybooks.core.approval.ApprovalResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An {@link ApprovalHandler} for tests: it records every request and answers by a rule, or leaves
 * the answer to the test ({@link #pending()}), which can take its time to test waiting and
 * timeouts.
 *
 * <pre>{@code
 * RecordingApprovalHandler approvals = RecordingApprovalHandler.answering(r -> ApprovalResponse.deny("bob", "no"));
 * RecordingApprovalHandler manual = RecordingApprovalHandler.manual();
 * CompletableFuture<RunResult> run = engine.runAsync(playbook, trigger);
 * RecordingApprovalHandler.Pending p = manual.next(Duration.ofSeconds(10));
 * p.approve("alice");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RecordingApprovalHandler implements ApprovalHandler {

  /** A request waiting for the test's answer. */
  public static final class Pending {
    private final ApprovalRequest request;
    private final CompletableFuture<ApprovalResponse> answer = new CompletableFuture<>();

    private Pending(ApprovalRequest request) {
      this.request = request;
    }

    /** The request. */
    public ApprovalRequest request() {
      return request;
    }

    /** Approves it. */
    public void approve(String approver) {
      answer.complete(ApprovalResponse.approve(approver, "approved by the test"));
    }

    /** Denies it. */
    public void deny(String approver) {
      answer.complete(ApprovalResponse.deny(approver, "denied by the test"));
    }

    /** Fails it, as a broken handler would. */
    public void fail(RuntimeException e) {
      answer.completeExceptionally(e);
    }
  }

  private final Function<ApprovalRequest, ApprovalResponse> rule;
  private final List<ApprovalRequest> requests = new ArrayList<>();
  private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();

  private RecordingApprovalHandler(Function<ApprovalRequest, ApprovalResponse> rule) {
    this.rule = rule;
  }

  /** A handler that answers each request at once with {@code rule}. */
  public static RecordingApprovalHandler answering(
      Function<ApprovalRequest, ApprovalResponse> rule) {
    return new RecordingApprovalHandler(Objects.requireNonNull(rule, "rule"));
  }

  /** A handler that approves everything at once (recording it). */
  public static RecordingApprovalHandler approvingAll() {
    return answering(r -> ApprovalResponse.approve("test", "approved by the test"));
  }

  /** A handler that denies everything at once (recording it). */
  public static RecordingApprovalHandler denyingAll() {
    return answering(r -> ApprovalResponse.deny("test", "denied by the test"));
  }

  /** A handler that leaves every answer to the test: see {@link #next}. */
  public static RecordingApprovalHandler manual() {
    return new RecordingApprovalHandler(null);
  }

  @Override
  public CompletionStage<ApprovalResponse> request(ApprovalRequest request) {
    synchronized (this) {
      requests.add(request);
    }
    if (rule != null) {
      return CompletableFuture.completedFuture(rule.apply(request));
    }
    Pending p = new Pending(request);
    pending.add(p);
    return p.answer;
  }

  /**
   * The next request waiting for an answer, waiting for one up to {@code timeout} (real time).
   *
   * @throws AssertionError if none comes
   */
  public Pending next(Duration timeout) {
    try {
      Pending p = pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (p == null) {
        throw new AssertionError("RecordingApprovalHandler: no approval request within " + timeout);
      }
      return p;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Every request, in order. */
  public synchronized List<ApprovalRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests still waiting for the test's answer. */
  public List<Pending> pending() {
    return List.copyOf(pending);
  }
}
