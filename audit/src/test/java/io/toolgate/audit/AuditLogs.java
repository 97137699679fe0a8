package io.toolgate.audit;

import io.toolgate.DecisionEngine;
import io.toolgate.DecisionEvent;
import io.toolgate.DelegationChain;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Test helpers: a key, real decisions from a real engine, temporary folders. */
final class AuditLogs {
  static final KeyPair KEYS = keys();
  static final DecisionEngine ENGINE = DecisionEngine.builder(AuditLogListenerTest.POLICY).build();
  static final List<String> TOOLS = List.of("github/delete_repo", "github/list_issues", "jira/get");

  private AuditLogs() {}

  static KeyPair keys() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Decision {@code i}: alternately direct and delegated, on three tools, with a trace id. */
  static DecisionEvent event(int i) {
    DelegationChain chain =
        i % 2 == 0 ? DelegationChain.of("alice") : DelegationChain.of("alice").then("triage-bot");
    Request r =
        Request.builder(chain, ToolId.parse(TOOLS.get(i % TOOLS.size())))
            .resource(ResourceId.of("repo:acme/p" + i))
            .environment(Map.of("traceId", "trace-" + i))
            .build();
    return new DecisionEvent(
        Instant.parse("2026-11-22T10:00:00Z").plusSeconds(i), r, ENGINE.decide(r), 100 + i);
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("toolgate-audit-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
