package io.toolgate.audit;

import static io.toolgate.audit.AuditLogs.KEYS;
import static io.toolgate.audit.AuditLogs.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.audit.AuditLogVerifier.Tamper;
import io.toolgate.audit.AuditLogVerifier.Verification;
import io.toolgate.internal.CanonicalJson;
import io.toolgate.internal.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** What the verifier reports, and where, for each way of tampering; and what it cannot see. */
class AuditLogVerifierTest {
  @TempDir Path dir;

  Path write(int decisions) {
    Path file = dir.resolve("audit.jsonl");
    try (ChainedAuditLog log =
        ChainedAuditLog.builder(file, KEYS.getPrivate())
            .checkpointEvery(4, Duration.ofHours(1))
            .build()) {
      for (int i = 0; i < decisions; i++) {
        log.onDecision(event(i));
      }
    }
    return file;
  }

  Verification verify(Path file) {
    return AuditLogVerifier.read(List.of(file)).verify(KEYS.getPublic());
  }

  @Test
  void verify_editedDecision_namesTheEditedLine() throws IOException {
    Path file = write(10);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(2, lines.get(2).replace("\"DENY\"", "\"ALLOW\""));
    Files.write(file, lines);
    Verification v = verify(file);
    assertThat(v.finding().kind()).isEqualTo(Tamper.EDITED);
    assertThat(v.finding().toString()).startsWith(file + ":3: edited: ");
  }

  @Test
  void verify_rewrittenWithRecomputedChain_isForgedAtTheCheckpoint() throws IOException {
    Path file = write(10);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    JsonMapper json = JsonMapper.builder().build();
    // Rewrite line 7 (entry 6) and recompute every later prev: the chain holds, the root does not.
    String prev = Digests.sha256Hex(lines.get(5));
    for (int i = 6; i < lines.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, Object> o = new LinkedHashMap<>(json.readValue(lines.get(i), Map.class));
      o.put("prev", prev);
      if (i == 6) {
        o.put("effect", "ALLOW");
      }
      lines.set(i, CanonicalJson.write(o));
      prev = Digests.sha256Hex(lines.get(i));
    }
    Files.write(file, lines);
    Verification v = verify(file);
    assertThat(v.finding().kind()).isEqualTo(Tamper.FORGED);
    // Entries 0-3 and the checkpoint at line 5 still verify; the lie is after it.
    assertThat(v.finding().line()).isEqualTo(6);
    assertThat(v.finding().message()).contains(file + ":10");
  }

  @Test
  void verify_otherKey_isForged() {
    Path file = write(3);
    Verification v = AuditLogVerifier.read(List.of(file)).verify(AuditLogs.keys().getPublic());
    assertThat(v.finding().kind()).isEqualTo(Tamper.FORGED);
    assertThat(v.finding().message()).contains("signature does not verify");
  }

  @Test
  void verify_deletedAndSwappedLines_areNamed() throws IOException {
    Path file = write(10);
    List<String> original = Files.readAllLines(file);
    List<String> lines = new ArrayList<>(original);
    lines.remove(3);
    Files.write(file, lines);
    assertThat(verify(file).finding().toString())
        .isEqualTo(file + ":4: deleted: entry 3 is missing before this line");
    lines = new ArrayList<>(original);
    java.util.Collections.swap(lines, 1, 2);
    Files.write(file, lines);
    assertThat(verify(file).finding().toString())
        .isEqualTo(file + ":2: reordered: entry 2 comes before entry 1 (" + file + ":3)");
  }

  @Test
  void verify_logNeverClosed_isIntactWithItsUncoveredTailCounted() {
    Path file = dir.resolve("audit.jsonl");
    ChainedAuditLog log =
        ChainedAuditLog.builder(file, KEYS.getPrivate())
            .checkpointEvery(4, Duration.ofHours(1))
            .build();
    for (int i = 0; i < 6; i++) {
      log.onDecision(event(i));
    }
    log.endOfBatch(); // flushed, as the queue's consumer does; the writer then "crashes"
    Verification v = verify(file);
    assertThat(v.intact()).isTrue();
    assertThat(v.closed()).isFalse();
    assertThat(v.checkpoints()).isEqualTo(1);
    assertThat(v.uncovered()).isEqualTo(2);
    log.close();
    Verification closed = verify(file);
    assertThat(closed.closed()).isTrue();
    assertThat(closed.uncovered()).isZero();
  }

  @Test
  void verify_cutBeforeATrustedCheckpoint_isTruncated() throws IOException {
    Path file = write(10);
    AuditLogVerifier before = AuditLogVerifier.read(List.of(file));
    Checkpoint last = before.checkpoints().get(before.checkpoints().size() - 1).checkpoint();
    List<String> lines = Files.readAllLines(file);
    Files.write(file, lines.subList(0, lines.size() - 3));
    // Without the trusted checkpoint, a cut after a checkpoint looks like a log still written.
    assertThat(verify(file).intact()).isTrue();
    Verification v = AuditLogVerifier.read(List.of(file)).verify(KEYS.getPublic(), last);
    assertThat(v.finding().kind()).isEqualTo(Tamper.TRUNCATED);
    assertThat(v.finding().line()).isEqualTo(lines.size() - 2);
  }

  @Test
  void verify_lastLineCutMidway_isEdited() throws IOException {
    Path file = write(2);
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.length() - 10));
    assertThat(verify(file).finding().message()).contains("cut mid-line");
  }
}
