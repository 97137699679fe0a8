package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.testing.MutableClock;
import io.toolgate.testing.Scenario;
import io.toolgate.testing.Scenarios;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;

/**
 * Targeted kill switches: a switch drops no cached residual, so these properties check that a
 * cached engine, after any sequence of switches, lifts and policy swaps interleaved with decisions,
 * answers exactly what a fresh, uncached engine in the same state answers.
 */
@StatisticsReport(onFailureOnly = true)
class KillSwitchPropertiesTest {

  /** One step: a change to the engine, named for the report. */
  record Step(String name, Consumer<DecisionEngine> apply) {
    @Override
    public String toString() {
      return name;
    }
  }

  @Provide
  Arbitrary<Step> steps() {
    Arbitrary<String> principal = Arbitraries.of(Scenarios.PRINCIPALS);
    Arbitrary<ToolId> tool = Arbitraries.of(Scenarios.TOOLS).map(ToolId::parse);
    Arbitrary<String> delegation = Arbitraries.of(Scenarios.DELEGATION_IDS);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, principal.map(p -> new Step("suspend " + p, e -> e.suspend(p)))),
        net.jqwik.api.Tuple.of(
            3, principal.map(p -> new Step("reinstate " + p, e -> e.reinstate(p)))),
        net.jqwik.api.Tuple.of(
            1, principal.map(p -> new Step("decommission " + p, e -> e.decommission(p)))),
        net.jqwik.api.Tuple.of(2, tool.map(t -> new Step("disable " + t, e -> e.disableTool(t)))),
        net.jqwik.api.Tuple.of(2, tool.map(t -> new Step("enable " + t, e -> e.enableTool(t)))),
        net.jqwik.api.Tuple.of(
            3, delegation.map(d -> new Step("revoke " + d, e -> e.revokeDelegation(d)))),
        net.jqwik.api.Tuple.of(
            1, Scenarios.policies().map(p -> new Step("swap", e -> e.replacePolicy(p)))));
  }

  @Provide
  Arbitrary<List<Scenario>> requests() {
    // Several requests over one policy: the first scenario's policy, the others' chains and calls.
    return Scenarios.scenarios()
        .list()
        .ofMinSize(2)
        .ofMaxSize(6)
        .map(
            list -> {
              Scenario first = list.get(0);
              List<Scenario> out = new ArrayList<>();
              for (Scenario s : list) {
                out.add(
                    new Scenario(
                        first.policy(),
                        first.suspended(),
                        first.decommissioned(),
                        first.disabled(),
                        first.revoked(),
                        s.chain(),
                        s.tool(),
                        s.resource(),
                        first.now()));
              }
              return out;
            });
  }

  @Property(tries = 300)
  void anySequenceOfSwitches_cachedEngineMatchesAFreshEngineAfterEveryStep(
      @ForAll("requests") List<Scenario> requests,
      @ForAll @Size(min = 1, max = 12) List<@net.jqwik.api.From("steps") Step> steps) {
    Scenario first = requests.get(0);
    MutableClock clock = new MutableClock(first.now());
    DecisionEngine cached = first.engine(1_000, clock);
    List<Step> done = new ArrayList<>();
    for (Step step : steps) {
      requests.forEach(r -> cached.decide(r.request())); // warm the cache with the old state
      step.apply().accept(cached);
      done.add(step);
      // The same history, uncached: it has seen the same delegations (and so forgets the same
      // expired revocations) but computes every decision from the policy.
      DecisionEngine fresh = first.engine(0, clock);
      for (Step d : done) {
        requests.forEach(r -> fresh.decide(r.request()));
        d.apply().accept(fresh);
      }
      for (Scenario r : requests) {
        Decision got = cached.decide(r.request());
        Decision want = fresh.decide(r.request());
        assertThat(got).as("%s after %s", r.request(), done).isEqualTo(want);
        Statistics.label("outcome").collect(got.reason());
        Statistics.label("switch touched a cached request").collect(touches(step, r));
      }
    }
    Statistics.label("outcome")
        .coverage(
            c -> {
              c.check(Reason.PERMITTED).count(n -> n > 0);
              c.check(Reason.PRINCIPAL_INACTIVE).count(n -> n > 0);
              c.check(Reason.TOOL_DISABLED).count(n -> n > 0);
              c.check(Reason.DELEGATION_REVOKED).count(n -> n > 0);
            });
    Statistics.label("switch touched a cached request")
        .coverage(c -> c.check(true).count(n -> n > 0));
  }

  private static boolean touches(Step step, Scenario r) {
    String name = step.name();
    return r.chain().principals().stream().anyMatch(p -> name.endsWith(" " + p))
        || name.endsWith(" " + r.tool())
        || r.chain().hops().stream()
            .anyMatch(h -> h.id().map(id -> name.endsWith(" " + id)).orElse(false));
  }

  @Property(tries = 300)
  void revocation_leavesNoStaleAllow_forAnyChainCarryingTheId(
      @ForAll("requests") List<Scenario> requests, @ForAll("ids") String id) {
    Scenario first = requests.get(0);
    MutableClock clock = new MutableClock(first.now());
    DecisionEngine engine = first.engine(1_000, clock);
    requests.forEach(r -> engine.decide(r.request()));
    engine.revokeDelegation(id);
    for (Scenario r : requests) {
      boolean carries =
          r.chain().hops().stream().anyMatch(h -> h.id().filter(id::equals).isPresent());
      Decision d = engine.decide(r.request());
      Statistics.label("carries the id").collect(carries, d.isAllowed());
      if (carries) {
        assertThat(d.isAllowed()).as("%s after revoking %s", r.request(), id).isFalse();
      }
    }
    Statistics.label("carries the id")
        .coverage(
            c -> {
              c.check(true, false).count(n -> n > 0);
              c.check(false, true).count(n -> n > 0);
            });
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.of(Scenarios.DELEGATION_IDS);
  }

  @Test
  void revokedIds_ofExpiringDelegations_areForgottenOnceExpired() {
    Instant now = Instant.parse("2026-06-01T12:00:00Z");
    MutableClock clock = new MutableClock(now);
    Policy policy =
        Policy.builder()
            .principal(Principal.user("user").build())
            .principal(Principal.agent("assistant").owner("user").build())
            .allow("user", "files/*")
            .allow("assistant", "files/*")
            .build();
    DecisionEngine engine = DecisionEngine.builder(policy).clock(clock).build();
    ToolId read = ToolId.parse("files/read");
    Instant expiry = now.plus(Duration.ofMinutes(5));
    int sessions = 1_000;
    for (int i = 0; i < sessions; i++) {
      DelegationChain chain =
          DelegationChain.of("user")
              .then(
                  Delegation.to("assistant")
                      .withId("session-" + i)
                      .withScope(DelegationScope.builder().expires(expiry).build()));
      assertThat(engine.canInvoke(chain, read, ResourceId.NONE)).isTrue();
      engine.revokeDelegation("session-" + i);
      assertThat(engine.canInvoke(chain, read, ResourceId.NONE)).isFalse();
    }
    assertThat(engine.revokedDelegationsRemembered()).isEqualTo(sessions);

    clock.set(expiry);
    engine.revokeDelegation("never-seen", expiry.plus(Duration.ofMinutes(5)));
    // Every session expired: only the revocation still in force is remembered.
    assertThat(engine.revokedDelegationsRemembered()).isEqualTo(1);
    assertThat(engine.killSwitches().revokedDelegations()).containsExactly("never-seen");
    DelegationChain expired =
        DelegationChain.of("user")
            .then(
                Delegation.to("assistant")
                    .withId("session-7")
                    .withScope(DelegationScope.builder().expires(expiry).build()));
    assertThat(engine.decide(Request.of(expired, read, ResourceId.NONE)).reason())
        .isEqualTo(Reason.DELEGATION_EXPIRED);
  }

  @Test
  void revokedIds_withoutExpiry_areKept() {
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    Policy policy =
        Policy.builder()
            .principal(Principal.user("user").build())
            .principal(Principal.agent("a").build())
            .allow("user", "files/*")
            .allow("a", "files/*")
            .build();
    DecisionEngine engine = DecisionEngine.builder(policy).clock(clock).build();
    DelegationChain chain = DelegationChain.of("user").then(Delegation.to("a").withId("forever"));
    engine.canInvoke(chain, ToolId.parse("files/read"), ResourceId.NONE);
    engine.revokeDelegation("forever");
    clock.set(Instant.parse("2099-01-01T00:00:00Z"));
    engine.suspend("nobody");
    assertThat(engine.revokedDelegationsRemembered()).isEqualTo(1);
    assertThat(
            engine.decide(Request.of(chain, ToolId.parse("files/read"), ResourceId.NONE)).reason())
        .isEqualTo(Reason.DELEGATION_REVOKED);
  }

  @Test
  void switch_keepsEveryOtherCachedResidual() {
    Policy policy =
        Policy.builder()
            .principal(Principal.user("u1").build())
            .principal(Principal.user("u2").build())
            .allow("u1", "files/*")
            .allow("u2", "files/*")
            .build();
    DecisionEngine engine = DecisionEngine.builder(policy).build();
    ToolId read = ToolId.parse("files/read");
    engine.canInvoke("u1", read, ResourceId.NONE);
    engine.canInvoke("u2", read, ResourceId.NONE);
    long cached = engine.cachedResiduals();
    engine.suspend("u1");
    engine.revokeDelegation("unrelated");
    engine.disableTool(ToolId.parse("files/write"));
    assertThat(engine.cachedResiduals()).isEqualTo(cached);
    assertThat(engine.canInvoke("u1", read, ResourceId.NONE)).isFalse();
    assertThat(engine.canInvoke("u2", read, ResourceId.NONE)).isTrue();
    engine.reinstate("u1");
    assertThat(engine.canInvoke("u1", read, ResourceId.NONE)).isTrue();
  }
}
