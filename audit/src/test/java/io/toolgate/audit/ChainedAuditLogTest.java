package io.toolgate.audit;

import static io.toolgate.audit.AuditLogs.KEYS;
import static io.toolgate.audit.AuditLogs.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.audit.AuditLogVerifier.Tamper;
import io.toolgate.audit.AuditLogVerifier.Verification;
import io.toolgate.internal.CanonicalJson;
import io.toolgate.internal.Digests;
import io.toolgate.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The chained audit log as written: lines, chain, checkpoints, rotation, the async hand-off. */
class ChainedAuditLogTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  static List<Map<String, Object>> read(Path file) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> o = JSON.readValue(line, Map.class);
      out.add(o);
    }
    return out;
  }

  @Test
  void onDecision_fewDecisions_writesCanonicalChainedLinesEndingInACheckpoint() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    try (ChainedAuditLog log = ChainedAuditLog.builder(file, KEYS.getPrivate()).build()) {
      for (int i = 0; i < 5; i++) {
        log.onDecision(event(i));
      }
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(6);
    String prev = ChainedAuditLog.NO_PREVIOUS;
    for (int i = 0; i < lines.size(); i++) {
      Map<String, Object> o = read(file).get(i);
      assertThat(lines.get(i)).isEqualTo(CanonicalJson.write(o));
      assertThat(o).containsEntry("seq", i).containsEntry("prev", prev);
      prev = Digests.sha256Hex(lines.get(i));
    }
    Map<String, Object> first = read(file).get(1);
    assertThat(first)
        .containsEntry("kind", "decision")
        .containsEntry("effect", "ALLOW")
        .containsEntry("reason", "PERMITTED")
        .containsEntry("policyVersion", "test-1")
        .containsEntry("trace", "trace-1")
        .containsEntry("chain", List.of("alice", "triage-bot"))
        .containsEntry("tool", "github/list_issues")
        .containsEntry("time", "2026-11-22T10:00:01Z")
        .containsKey("rules")
        .doesNotContainKey("args");
    Map<String, Object> last = read(file).get(5);
    assertThat(last).containsEntry("kind", "checkpoint");
    assertThat((String) last.get("checkpoint")).startsWith("toolgate-audit\n5\n");
    Verification v = AuditLogVerifier.read(List.of(file)).verify(KEYS.getPublic());
    assertThat(v.finding()).isNull();
    assertThat(v.entries()).isEqualTo(6);
    assertThat(v.checkpoints()).isEqualTo(1);
    assertThat(v.uncovered()).isZero();
  }

  @Test
  void onDecision_everyNEntries_writesACheckpoint() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    try (ChainedAuditLog log =
        ChainedAuditLog.builder(file, KEYS.getPrivate())
            .origin("example.com/gateway")
            .checkpointEvery(3, Duration.ofHours(1))
            .build()) {
      for (int i = 0; i < 7; i++) {
        log.onDecision(event(i));
      }
      assertThat(log.latestCheckpoint()).startsWith("example.com/gateway\n7\n");
    }
    List<Map<String, Object>> lines = read(file);
    List<Integer> checkpoints = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if ("checkpoint".equals(lines.get(i).get("kind"))) {
        checkpoints.add(i);
      }
    }
    assertThat(checkpoints).containsExactly(3, 7, 9);
    assertThat(AuditLogVerifier.read(List.of(file)).verify(KEYS.getPublic()).checkpoints())
        .isEqualTo(3);
  }

  @Test
  void endOfBatch_intervalElapsedWithUncoveredEntries_writesACheckpoint() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    try (ChainedAuditLog log =
        ChainedAuditLog.builder(file, KEYS.getPrivate())
            .checkpointEvery(1_000, Duration.ofSeconds(10))
            .clock(clock)
            .build()) {
      log.onDecision(event(0));
      log.onDecision(event(1));
      log.endOfBatch();
      assertThat(log.latestCheckpoint()).isNull();
      clock.advance(Duration.ofSeconds(10));
      log.endOfBatch();
      assertThat(log.latestCheckpoint()).startsWith("toolgate-audit\n2\n");
      clock.advance(Duration.ofSeconds(60));
      log.endOfBatch(); // nothing new: no checkpoint of a checkpoint
      assertThat(log.size()).isEqualTo(3);
      // Flushed at the end of the batch: a reader sees every line written so far.
      assertThat(Files.readAllLines(file)).hasSize(3);
    }
  }

  @Test
  void rotation_newFiles_continueTheChainAndEndSigned() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    List<Path> files = new ArrayList<>();
    try (ChainedAuditLog log =
        ChainedAuditLog.builder(file, KEYS.getPrivate()).rotateAfterBytes(1_000).build()) {
      files.add(log.currentFile());
      for (int i = 0; i < 20; i++) {
        log.onDecision(event(i));
        if (!files.contains(log.currentFile())) {
          files.add(log.currentFile());
        }
      }
    }
    assertThat(files).hasSizeGreaterThan(2);
    assertThat(files.get(1).getFileName().toString()).isEqualTo("audit.jsonl.000001");
    for (int f = 1; f < files.size(); f++) {
      List<String> before = Files.readAllLines(files.get(f - 1));
      Map<String, Object> first = read(files.get(f)).get(0);
      assertThat(read(files.get(f - 1)).get(before.size() - 1)).containsEntry("kind", "checkpoint");
      assertThat(first.get("prev")).isEqualTo(Digests.sha256Hex(before.get(before.size() - 1)));
    }
    Verification whole = AuditLogVerifier.read(files).verify(KEYS.getPublic());
    assertThat(whole.finding()).isNull();
    assertThat(whole.uncovered()).isZero();
    // A missing file is a deletion; files out of order are seen too.
    Verification missing =
        AuditLogVerifier.read(files.subList(1, files.size())).verify(KEYS.getPublic());
    assertThat(missing.finding().kind()).isEqualTo(Tamper.DELETED);
    List<Path> swapped = new ArrayList<>(files);
    java.util.Collections.swap(swapped, 0, 1);
    assertThat(AuditLogVerifier.read(swapped).verify(KEYS.getPublic()).finding().kind())
        .isEqualTo(Tamper.REORDERED);
  }

  @Test
  void close_emptyLog_signsTheEmptyTree() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    ChainedAuditLog.builder(file, KEYS.getPrivate()).build().close();
    List<Map<String, Object>> lines = read(file);
    assertThat(lines).hasSize(1);
    assertThat((String) lines.get(0).get("checkpoint"))
        .startsWith("toolgate-audit\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
    assertThat(AuditLogVerifier.read(List.of(file)).verify(KEYS.getPublic()).intact()).isTrue();
  }

  @Test
  void build_existingFile_isRefusedAndLeftAlone() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, "old\n");
    assertThatThrownBy(() -> ChainedAuditLog.builder(file, KEYS.getPrivate()).build())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("it exists");
    assertThat(Files.readString(file)).isEqualTo("old\n");
  }

  @Test
  void builder_badSettings_areRefused() {
    Path file = dir.resolve("audit.jsonl");
    var b = ChainedAuditLog.builder(file, KEYS.getPrivate());
    assertThatThrownBy(() -> b.checkpointEvery(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.checkpointEvery(10, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.origin("two words")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.rotateAfterBytes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(file).doesNotExist();
  }

  @Test
  void onDecision_afterClose_isRefused() {
    ChainedAuditLog log =
        ChainedAuditLog.builder(dir.resolve("audit.jsonl"), KEYS.getPrivate()).build();
    log.close();
    assertThatThrownBy(() -> log.onDecision(event(0))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void behindTheAsyncQueue_engineDecisions_areAllLoggedAndVerify() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    ChainedAuditLog log =
        ChainedAuditLog.builder(file, KEYS.getPrivate())
            .checkpointEvery(16, Duration.ofSeconds(1))
            .build();
    try (log;
        AsyncDecisionListener async = AsyncDecisionListener.wrap(log, 1_024)) {
      DecisionEngine engine =
          DecisionEngine.builder(AuditLogListenerTest.POLICY).requireAudit(async).build();
      for (int i = 0; i < 100; i++) {
        engine.decide(
            io.toolgate.Request.of(
                DelegationChain.of("alice"),
                ToolId.parse("github/list_issues"),
                ResourceId.of("repo:acme/p" + i)));
      }
      assertThat(async.close(Duration.ofSeconds(30))).isTrue();
      assertThat(async.listenerFailures()).isZero();
    }
    Verification v = AuditLogVerifier.read(List.of(file)).verify(KEYS.getPublic());
    assertThat(v.intact()).isTrue();
    assertThat(v.entries() - v.checkpoints()).isEqualTo(100);
  }
}
