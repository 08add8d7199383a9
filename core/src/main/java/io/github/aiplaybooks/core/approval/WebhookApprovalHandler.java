package io.github.aiplaybooks.core.approval;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;

/**
 * Asks a web service: POSTs the {@link ApprovalRequest} as JSON to a URL and reads the answer from
 * the response body, {@code {"approved": true|false, "approver": "...", "comment": "..."}}. Any
 * error — the connection fails, the status is not 2xx, the body is not that JSON, {@code approved}
 * is missing or not a boolean — is a denial that says why; it never approves by accident.
 *
 * <pre>{@code
 * ApprovalHandler webhook = WebhookApprovalHandler.builder(URI.create("https://approvals.example.com/hook"))
 *     .header("Authorization", "Bearer " + token)
 *     .requestTimeout(Duration.ofMinutes(15))
 *     .build();
 * }</pre>
 *
 * <p>The service may answer at once or hold the request open until a human decides, up to the
 * request timeout (default 15 minutes; the engine's approval deadline applies as well). Uses the
 * JDK {@link HttpClient}. Thread-safe.
 */
public final class WebhookApprovalHandler implements ApprovalHandler {
  private final URI uri;
  private final HttpClient client;
  private final Map<String, String> headers;
  private final Duration requestTimeout;

  private WebhookApprovalHandler(Builder b) {
    this.uri = b.uri;
    this.client =
        b.client != null
            ? b.client
            : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.headers = Map.copyOf(b.headers);
    this.requestTimeout = b.requestTimeout;
  }

  /**
   * A builder posting to {@code uri}.
   *
   * @throws IllegalArgumentException if {@code uri} is not an absolute http or https URI
   */
  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  /** Where requests are posted. */
  public URI uri() {
    return uri;
  }

  @Override
  public CompletionStage<ApprovalResponse> request(ApprovalRequest request) {
    Objects.requireNonNull(request, "request");
    byte[] body;
    try {
      body = ApprovalJson.MAPPER.writeValueAsBytes(request);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(deny("the request could not be written: " + e));
    }
    HttpRequest.Builder http =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(http::header);
    try {
      return client
          .sendAsync(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
          .handle(
              (response, error) -> {
                if (error != null) {
                  return deny("the approval service at " + uri + " could not be reached: " + error);
                }
                return read(response);
              });
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(deny("the request could not be sent: " + e));
    }
  }

  private ApprovalResponse read(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      return deny("the approval service at " + uri + " answered HTTP " + status);
    }
    JsonNode json;
    try {
      json = ApprovalJson.MAPPER.readTree(response.body());
    } catch (RuntimeException e) {
      return deny("the approval service at " + uri + " answered something that is not JSON");
    }
    if (json == null || json.isMissingNode()) {
      return deny("the approval service at " + uri + " answered an empty body, not JSON");
    }
    if (!json.isObject()) {
      return deny("the approval service at " + uri + " answered JSON that is not an object");
    }
    JsonNode approved = json.get("approved");
    if (approved == null || !approved.isBoolean()) {
      return deny(
          "the approval service at " + uri + " answered without a boolean member 'approved'");
    }
    return new ApprovalResponse(
        approved.booleanValue(), text(json, "approver"), text(json, "comment"));
  }

  private static String text(JsonNode json, String member) {
    JsonNode v = json.get(member);
    return v != null && v.isString() ? v.stringValue() : null;
  }

  private ApprovalResponse deny(String why) {
    return ApprovalResponse.deny("webhook:" + uri.getHost(), why);
  }

  @Override
  public String toString() {
    // Headers may hold credentials: never print them.
    return "WebhookApprovalHandler[" + uri + "]";
  }

  /** Builds a {@link WebhookApprovalHandler}. */
  public static final class Builder {
    private final URI uri;
    private HttpClient client;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration requestTimeout = Duration.ofMinutes(15);

    private Builder(URI uri) {
      Objects.requireNonNull(uri, "uri");
      String scheme = uri.getScheme();
      if (!uri.isAbsolute()
          || scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        throw new IllegalArgumentException(
            "uri: must be an absolute http or https URI, was " + uri);
      }
      this.uri = uri;
    }

    /** The HTTP client; a new one with a 10-second connect timeout unless set. */
    public Builder httpClient(HttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Adds a header to every request, such as {@code Authorization}. */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * How long to wait for the answer; 15 minutes unless set.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("requestTimeout: must be positive, was " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /** The handler. */
    public WebhookApprovalHandler build() {
      return new WebhookApprovalHandler(this);
    }
  }
}
