package io.github.aiplaybooks.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class AuditChainTest {
  @TempDir Path dir;

  static AuditEvent event(long seq) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("n", seq);
    data.put("ratio", new java.math.BigDecimal("1.10"));
    data.put("note", "naïve – ünïcode ✓ \"quoted\"\n");
    data.putArray("reasons").add("b").add("a");
    return new AuditEvent(
        "run-1",
        seq,
        Instant.parse("2024-01-01T00:00:00Z").plusSeconds(seq),
        AuditEventType.STEP_STARTED,
        "step-" + seq,
        data);
  }

  Path write(int events) {
    Path file = dir.resolve("audit.jsonl");
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      for (int i = 1; i <= events; i++) {
        sink.accept(event(i));
      }
    }
    return file;
  }

  static List<String> lines(Path file) throws Exception {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static void rewrite(Path file, List<String> lines) throws Exception {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  static ChainVerification.Broken broken(Path file) {
    ChainVerification v = AuditChainVerifier.ofDefaults().verify(file);
    assertThat(v).isInstanceOf(ChainVerification.Broken.class);
    return (ChainVerification.Broken) v;
  }

  @Test
  void anUntouchedFileIsIntactAndEachLineIsAnEventWithItsHashes() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    String last;
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      for (int i = 1; i <= 5; i++) {
        sink.accept(event(i));
      }
      last = sink.lastHash();
      assertThat(sink.lines()).isEqualTo(5);
    }
    ChainVerification v = AuditChainVerifier.ofDefaults().verify(file);
    assertThat(v).isEqualTo(new ChainVerification.Intact(5, last));
    assertThat(v.intact()).isTrue();

    List<String> lines = lines(file);
    var first = CanonicalJson.read(lines.get(0));
    assertThat(first.get("prev_hash").asString()).isEqualTo("0".repeat(64));
    assertThat(first.get("hash").asString()).matches("[0-9a-f]{64}");
    assertThat(CanonicalJson.read(lines.get(1)).get("prev_hash").asString())
        .isEqualTo(first.get("hash").asString());
    assertThat(CanonicalJson.write(AuditEvent.fromJson(first).toJson()))
        .isEqualTo(CanonicalJson.write(event(1).toJson()));
    assertThat(lines.get(0)).startsWith("{\"data\":");
  }

  @Test
  void aModifiedLineShowsAtThatLine() throws Exception {
    Path file = write(5);
    List<String> lines = lines(file);
    lines.set(2, lines.get(2).replace("\"n\":3", "\"n\":4"));
    rewrite(file, lines);

    ChainVerification.Broken b = broken(file);
    assertThat(b.line()).isEqualTo(3);
    assertThat(b.problem()).isEqualTo(ChainVerification.Problem.MODIFIED);
    assertThat(b.message()).contains(file.toString()).contains("line 3").contains("modified");
  }

  @Test
  void aDeletedLineShowsAtTheLineAfterTheGap() throws Exception {
    Path file = write(5);
    List<String> lines = lines(file);
    lines.remove(2);
    rewrite(file, lines);

    ChainVerification.Broken b = broken(file);
    assertThat(b.line()).isEqualTo(3);
    assertThat(b.problem()).isEqualTo(ChainVerification.Problem.LINK_BROKEN);
    assertThat(b.message()).contains("deleted");
  }

  @Test
  void theFirstLineDeletedShowsAtLineOne() throws Exception {
    Path file = write(3);
    List<String> lines = lines(file);
    lines.remove(0);
    rewrite(file, lines);
    assertThat(broken(file).line()).isEqualTo(1);
  }

  @Test
  void anInsertedLineShowsWhereItWasInserted() throws Exception {
    Path file = write(5);
    List<String> lines = lines(file);
    lines.add(3, lines.get(1));
    rewrite(file, lines);

    ChainVerification.Broken b = broken(file);
    assertThat(b.line()).isEqualTo(4);
    assertThat(b.problem()).isEqualTo(ChainVerification.Problem.LINK_BROKEN);
  }

  @Test
  void aForgedLineWithItsOwnValidHashBreaksTheNextLink() throws Exception {
    Path file = write(4);
    List<String> lines = lines(file);
    String prev = CanonicalJson.read(lines.get(1)).get("hash").asString();
    ObjectNode forged =
        new ChainHasher(null)
            .link(
                prev,
                new AuditEvent(
                        "run-1",
                        9,
                        Instant.EPOCH,
                        AuditEventType.MUTATION,
                        null,
                        JsonNodeFactory.instance.objectNode().put("action", "delete_node"))
                    .toJson());
    lines.add(2, CanonicalJson.write(forged));
    rewrite(file, lines);

    ChainVerification.Broken b = broken(file);
    assertThat(b.line()).isEqualTo(4);
    assertThat(b.problem()).isEqualTo(ChainVerification.Problem.LINK_BROKEN);
  }

  @Test
  void reorderedLinesShowAtTheFirstMovedLine() throws Exception {
    Path file = write(5);
    List<String> lines = lines(file);
    String second = lines.get(1);
    lines.set(1, lines.get(2));
    lines.set(2, second);
    rewrite(file, lines);

    ChainVerification.Broken b = broken(file);
    assertThat(b.line()).isEqualTo(2);
    assertThat(b.problem()).isEqualTo(ChainVerification.Problem.LINK_BROKEN);
  }

  @Test
  void linesCutOffTheEndShowAgainstAKeptLastHash() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    String kept;
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      for (int i = 1; i <= 4; i++) {
        sink.accept(event(i));
      }
      kept = sink.lastHash();
    }
    assertThat(AuditChainVerifier.ofDefaults().verify(file, kept).intact()).isTrue();
    List<String> lines = lines(file);
    lines.remove(3);
    rewrite(file, lines);

    assertThat(AuditChainVerifier.ofDefaults().verify(file).intact()).isTrue();
    ChainVerification v = AuditChainVerifier.ofDefaults().verify(file, kept);
    assertThat(((ChainVerification.Broken) v).problem())
        .isEqualTo(ChainVerification.Problem.END_MISSING);
  }

  @Test
  void aTornLastLineAndGarbageAreReported() throws Exception {
    Path file = write(3);
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.length() - 20));
    ChainVerification.Broken torn = broken(file);
    assertThat(torn.line()).isEqualTo(3);
    assertThat(torn.problem()).isEqualTo(ChainVerification.Problem.TRUNCATED);

    Files.writeString(file, text + "not json\n");
    ChainVerification.Broken garbage = broken(file);
    assertThat(garbage.line()).isEqualTo(4);
    assertThat(garbage.problem()).isEqualTo(ChainVerification.Problem.MALFORMED);

    Files.writeString(file, text + "{\"a\":1}\n");
    assertThat(broken(file).problem()).isEqualTo(ChainVerification.Problem.MALFORMED);
  }

  @Test
  void reopeningContinuesTheChain() {
    Path file = dir.resolve("nested/dir/audit.jsonl");
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      sink.accept(event(1));
      sink.accept(event(2));
    }
    String last;
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      assertThat(sink.lines()).isEqualTo(2);
      sink.accept(event(3));
      last = sink.lastHash();
    }
    try (JsonLinesAuditSink sink =
        JsonLinesAuditSink.builder(file).verifyOnOpen(false).syncOnWrite(true).open()) {
      assertThat(sink.lastHash()).isEqualTo(last);
      assertThat(sink.lines()).isEqualTo(3);
      sink.accept(event(4));
      last = sink.lastHash();
    }
    assertThat(AuditChainVerifier.ofDefaults().verify(file))
        .isEqualTo(new ChainVerification.Intact(4, last));
  }

  @Test
  void appendingToABrokenChainIsRefused() throws Exception {
    Path file = write(3);
    List<String> lines = lines(file);
    lines.remove(1);
    rewrite(file, lines);
    assertThatThrownBy(() -> JsonLinesAuditSink.open(file))
        .isInstanceOfSatisfying(
            AuditException.class, e -> assertThat(e.code()).isEqualTo("AUDIT_CHAIN_BROKEN"))
        .hasMessageContaining("line 2");
    // The refused open released the file: a repaired file opens again.
    Files.delete(file);
    JsonLinesAuditSink.open(file).close();
  }

  @Test
  void aSecondWriterIsRefusedWhileTheFirstHoldsTheFile() {
    Path file = dir.resolve("audit.jsonl");
    try (JsonLinesAuditSink first = JsonLinesAuditSink.open(file)) {
      assertThatThrownBy(() -> JsonLinesAuditSink.open(file))
          .isInstanceOfSatisfying(
              AuditException.class, e -> assertThat(e.code()).isEqualTo("AUDIT_FILE_LOCKED"))
          .hasMessageContaining(file.toString());
      first.accept(event(1));
    }
    JsonLinesAuditSink closed = JsonLinesAuditSink.open(file);
    closed.close();
    assertThatThrownBy(() -> closed.accept(event(2)))
        .isInstanceOfSatisfying(
            AuditException.class, e -> assertThat(e.code()).isEqualTo("AUDIT_SINK_CLOSED"));
  }

  @Test
  void anHmacChainNeedsTheKeyToVerify() {
    byte[] key = "0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("hmac.jsonl");
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.builder(file).hmacKey(key).open()) {
      sink.accept(event(1));
      sink.accept(event(2));
    }
    assertThat(AuditChainVerifier.builder().hmacKey(key).build().verify(file).intact()).isTrue();
    ChainVerification without = AuditChainVerifier.ofDefaults().verify(file);
    assertThat(((ChainVerification.Broken) without).problem())
        .isEqualTo(ChainVerification.Problem.MODIFIED);
    assertThatThrownBy(() -> JsonLinesAuditSink.open(file))
        .hasMessageContaining("broken audit chain");
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.builder(file).hmacKey(key).open()) {
      sink.accept(event(3));
    }
    assertThatThrownBy(() -> JsonLinesAuditSink.builder(file).hmacKey(new byte[4]))
        .hasMessageContaining("hmacKey");
  }

  @Test
  void aMissingFileIsAnEmptyIntactChain() {
    assertThat(AuditChainVerifier.ofDefaults().verify(dir.resolve("none.jsonl")))
        .isEqualTo(new ChainVerification.Intact(0, "0".repeat(64)));
  }
}
