package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.DecisionEngine;
import io.toolgate.ErrorCode;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollbackGuardTest {
  static final KeyPair KEYS = Signatures.generateKeyPair();
  static final ToolId DELETE = ToolId.parse("github/delete_repo");
  static final ResourceId REPO = ResourceId.of("repo:acme/api");

  @TempDir Path dir;

  /** A document with a sequence: the permissive one allows deleting, the strict one denies it. */
  static String doc(long sequence, boolean permissive) {
    return "version: 1\nsequence: "
        + sequence
        + "\nprincipals:\n  - id: bot\n    type: agent\n    allow:\n"
        + "      - tools: [\"github/*\"]\n"
        + (permissive ? "" : "    deny:\n      - tools: [\"github/delete_*\"]\n");
  }

  /** Writes and signs a document; returns its bytes and signature as they were published. */
  Published publish(Path file, String text) throws IOException {
    Files.writeString(file, text);
    String sig = Signatures.sign(text.getBytes(StandardCharsets.UTF_8), KEYS.getPrivate());
    Files.writeString(file.resolveSibling(file.getFileName() + ".sig"), sig);
    return new Published(text, sig);
  }

  record Published(String text, String sig) {
    void putBack(Path file) throws IOException {
      Files.writeString(file, text);
      Files.writeString(file.resolveSibling(file.getFileName() + ".sig"), sig);
    }
  }

  static PolicyLoader signedLoader(RollbackGuard guard) {
    return PolicyLoader.builder()
        .sections(List.of())
        .trustedKey(KEYS.getPublic())
        .requireSignature(true)
        .rollbackGuard(guard)
        .build();
  }

  @Test
  void reloadNow_replayOfYesterdaysSignedDocument_isRefused_higherSequenceIsAccepted()
      throws IOException {
    Path file = dir.resolve("policy.yaml");
    Published yesterday = publish(file, doc(1, true));
    PolicyLoader loader = signedLoader(RollbackGuard.inMemory());
    DecisionEngine engine = DecisionEngine.builder(loader.load(file)).build();
    PolicyReloaderTest.Events events = new PolicyReloaderTest.Events();
    try (PolicyReloader reloader =
        PolicyReloader.builder(file, loader, engine)
            .listeners(events)
            .stabilityInterval(java.time.Duration.ZERO)
            .manual()) {
      publish(file, doc(2, false));
      assertThat(reloader.reloadNow()).isEqualTo(PolicyReloader.Outcome.RELOADED);
      assertThat(engine.canInvoke("bot", DELETE, REPO)).isFalse();
      String today = engine.policy().version();
      events.heard.clear();

      yesterday.putBack(file); // no key needed: the old document and its valid signature

      assertThat(reloader.reloadNow()).isEqualTo(PolicyReloader.Outcome.REFUSED);
      assertThat(engine.policy().version()).isEqualTo(today);
      assertThat(engine.canInvoke("bot", DELETE, REPO)).isFalse();
      assertThat(events.heard)
          .containsExactly(
              "refused rollback refused: sequence 1 is lower than 2, the "
                  + "highest accepted (version "
                  + today
                  + "); an older document was put back");

      publish(file, doc(3, true));
      assertThat(reloader.reloadNow()).isEqualTo(PolicyReloader.Outcome.RELOADED);
      assertThat(engine.canInvoke("bot", DELETE, REPO)).isTrue();
    }
  }

  @Test
  void load_persistedState_survivesANewLoader_replayRefusedWithLocatedProblem() throws IOException {
    Path file = dir.resolve("policy.yaml");
    Path state = Files.createDirectory(dir.resolve("state")).resolve("policy.rollback");
    Published yesterday = publish(file, doc(1, true));
    signedLoader(RollbackGuard.persistedIn(state)).load(file);
    publish(file, doc(2, false));
    signedLoader(RollbackGuard.persistedIn(state)).load(file);

    yesterday.putBack(file);
    PolicyLoader afterRestart = signedLoader(RollbackGuard.persistedIn(state));

    assertThatThrownBy(() -> afterRestart.load(file))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_DOCUMENT);
              assertThat(e.problems())
                  .singleElement()
                  .satisfies(
                      p -> {
                        assertThat(p.location().line()).isEqualTo(2);
                        assertThat(p.message())
                            .startsWith("rollback refused: sequence 1 is lower than 2");
                      });
            });
    assertThat(RollbackGuard.persistedIn(state).highest())
        .map(RollbackGuard.Accepted::sequence)
        .contains(2L);
  }

  @Test
  void load_sameSequenceForAnotherDocument_isRefused_sameDocumentAgainIsAccepted()
      throws IOException {
    Path file = dir.resolve("policy.yaml");
    PolicyLoader loader = signedLoader(RollbackGuard.inMemory());
    publish(file, doc(4, false));
    Policy first = loader.load(file);
    assertThat(loader.load(file).version()).isEqualTo(first.version());

    publish(file, doc(4, true));
    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentException.class)
        .hasMessageContaining("sequence 4 was already accepted for another document");
  }

  @Test
  void load_documentWithoutSequence_isRefusedByAGuardedLoader() throws IOException {
    Path file = dir.resolve("policy.yaml");
    publish(file, doc(1, false).replace("sequence: 1\n", ""));
    assertThatThrownBy(() -> signedLoader(RollbackGuard.inMemory()).load(file))
        .isInstanceOf(DocumentException.class)
        .hasMessageContaining("the document has no 'sequence'");
  }

  @Test
  void load_unsignedDocument_signaturesRequired_isStillRefused_andNotRecorded() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.yaml"), doc(9, true));
    RollbackGuard guard = RollbackGuard.inMemory();
    assertThatThrownBy(() -> signedLoader(guard).load(file))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).startsWith("signature missing")));
    assertThat(guard.highest()).isEmpty();
  }

  @Test
  void load_expiredDocument_isRefused_evenWithoutAGuard() throws IOException {
    Path file = dir.resolve("policy.yaml");
    publish(
        file,
        doc(1, false).replace("sequence: 1\n", "sequence: 1\nexpires: 2026-01-01T00:00:00Z\n"));
    Clock before = Clock.fixed(Instant.parse("2025-12-31T23:59:59Z"), ZoneOffset.UTC);
    Clock at = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    PolicyLoader.Builder signed =
        PolicyLoader.builder()
            .sections(List.of())
            .trustedKey(KEYS.getPublic())
            .requireSignature(true);

    assertThat(signed.clock(before).rollbackGuard(RollbackGuard.inMemory()).build().load(file))
        .isNotNull();
    PolicyLoader unguarded = PolicyLoader.builder().sections(List.of()).clock(at).build();
    assertThatThrownBy(() -> unguarded.load(file))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_DOCUMENT);
              assertThat(e.getMessage())
                  .contains("expired: the document expired at 2026-01-01T00:00:00Z");
            });
  }

  @Test
  void load_operatorFloor_refusesLowerSequences_acceptsTheFloorItself() throws IOException {
    Path file = dir.resolve("policy.yaml");
    PolicyLoader loader = signedLoader(RollbackGuard.inMemory().atLeast(7));
    publish(file, doc(6, true));
    assertThatThrownBy(() -> loader.load(file))
        .hasMessageContaining("lower than 7, the highest accepted (the operator's floor)");
    publish(file, doc(7, true));
    assertThat(loader.load(file)).isNotNull();
  }

  @Test
  void validate_checksAgainstTheGuardWithoutRecording() throws IOException {
    Path file = dir.resolve("policy.yaml");
    RollbackGuard guard = RollbackGuard.inMemory();
    publish(file, doc(5, true));
    assertThat(signedLoader(guard).validate(file)).isEmpty();
    assertThat(guard.highest()).isEmpty();
  }

  @Test
  void load_corruptStateFile_refusesEveryDocument() throws IOException {
    Path file = dir.resolve("policy.yaml");
    Path state = Files.writeString(dir.resolve("policy.rollback"), "sequence=banana\n");
    publish(file, doc(5, true));
    assertThatThrownBy(() -> signedLoader(RollbackGuard.persistedIn(state)).load(file))
        .hasMessageContaining("rollback state unreadable");
  }

  @Test
  void load_badSequenceValues_areLocatedProblems() {
    PolicyLoader loader = PolicyLoader.builder().sections(List.of()).build();
    for (String bad : List.of("-1", "'7'", "1.5", "99999999999999999999")) {
      byte[] bytes = ("version: 1\nsequence: " + bad + "\n").getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> loader.load("p.yaml", bytes, DocumentFormat.YAML, null))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e ->
                  assertThat(e.problems())
                      .singleElement()
                      .satisfies(
                          p -> {
                            assertThat(p.location().line()).isEqualTo(2);
                            assertThat(p.message())
                                .startsWith("'sequence' must be an integer from 0 to");
                          }));
    }
  }

  @Test
  void write_withStamp_readsBackWithTheSameSequenceAndExpiry() {
    Policy policy =
        Policy.builder().principal(Principal.agent("bot").build()).allow("bot", "github/*").build();
    Instant expires = Instant.parse("2030-01-01T00:00:00Z");
    RollbackGuard guard = RollbackGuard.inMemory();
    PolicyLoader loader = PolicyLoader.builder().sections(List.of()).rollbackGuard(guard).build();
    for (DocumentFormat format : DocumentFormat.values()) {
      String text =
          new PolicyWriter(List.of())
              .write(policy, format, DocumentStamp.sequence(12).expiring(expires));
      assertThat(text).contains("sequence").contains("2030-01-01T00:00:00Z");
      Policy back = loader.load("p", text.getBytes(StandardCharsets.UTF_8), format, null);
      assertThat(guard.highest()).contains(new RollbackGuard.Accepted(12, back.version()));
    }
  }
}
