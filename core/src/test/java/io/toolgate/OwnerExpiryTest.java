package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.guard.ToolGuard;
import io.toolgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An expired owner stops its agents, as a suspended one does: cached and uncached, at the exact
 * instant.
 */
class OwnerExpiryTest {
  private static final Instant ALICE_EXPIRES = Instant.parse("2026-06-01T12:00:00Z");
  private static final ToolId LIST = ToolId.parse("github/list_issues");
  private static final ResourceId API = ResourceId.of("repo:acme/api");

  private static Policy policy() {
    return Policy.builder()
        .principal(Principal.user("org").build())
        .principal(Principal.user("alice").owner("org").expires(ALICE_EXPIRES).build())
        .principal(Principal.agent("bot").owner("alice").build())
        .principal(Principal.agent("sub").owner("bot").build())
        .allow("alice", "github/*")
        .allow("bot", "github/*")
        .allow("sub", "github/*")
        .build();
  }

  @Test
  void decide_ownerExpired_deniesAgentsNamingTheOwner_cachedAndUncached_atTheExactMillisecond() {
    MutableClock clock = new MutableClock(ALICE_EXPIRES.minusMillis(1));
    DecisionEngine cached = DecisionEngine.builder(policy()).clock(clock).build();
    DecisionEngine uncached = DecisionEngine.builder(policy()).clock(clock).cacheSize(0).build();
    for (DecisionEngine e : List.of(cached, uncached)) {
      assertThat(e.canInvoke("bot", LIST, API)).isTrue();
      assertThat(e.canInvoke("sub", LIST, API)).as("an owner's owner").isTrue();
    }
    clock.set(ALICE_EXPIRES);
    for (DecisionEngine e : List.of(cached, uncached)) {
      Decision bot = e.decide("bot", LIST, API);
      assertThat(bot.reason()).isEqualTo(Reason.PRINCIPAL_EXPIRED);
      assertThat(bot.refusingPrincipal()).contains("bot");
      assertThat(bot.detail()).contains("owner 'alice'");
      assertThat(e.decide("sub", LIST, API).reason()).isEqualTo(Reason.PRINCIPAL_EXPIRED);
      assertThat(e.decide(Request.of(DelegationChain.onBehalfOf("org", "bot"), LIST, API)).reason())
          .isEqualTo(Reason.PRINCIPAL_EXPIRED);
    }
    assertThat(cached.decide("bot", LIST, API)).isEqualTo(uncached.decide("bot", LIST, API));
  }

  @Test
  void visibleTools_ownerExpired_hidesEverything() {
    MutableClock clock = new MutableClock(ALICE_EXPIRES.minus(Duration.ofDays(1)));
    DecisionEngine engine = DecisionEngine.builder(policy()).clock(clock).build();
    ToolGuard guard = ToolGuard.builder(engine).build();
    assertThat(guard.visibleTools(DelegationChain.of("bot"), List.of(LIST))).containsExactly(LIST);
    clock.set(ALICE_EXPIRES);
    assertThat(guard.visibleTools(DelegationChain.of("bot"), List.of(LIST))).isEmpty();
  }
}
