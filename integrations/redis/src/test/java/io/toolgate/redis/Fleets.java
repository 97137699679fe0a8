package io.toolgate.redis;

import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

/** The policy documents, keys and replicas the fleet tests share. */
final class Fleets {
  /** Generous bound for any awaited event: a test that waits longer fails. */
  static final long WAIT_SECONDS = 60;

  /** The instant every replica's limit windows are read at: no test straddles a window. */
  static final InstantSource FIXED = InstantSource.fixed(Instant.parse("2026-11-29T10:15:00Z"));

  private Fleets() {}

  /**
   * A policy document, generation {@code generation}: alice's transfers are limited to {@code
   * calls} per hour fleet-wide.
   */
  static String document(int generation, long calls) {
    return """
        version: 1
        sequence: %d
        principals:
          - id: alice
            type: user
            allow:
              - id: alice-pay
                tools: ["payments/*"]
                limits:
                  - {tools: [payments/transfer], per: principal, calls: %d, window: 1h}
          - id: bob
            type: user
            allow:
              - tools: ["payments/*"]
          - id: carol
            type: user
            allow:
              - tools: ["payments/*"]
          - id: dave
            type: user
            allow:
              - tools: ["payments/*"]
        """
        .formatted(generation, calls);
  }

  /** The same document with a grant slipped in after signing. */
  static String tampered(String document) {
    return document.replace(
        "  - id: bob\n    type: user\n    allow:\n",
        "  - id: bob\n    type: user\n    allow:\n      - tools: [\"admin/*\"]\n");
  }

  static String sign(String document, PrivateKey key) {
    return Signatures.sign(document.getBytes(StandardCharsets.UTF_8), key);
  }

  /** The policy a document loads into (unsigned: for an engine's starting policy). */
  static Policy load(String document) {
    return PolicyLoader.defaults()
        .load("test", document.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML, null);
  }

  /** A key pair for the fleet's policy signatures. */
  static KeyPair keys() {
    return Signatures.generateKeyPair();
  }

  /** A replica in this JVM: its fleet and its engine, ready (the fleet's state loaded). */
  record Replica(RedisFleet fleet, DecisionEngine engine) implements AutoCloseable {
    static Replica join(
        String uri, String namespace, PublicKey key, Duration staleness, Policy start) {
      return join(uri, namespace, key, staleness, start, InstantSource.system());
    }

    static Replica join(
        String uri,
        String namespace,
        PublicKey key,
        Duration staleness,
        Policy start,
        InstantSource clock) {
      RedisFleet fleet =
          RedisFleet.builder()
              .redis(uri)
              .namespace(namespace)
              .staleness(staleness)
              .policyKey(key)
              .clock(clock)
              .build();
      DecisionEngine engine = fleet.join(DecisionEngine.builder(start));
      try {
        fleet.whenReady().get(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        fleet.close();
        throw new IllegalStateException("the replica did not get ready", e);
      }
      return new Replica(fleet, engine);
    }

    @Override
    public void close() {
      fleet.close();
    }
  }
}
