package io.toolgate.redis;

import static io.toolgate.redis.Fleets.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.security.KeyPair;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Redis stopped and started again under a running fleet: the documented behaviour holds. */
class RedisOutageTest {
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  final KeyPair keys = Fleets.keys();

  static Reason decide(Fleets.Replica r, String principal, ToolId tool) {
    return r.engine().decide(principal, tool, ResourceId.NONE).reason();
  }

  static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  Fleets.Replica replica(RedisProcess redis, String ns, Duration staleness) {
    return Fleets.Replica.join(
        redis.uri(), ns, keys.getPublic(), staleness, Fleets.load(Fleets.document(1, 100)));
  }

  @Test
  void redisDown_pastTheStalenessBound_deniesFleetUnavailable_back_resumesAndLosesNothing()
      throws Exception {
    String ns = "o-" + UUID.randomUUID();
    try (RedisProcess redis = RedisProcess.start();
        Fleets.Replica a = replica(redis, ns, Duration.ofMillis(800));
        Fleets.Replica b = replica(redis, ns, Duration.ofMillis(800));
        Fleets.Replica c = replica(redis, ns, Duration.ofMillis(800))) {
      FleetReceipt before = a.fleet().suspend("bob");
      await(b.fleet().whenApplied(before.streamId()));
      await(c.fleet().whenApplied(before.streamId()));

      redis.stop();
      // Issued during the outage: applies on its replica at once, waits for Redis.
      FleetReceipt during = a.fleet().suspend("carol");
      assertThat(during.persisted()).isFalse();
      // (denied for carol's suspension, or for the outage once the bound has passed)
      assertThat(a.engine().killSwitches().suspended()).contains("carol");
      assertThat(decide(a, "carol", TRANSFER))
          .isIn(Reason.PRINCIPAL_INACTIVE, Reason.FLEET_UNAVAILABLE);
      // A limited call cannot be counted: denied at once, never allowed uncounted.
      assertThat(decide(a, "alice", TRANSFER)).isEqualTo(Reason.FLEET_UNAVAILABLE);

      for (Fleets.Replica r : new Fleets.Replica[] {a, b, c}) {
        await(r.fleet().gate().whenClosed());
        Decision d = r.engine().decide("dave", TRANSFER, ResourceId.NONE);
        assertThat(d.reason()).isEqualTo(Reason.FLEET_UNAVAILABLE);
        assertThat(d.detail()).contains("staleness bound 800 ms");
        assertThat(r.engine().canInvoke("dave", TRANSFER, ResourceId.NONE)).isFalse();
        assertThat(r.fleet().serving()).isFalse();
      }

      redis.startAgain();
      String replayed = await(a.fleet().whenPersisted(during.opId()));
      for (Fleets.Replica r : new Fleets.Replica[] {a, b, c}) {
        await(r.fleet().whenApplied(replayed));
        await(r.fleet().gate().whenOpen());
        assertThat(decide(r, "bob", TRANSFER)).isEqualTo(Reason.PRINCIPAL_INACTIVE);
        assertThat(decide(r, "carol", TRANSFER)).isEqualTo(Reason.PRINCIPAL_INACTIVE);
      }
      assertThat(a.fleet().unpublished()).isZero();
      // The current set in Redis has both: a replica starting now loads them.
      try (Fleets.Replica late = replica(redis, ns, Duration.ofSeconds(10))) {
        assertThat(late.engine().killSwitches().suspended())
            .containsExactlyInAnyOrder("bob", "carol");
      }
    }
  }

  @Test
  void redisDown_withinTheStalenessBound_cachedPolicyServes_limitedCallsDenied() throws Exception {
    String ns = "o-" + UUID.randomUUID();
    try (RedisProcess redis = RedisProcess.start();
        Fleets.Replica a = replica(redis, ns, Duration.ofSeconds(WAIT_SECONDS * 2))) {
      assertThat(decide(a, "alice", TRANSFER)).isEqualTo(Reason.PERMITTED);
      redis.stop();
      // Well within a bound of two minutes: the policy and switches this replica holds serve.
      assertThat(decide(a, "dave", TRANSFER)).isEqualTo(Reason.PERMITTED);
      assertThat(decide(a, "alice", ToolId.parse("payments/refund"))).isEqualTo(Reason.PERMITTED);
      Decision limited = a.engine().decide("alice", TRANSFER, ResourceId.NONE);
      assertThat(limited.reason()).isEqualTo(Reason.FLEET_UNAVAILABLE);
      assertThat(limited.detail()).contains("cannot be reached");
      redis.startAgain();
      await(a.fleet().whenPersisted(a.fleet().suspend("carol").opId()));
      assertThat(decide(a, "alice", TRANSFER)).isEqualTo(Reason.PERMITTED);
    }
  }
}
