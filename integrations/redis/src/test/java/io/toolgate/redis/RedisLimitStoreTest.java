package io.toolgate.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.AccessEntry;
import io.toolgate.Decision;
import io.toolgate.Limit;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Several limits on one call, counted in a real Redis: all or nothing, in fixed windows. */
class RedisLimitStoreTest {
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  static final ToolId REFUND = ToolId.parse("payments/refund");

  @Test
  void twoLimits_theSecondUsedUp_theFirstGetsItsCallBack() {
    Policy policy =
        Policy.builder()
            .version("two-limits")
            .principal(Principal.user("alice").build())
            .entry("alice", AccessEntry.allow("alice-pay", "payments/*"))
            .limit(
                "alice-pay",
                Limit.of(3, Duration.ofHours(1), Limit.Per.PRINCIPAL, "payments/transfer"))
            .limit("alice-pay", Limit.of(5, Duration.ofMinutes(1), Limit.Per.PRINCIPAL))
            .build();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:15:00Z"));
    try (RedisProcess redis = RedisProcess.start();
        Fleets.Replica a =
            Fleets.Replica.join(
                redis.uri(),
                "l-" + UUID.randomUUID(),
                Fleets.keys().getPublic(),
                Duration.ofSeconds(30),
                policy,
                clock)) {
      for (int i = 0; i < 5; i++) {
        assertThat(a.engine().decide("alice", REFUND, ResourceId.NONE).reason())
            .isEqualTo(Reason.PERMITTED);
      }
      // The transfer limit gives one, the per-minute limit has none: the first gets it back.
      Decision d = a.engine().decide("alice", TRANSFER, ResourceId.NONE);
      assertThat(d.reason()).isEqualTo(Reason.RATE_LIMITED);
      assertThat(d.retryAt()).contains(Instant.parse("2026-11-29T10:16:00Z"));

      clock.advance(Duration.ofMinutes(1)); // the per-minute window turns; the hourly does not
      for (int i = 0; i < 3; i++) {
        assertThat(a.engine().decide("alice", TRANSFER, ResourceId.NONE).reason())
            .as("transfer %d of 3 this hour", i + 1)
            .isEqualTo(Reason.PERMITTED);
      }
      Decision fourth = a.engine().decide("alice", TRANSFER, ResourceId.NONE);
      assertThat(fourth.reason()).isEqualTo(Reason.RATE_LIMITED);
      assertThat(fourth.retryAt()).contains(Instant.parse("2026-11-29T11:00:00Z"));
      assertThat(a.engine().decide("alice", REFUND, ResourceId.NONE).reason())
          .isEqualTo(Reason.PERMITTED); // 3 of 5 this minute
    }
  }
}
