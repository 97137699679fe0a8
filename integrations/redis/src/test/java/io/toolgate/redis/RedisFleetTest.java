package io.toolgate.redis;

import static io.toolgate.redis.Fleets.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Delegation;
import io.toolgate.DelegationChain;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentException;
import io.toolgate.document.DocumentFormat;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three replicas (one in a child JVM) against one real redis-server. */
class RedisFleetTest {
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  static final ToolId REFUND = ToolId.parse("payments/refund");
  static final Duration STALENESS = Duration.ofSeconds(10);

  static RedisProcess redis;
  static KeyPair keys;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.start();
    keys = Fleets.keys();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  static String namespace() {
    return "t-" + UUID.randomUUID();
  }

  Fleets.Replica replica(String ns) {
    return Fleets.Replica.join(
        redis.uri(),
        ns,
        keys.getPublic(),
        STALENESS,
        Fleets.load(Fleets.document(1, 100)),
        Fleets.FIXED);
  }

  ChildReplica child(String ns) {
    return ChildReplica.start(
        redis.uri(), ns, keys.getPublic(), STALENESS, Fleets.document(1, 100));
  }

  static Reason decide(Fleets.Replica r, String principal, ToolId tool) {
    return r.engine().decide(principal, tool, ResourceId.NONE).reason();
  }

  static void await(CompletableFuture<?> f) throws Exception {
    f.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void suspend_onReplicaA_deniesOnBAndC_reinstateOnB_allowsEverywhere() throws Exception {
    String ns = namespace();
    try (Fleets.Replica a = replica(ns);
        Fleets.Replica b = replica(ns);
        ChildReplica c = child(ns)) {
      assertThat(decide(b, "bob", TRANSFER)).isEqualTo(Reason.PERMITTED);
      assertThat(c.ask("decide bob payments/transfer")).startsWith("decision PERMITTED");

      FleetReceipt suspended = a.fleet().suspend("bob");
      assertThat(suspended.persisted()).isTrue();
      // The issuer applied it before the call returned.
      assertThat(decide(a, "bob", TRANSFER)).isEqualTo(Reason.PRINCIPAL_INACTIVE);
      await(b.fleet().whenApplied(suspended.streamId()));
      assertThat(c.ask("await " + suspended.streamId()))
          .isEqualTo("applied " + suspended.streamId());
      assertThat(decide(b, "bob", TRANSFER)).isEqualTo(Reason.PRINCIPAL_INACTIVE);
      assertThat(c.ask("decide bob payments/transfer")).startsWith("decision PRINCIPAL_INACTIVE");
      assertThat(c.ask("decide carol payments/transfer")).startsWith("decision PERMITTED");

      FleetReceipt reinstated = b.fleet().reinstate("bob");
      await(a.fleet().whenApplied(reinstated.streamId()));
      assertThat(c.ask("await " + reinstated.streamId())).startsWith("applied");
      assertThat(decide(a, "bob", TRANSFER)).isEqualTo(Reason.PERMITTED);
      assertThat(c.ask("decide bob payments/transfer")).startsWith("decision PERMITTED");
    }
  }

  @Test
  void killSwitches_issuedBeforeAReplicaStarts_areInForceBeforeItDecides() throws Exception {
    String ns = namespace();
    try (Fleets.Replica a = replica(ns)) {
      a.fleet().suspend("carol");
      a.fleet().disableTool(REFUND);
      a.fleet().revokeDelegation("d-1");
      a.fleet().decommission("dave");
      try (Fleets.Replica late = replica(ns)) { // ready: it loaded the current set
        assertThat(decide(late, "carol", TRANSFER)).isEqualTo(Reason.PRINCIPAL_INACTIVE);
        assertThat(decide(late, "dave", TRANSFER)).isEqualTo(Reason.PRINCIPAL_INACTIVE);
        assertThat(decide(late, "bob", REFUND)).isEqualTo(Reason.TOOL_DISABLED);
        DelegationChain chain =
            DelegationChain.of("bob").then(Delegation.to("carol").withId("d-1"));
        Decision d = late.engine().decide(Request.of(chain, TRANSFER, ResourceId.NONE));
        assertThat(d.isAllowed()).isFalse();
        assertThat(late.engine().killSwitches().suspended()).containsExactly("carol");
        assertThat(late.engine().killSwitches().decommissioned()).containsExactly("dave");
        assertThat(late.engine().killSwitches().disabledTools()).containsExactly(REFUND);
        assertThat(late.engine().killSwitches().revokedDelegations()).containsExactly("d-1");
        assertThat(decide(late, "bob", TRANSFER)).isEqualTo(Reason.PERMITTED);
      }
    }
  }

  @Test
  void join_redisUnreachable_deniesEverythingWithFleetUnavailable() throws Exception {
    int dead = RedisProcess.freePort();
    RedisFleet fleet =
        RedisFleet.builder()
            .redis("redis://127.0.0.1:" + dead)
            .staleness(STALENESS)
            .policyKey(keys.getPublic())
            .build();
    try (fleet) {
      DecisionEngine e = fleet.join(DecisionEngine.builder(Fleets.load(Fleets.document(1, 100))));
      Decision d = e.decide("bob", TRANSFER, ResourceId.NONE);
      assertThat(d.reason()).isEqualTo(Reason.FLEET_UNAVAILABLE);
      assertThat(d.detail()).contains("not loaded");
      assertThat(fleet.serving()).isFalse();
      // Kill switches still apply here at once and wait for Redis.
      FleetReceipt r = fleet.suspend("bob");
      assertThat(r.persisted()).isFalse();
      assertThat(fleet.unpublished()).isEqualTo(1);
      assertThat(e.killSwitches().suspended()).containsExactly("bob");
    }
    assertThatThrownBy(() -> fleet.suspend("bob")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void publishPolicy_signed_everyReplicaSwapsIt_decisionsCarryTheVersion() throws Exception {
    String ns = namespace();
    String v2 = Fleets.document(2, 100);
    String version2 = Fleets.load(v2).version();
    try (Fleets.Replica a = replica(ns);
        Fleets.Replica b = replica(ns);
        ChildReplica c = child(ns)) {
      FleetReceipt r =
          a.fleet().publishPolicy(v2, DocumentFormat.YAML, Fleets.sign(v2, keys.getPrivate()));
      await(a.fleet().whenApplied(r.streamId()));
      await(b.fleet().whenApplied(r.streamId()));
      assertThat(c.ask("await " + r.streamId())).startsWith("applied");
      assertThat(a.engine().decide("bob", TRANSFER, ResourceId.NONE).policyVersion())
          .isEqualTo(version2);
      assertThat(b.engine().policy().version()).isEqualTo(version2);
      assertThat(c.ask("decide bob payments/transfer")).isEqualTo("decision PERMITTED " + version2);

      // A replica starting now loads it before deciding.
      try (Fleets.Replica late = replica(ns)) {
        assertThat(late.engine().policy().version()).isEqualTo(version2);
      }
    }
  }

  @Test
  void publishPolicy_badSignature_isRefusedHere_nothingPublished() throws Exception {
    String ns = namespace();
    try (Fleets.Replica a = replica(ns)) {
      String v2 = Fleets.document(2, 100);
      String signature = Fleets.sign(v2, keys.getPrivate());
      assertThatThrownBy(
              () -> a.fleet().publishPolicy(Fleets.tampered(v2), DocumentFormat.YAML, signature))
          .isInstanceOf(DocumentException.class)
          .hasMessageContaining("signature");
      String other = Fleets.sign(v2, Fleets.keys().getPrivate());
      assertThatThrownBy(() -> a.fleet().publishPolicy(v2, DocumentFormat.YAML, other))
          .isInstanceOf(DocumentException.class);
      assertThat(a.engine().policy().version())
          .isEqualTo(Fleets.load(Fleets.document(1, 100)).version());
    }
  }

  @Test
  void tamperedPolicyInRedis_isRefusedEverywhere_lastGoodPolicyServes() throws Exception {
    String ns = namespace();
    String v2 = Fleets.document(2, 100);
    String version2 = Fleets.load(v2).version();
    try (Fleets.Replica a = replica(ns);
        Fleets.Replica b = replica(ns);
        ChildReplica c = child(ns)) {
      FleetReceipt good =
          a.fleet().publishPolicy(v2, DocumentFormat.YAML, Fleets.sign(v2, keys.getPrivate()));
      await(b.fleet().whenApplied(good.streamId()));

      // Someone with write access to Redis, but not the key, changes the document.
      String v3 = Fleets.document(3, 100);
      String tampered = Fleets.tampered(v3);
      String id;
      RedisClient raw = RedisClient.create(redis.uri());
      try (StatefulRedisConnection<String, String> conn = raw.connect()) {
        Map<String, String> fields =
            Map.of("text", tampered, "format", "YAML", "sig", Fleets.sign(v3, keys.getPrivate()));
        id = conn.sync().xadd("{" + ns + "}:switches", withOp(fields));
        conn.sync()
            .hset(
                "{" + ns + "}:policy",
                Map.of("text", tampered, "format", "YAML", "sig", fields.get("sig"), "id", id));
      } finally {
        raw.shutdown();
      }
      await(a.fleet().whenApplied(id));
      await(b.fleet().whenApplied(id));
      assertThat(c.ask("await " + id)).startsWith("applied");
      for (Fleets.Replica r : List.of(a, b)) {
        assertThat(r.engine().policy().version()).isEqualTo(version2);
        assertThat(r.fleet().policyRefusals()).isEqualTo(1);
        assertThat(r.fleet().lastPolicyRefusal()).contains("signature");
        assertThat(decide(r, "bob", ToolId.parse("admin/users"))).isEqualTo(Reason.NOT_PERMITTED);
      }
      assertThat(c.ask("refusals")).isEqualTo("refusals 1");
      assertThat(c.ask("decide bob admin/users")).isEqualTo("decision NOT_PERMITTED " + version2);

      // A replica starting now finds the tampered document in the current state and refuses it.
      try (Fleets.Replica late = replica(ns)) {
        assertThat(late.fleet().policyRefusals()).isEqualTo(1);
        assertThat(decide(late, "bob", ToolId.parse("admin/users")))
            .isEqualTo(Reason.NOT_PERMITTED);
      }
    }
  }

  private static Map<String, String> withOp(Map<String, String> fields) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("op", "policy");
    m.putAll(fields);
    m.put("opid", UUID.randomUUID().toString());
    m.put("by", "intruder");
    return m;
  }

  @Test
  void limit_sharedByThreeReplicas_allowsExactly100UnderConcurrentLoad() throws Exception {
    String ns = namespace();
    try (Fleets.Replica a = replica(ns);
        Fleets.Replica b = replica(ns);
        ChildReplica c = child(ns)) {
      c.send("burst alice payments/transfer 60 3");
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        List<Future<int[]>> parts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          DecisionEngine e = (i % 2 == 0 ? a : b).engine();
          parts.add(pool.submit(() -> Bursts.run(e, "alice", TRANSFER, 60)));
        }
        int allowed = 0;
        int limited = 0;
        int other = 0;
        for (Future<int[]> f : parts) {
          int[] n = f.get(WAIT_SECONDS, TimeUnit.SECONDS);
          allowed += n[0];
          limited += n[1];
          other += n[2];
        }
        String[] child = c.next().split(" "); // allowed A limited L other O
        allowed += Integer.parseInt(child[1]);
        limited += Integer.parseInt(child[3]);
        other += Integer.parseInt(child[5]);
        assertThat(other).isZero();
        assertThat(allowed).isEqualTo(100);
        assertThat(limited).isEqualTo(9 * 60 - 100);
      } finally {
        pool.shutdownNow();
      }
      Decision d = a.engine().decide("alice", TRANSFER, ResourceId.NONE);
      assertThat(d.reason()).isEqualTo(Reason.RATE_LIMITED);
      assertThat(d.retryAt()).contains(java.time.Instant.parse("2026-11-29T11:00:00Z"));
      // Calls no limit applies to are not counted.
      assertThat(decide(b, "alice", REFUND)).isEqualTo(Reason.PERMITTED);
    }
  }
}
