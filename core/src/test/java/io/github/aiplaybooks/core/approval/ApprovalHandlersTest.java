package io.github.aiplaybooks.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.aiplaybooks.core.policy.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class ApprovalHandlersTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private HttpServer http;

  @AfterEach
  void stop() {
    if (http != null) {
      http.stop(0);
    }
  }

  private static ApprovalRequest request(Instant deadline) {
    return new ApprovalRequest(
        "6_execute/p1",
        "run-1",
        "autonomous-incident-response",
        "6_execute",
        "delete_node",
        Target.of("node", null, "ip-10-0-1-1"),
        JsonNodeFactory.instance.objectNode(),
        "delete node ip-10-0-1-1 and its 3 pods",
        "require_approval[0]: delete_node",
        List.of("require_approval[0]: the action is delete_node"),
        JsonNodeFactory.instance.objectNode().put("blast_radius", 3),
        JsonNodeFactory.instance.objectNode().put("blast_radius", 0),
        null,
        false,
        Instant.parse("2024-01-01T03:00:00Z"),
        deadline);
  }

  private URI serve(int status, String body, List<JsonNode> received) throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/approve",
        exchange -> {
          received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
          byte[] out = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
          if (out.length > 0) {
            exchange.getResponseBody().write(out);
          }
          exchange.close();
        });
    http.start();
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/approve");
  }

  private static ApprovalResponse ask(ApprovalHandler h, ApprovalRequest r) throws Exception {
    return h.request(r).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theWebhookPostsTheRequestAndReadsTheAnswer() throws Exception {
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    URI uri =
        serve(200, "{\"approved\": true, \"approver\": \"alice\", \"comment\": \"go\"}", received);
    ApprovalResponse r =
        ask(
            WebhookApprovalHandler.builder(uri).header("Authorization", "Bearer s3cr3t").build(),
            request(Instant.MAX));

    assertThat(r).isEqualTo(ApprovalResponse.approve("alice", "go"));
    JsonNode posted = received.get(0);
    assertThat(posted.get("run_id").asString()).isEqualTo("run-1");
    assertThat(posted.get("action").asString()).isEqualTo("delete_node");
    assertThat(posted.get("target").get("name").asString()).isEqualTo("ip-10-0-1-1");
    assertThat(posted.get("rule").asString()).isEqualTo("require_approval[0]: delete_node");
    assertThat(posted.get("trusted_facts").get("blast_radius").asInt()).isEqualTo(3);
    assertThat(posted.get("claimed_facts").get("blast_radius").asInt()).isZero();
    assertThat(posted.get("deadline").asString()).isEqualTo(Instant.MAX.toString());
  }

  @Test
  void anythingButA2xxWithABooleanApprovedIsADenialThatSaysWhy() throws Exception {
    String[][] cases = {
      {"500", "{\"approved\": true}", "answered HTTP 500"},
      {"200", "not json", "not JSON"},
      {"200", "[true]", "not an object"},
      {"200", "{\"approved\": \"yes\"}", "without a boolean member 'approved'"},
      {"204", "", "not JSON"},
    };
    for (String[] c : cases) {
      stop();
      URI uri = serve(Integer.parseInt(c[0]), c[1], new CopyOnWriteArrayList<>());
      ApprovalResponse r = ask(WebhookApprovalHandler.builder(uri).build(), request(Instant.MAX));
      assertThat(r.approved()).as(c[1]).isFalse();
      assertThat(r.comment()).as(c[1]).contains(c[2]);
    }
    stop();
    // Nobody listening.
    URI closed = serve(200, "{}", new CopyOnWriteArrayList<>());
    stop();
    ApprovalResponse unreachable =
        ask(
            WebhookApprovalHandler.builder(closed).requestTimeout(Duration.ofSeconds(5)).build(),
            request(Instant.MAX));
    assertThat(unreachable.approved()).isFalse();
    assertThat(unreachable.comment()).contains("could not be reached");
  }

  @Test
  void theWebhookNeverPrintsItsHeaders() {
    WebhookApprovalHandler h =
        WebhookApprovalHandler.builder(URI.create("https://approvals.example.com/hook"))
            .header("Authorization", "Bearer s3cr3t")
            .build();
    assertThat(h.toString()).doesNotContain("s3cr3t");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> WebhookApprovalHandler.builder(URI.create("file:///etc/passwd"))))
        .hasMessageContaining("must be an absolute http or https URI");
  }

  @Test
  void theConsolePrintsTheSummaryAndOnlyYesApproves() throws Exception {
    for (String[] c :
        new String[][] {
          {"y\n", "true"}, {"YES\n", "true"}, {"n\n", "false"}, {"sure\n", "false"}, {"", "false"}
        }) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ConsoleApprovalHandler h =
          ConsoleApprovalHandler.builder()
              .in(new StringReader(c[0]))
              .out(new PrintStream(out, true, StandardCharsets.UTF_8))
              .approver("tester")
              .build();
      ApprovalResponse r = ask(h, request(Instant.now().plusSeconds(60)));
      assertThat(r.approved()).as(c[0]).isEqualTo(Boolean.parseBoolean(c[1]));
      assertThat(r.approver()).isEqualTo("tester");
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("Approval needed for run run-1")
          .contains("action:   delete_node on node ip-10-0-1-1")
          .contains("DIFFERS:  blast_radius: claimed 0, trusted 3")
          .contains("rollback: none: this cannot be undone")
          .contains("Approve? [y/N]");
    }
  }

  @Test
  void theConsoleDeniesWhenNoAnswerComesByTheDeadline() throws Exception {
    PipedWriter keyboard = new PipedWriter();
    PipedReader in = new PipedReader(keyboard);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-01T03:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    ConsoleApprovalHandler h =
        ConsoleApprovalHandler.builder()
            .in(in)
            .out(new PrintStream(out, true, StandardCharsets.UTF_8))
            .clock(clock)
            .build();
    // The deadline has passed by the handler's clock: it does not wait for a line.
    ApprovalResponse r = ask(h, request(now.get().minusSeconds(1)));
    assertThat(r.approved()).isFalse();
    assertThat(r.comment()).contains("no answer on the console by the deadline");
    keyboard.close();
  }

  @Test
  void theBuiltInsDenyOrApproveWithoutAHuman() throws Exception {
    assertThat(ask(ApprovalHandler.alwaysDeny(), request(Instant.MAX)).approved()).isFalse();
    assertThat(ask(ApprovalHandler.alwaysApproveForTestsOnly(), request(Instant.MAX)).approved())
        .isTrue();
  }

  @Test
  void anApprovedRecordNeedsAnApprovingResponse() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    new ApprovalRecord(
                        request(Instant.MAX),
                        ApprovalRecord.Status.APPROVED,
                        null,
                        Instant.EPOCH,
                        null)))
        .hasMessageContaining("APPROVED needs an approving response");
    ApprovalRecord denied =
        ApprovalRecord.answered(
            request(Instant.MAX), ApprovalResponse.deny("bob", "not now"), Instant.EPOCH);
    assertThat(denied.toString()).isEqualTo("DENIED by bob (\"not now\")");
  }
}
