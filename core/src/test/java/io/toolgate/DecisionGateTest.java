package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.spi.DecisionGate;
import io.toolgate.spi.LimitStore;
import io.toolgate.spi.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The gate every decision passes first, and the shared store that cannot be reached. */
class DecisionGateTest {
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  static final ResourceId NONE = ResourceId.NONE;

  /** A gate driven by the test, as a fleet replica drives its own: one volatile field. */
  static final class Switchable implements DecisionGate {
    final AtomicReference<String> closed = new AtomicReference<>();

    @Override
    public String closedBecause() {
      return closed.get();
    }
  }

  static Policy policy() {
    return Policy.builder()
        .version("gate-1")
        .principal(Principal.user("alice").build())
        .entry("alice", AccessEntry.allow("alice-pay", "payments/*"))
        .build();
  }

  @Test
  void gate_closed_deniesCachedAndUncachedCallsWithFleetUnavailable_openAgain_allows() {
    Switchable gate = new Switchable();
    for (long cacheSize : new long[] {0, 100}) {
      DecisionEngine e = DecisionEngine.builder(policy()).cacheSize(cacheSize).gate(gate).build();
      assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue(); // cached now, when caching
      gate.closed.set("the fleet's store was last heard 6s ago");

      Decision d = e.decide("alice", TRANSFER, NONE);
      assertThat(d.reason()).isEqualTo(Reason.FLEET_UNAVAILABLE);
      assertThat(d.policyVersion()).isEqualTo("gate-1");
      assertThat(d.detail()).contains("last heard 6s ago");
      assertThat(e.canInvoke("alice", TRANSFER, NONE)).isFalse();

      gate.closed.set(null);
      assertThat(e.decide("alice", TRANSFER, NONE).reason()).isEqualTo(Reason.PERMITTED);
      assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue();
    }
  }

  @Test
  void gate_throwing_deniesWithError() {
    DecisionGate broken =
        () -> {
          throw new IllegalStateException("gate broken");
        };
    DecisionEngine e = DecisionEngine.builder(policy()).gate(broken).build();
    assertThat(e.decide("alice", TRANSFER, NONE).reason()).isEqualTo(Reason.ERROR);
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isFalse();
  }

  @Test
  void limitStore_unreachable_deniesWithFleetUnavailable() {
    LimitStore unreachable =
        counters -> {
          throw new StoreUnavailableException("redis at 127.0.0.1:1 refused", null);
        };
    Policy limited =
        Policy.builder()
            .version("gate-2")
            .principal(Principal.user("alice").build())
            .entry("alice", AccessEntry.allow("alice-pay", "payments/*"))
            .limit("alice-pay", Limit.of(5, Duration.ofHours(1), Limit.Per.ORIGIN))
            .build();
    DecisionEngine e = DecisionEngine.builder(limited).limitStore(unreachable).build();
    Decision d = e.decide("alice", TRANSFER, NONE);
    assertThat(d.reason()).isEqualTo(Reason.FLEET_UNAVAILABLE);
    assertThat(d.detail()).contains("127.0.0.1:1 refused");
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isFalse();
  }
}
