package io.github.aiplaybooks.mcp.client;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory up to a limit. A body announced or found to be longer is not
 * kept: the subscription is cancelled (the HTTP client then drops the connection) and the result
 * says it was oversized, so a server cannot make the client buffer without bound.
 */
final class BoundedBodySubscriber
    implements HttpResponse.BodySubscriber<BoundedBodySubscriber.Body> {

  /** The body, or an empty array when it was over the limit. */
  record Body(byte[] bytes, boolean oversized) {}

  private final int limit;
  private final long announcedLength;
  private final CompletableFuture<Body> result = new CompletableFuture<>();
  private final List<ByteBuffer> buffers = new ArrayList<>();
  private Flow.Subscription subscription;
  private long received;

  BoundedBodySubscriber(int limit, long announcedLength) {
    this.limit = limit;
    this.announcedLength = announcedLength;
  }

  @Override
  public CompletionStage<Body> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (announcedLength > limit) {
      oversized();
      return;
    }
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      received += b.remaining();
      buffers.add(b);
    }
    if (received > limit) {
      oversized();
    }
  }

  private void oversized() {
    buffers.clear();
    subscription.cancel();
    result.complete(new Body(new byte[0], true));
  }

  @Override
  public void onError(Throwable throwable) {
    buffers.clear();
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    if (result.isDone()) {
      return;
    }
    byte[] bytes = new byte[(int) received];
    int at = 0;
    for (ByteBuffer b : buffers) {
      int n = b.remaining();
      b.get(bytes, at, n);
      at += n;
    }
    buffers.clear();
    result.complete(new Body(bytes, false));
  }
}
