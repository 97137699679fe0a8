package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.testing.MutableClock;
import io.toolgate.testing.ReferenceEvaluator;
import io.toolgate.testing.ReferenceEvaluator.Outcome;
import io.toolgate.testing.Scenario;
import io.toolgate.testing.Scenarios;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DecisionEnginePropertiesTest {

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Scenarios.scenarios();
  }

  @Property(tries = 2000)
  void decide_equalsNaiveReference(@ForAll("scenarios") Scenario s) {
    MutableClock clock = new MutableClock(s.now());
    Decision d = s.engine(0, clock).decide(s.request());
    assertThat(Outcome.of(d)).as("%s -> %s", s, d).isEqualTo(ReferenceEvaluator.decide(s));
  }

  @Property(tries = 1000)
  void cachedDecision_equalsUncached_atEveryInstant(@ForAll("scenarios") Scenario s) {
    MutableClock clock = new MutableClock(s.now());
    DecisionEngine cached = s.engine(1_000, clock);
    DecisionEngine uncached = s.engine(0, clock);
    // Warm the cache at one instant, then move the clock across every expiry in the universe.
    cached.decide(s.request());
    for (int h = -4; h <= 4; h++) {
      clock.set(Scenarios.BASE.plus(Duration.ofHours(h)));
      assertThat(cached.decide(s.request())).isEqualTo(uncached.decide(s.request()));
      assertThat(cached.canInvoke(s.chain(), s.tool(), s.resource()))
          .isEqualTo(uncached.decide(s.request()).isAllowed());
    }
    assertThat(cached.cachedResiduals()).isPositive();
  }

  @Property(tries = 1000)
  void denyEntry_onAnyPrincipalOfTheChain_alwaysWins(@ForAll("scenarios") Scenario s,
      @ForAll("positions") int position) {
    String who = s.chain().principals().get(position % s.chain().size());
    boolean unknownTool = s.policy().hasToolCatalog()
        && s.policy().tools().stream().noneMatch(t -> t.id().equals(s.tool()));
    if (s.policy().principal(who).isEmpty() || unknownTool) {
      return; // both are denied already; the policy could not even name the tool
    }
    Policy withDeny = s.policy().toBuilder()
        .deny(who, List.of(s.tool().qualifiedName()),
            List.of(s.resource().isNone() ? "**" : s.resource().value()))
        .build();
    Decision d = s.withPolicy(withDeny).engine(100, new MutableClock(s.now())).decide(s.request());
    assertThat(d.isAllowed()).isFalse();
  }

  @Property(tries = 1000)
  void inactiveOrExpiredPrincipal_isAlwaysDenied(@ForAll("scenarios") Scenario s,
      @ForAll("positions") int position) {
    String who = s.chain().principals().get(position % s.chain().size());
    MutableClock clock = new MutableClock(s.now());
    DecisionEngine suspended = s.engine(100, clock);
    suspended.decide(s.request());
    suspended.suspend(who);
    assertThat(suspended.decide(s.request()).isAllowed()).isFalse();

    DecisionEngine decommissioned = s.engine(100, clock);
    decommissioned.decide(s.request());
    decommissioned.decommission(who);
    assertThat(decommissioned.decide(s.request()).isAllowed()).isFalse();

    s.policy().principal(who).ifPresent(p -> {
      Policy expired = replace(s.policy(), p.toBuilder().expires(s.now()).build());
      assertThat(s.withPolicy(expired).engine(100, clock).decide(s.request()).isAllowed()).isFalse();
      Policy stated = replace(s.policy(), p.toBuilder().state(LifecycleState.SUSPENDED).build());
      assertThat(s.withPolicy(stated).engine(100, clock).decide(s.request()).isAllowed()).isFalse();
    });
  }

  @Property(tries = 1500)
  void allowedChain_impliesEveryMemberAllowedAlone_andInsideEveryScope(@ForAll("scenarios") Scenario s) {
    MutableClock clock = new MutableClock(s.now());
    DecisionEngine engine = s.engine(100, clock);
    if (!engine.decide(s.request()).isAllowed()) {
      return;
    }
    for (String p : s.chain().principals()) {
      assertThat(engine.canInvoke(p, s.tool(), s.resource())).as("%s alone", p).isTrue();
    }
    for (Delegation hop : s.chain().hops()) {
      assertThat(hop.scope().covers(s.tool(), s.resource())).isTrue();
    }
  }

  @Property(tries = 1500)
  void addingAHop_neverTurnsDenyIntoAllow(@ForAll("scenarios") Scenario s,
      @ForAll("hops") Delegation extra) {
    MutableClock clock = new MutableClock(s.now());
    DecisionEngine engine = s.engine(100, clock);
    if (engine.decide(s.request()).isAllowed()) {
      return;
    }
    Scenario longer = s.withChain(s.chain().then(extra));
    assertThat(engine.decide(longer.request()).isAllowed()).isFalse();
  }

  @Property(tries = 1500)
  void narrowingAScope_neverTurnsDenyIntoAllow(@ForAll("scenarios") Scenario s,
      @ForAll("positions") int position, @ForAll("scopes") DelegationScope extra) {
    if (s.chain().isDirect()) {
      return;
    }
    MutableClock clock = new MutableClock(s.now());
    DecisionEngine engine = s.engine(100, clock);
    if (engine.decide(s.request()).isAllowed()) {
      return;
    }
    int at = position % s.chain().depth();
    DelegationChain narrowed = DelegationChain.of(s.chain().origin());
    for (int i = 0; i < s.chain().depth(); i++) {
      Delegation hop = s.chain().hops().get(i);
      narrowed = narrowed.then(i == at ? hop.withScope(intersect(hop.scope(), extra)) : hop);
    }
    assertThat(engine.decide(s.withChain(narrowed).request()).isAllowed()).isFalse();
  }

  /** A scope that passes on no more than both: intersection of what either allows. */
  private static DelegationScope intersect(DelegationScope a, DelegationScope b) {
    // Patterns cannot be intersected in general, so narrow by stacking: keep a's lists when b is
    // unrestricted on that axis, otherwise keep only patterns of b that a covers textually, or b's
    // when a is unrestricted. The earliest expiry and the smallest hop limit win.
    DelegationScope.Builder s = DelegationScope.builder();
    Set<String> tools = new HashSet<>();
    if (b.tools().isEmpty()) {
      a.tools().forEach(t -> tools.add(t.toString()));
    } else if (a.tools().isEmpty()) {
      b.tools().forEach(t -> tools.add(t.toString()));
    } else {
      a.tools().forEach(t -> { if (b.tools().contains(t)) tools.add(t.toString()); });
      if (tools.isEmpty()) {
        tools.add("none/none");
      }
    }
    s.tools(tools.toArray(String[]::new));
    Set<String> resources = new HashSet<>();
    if (b.resources().isEmpty()) {
      a.resources().forEach(r -> resources.add(r.toString()));
    } else if (a.resources().isEmpty()) {
      b.resources().forEach(r -> resources.add(r.toString()));
    } else {
      a.resources().forEach(r -> { if (b.resources().contains(r)) resources.add(r.toString()); });
      if (resources.isEmpty()) {
        resources.add("none:none");
      }
    }
    if (!resources.isEmpty()) {
      s.resources(resources.toArray(String[]::new));
    }
    a.expiry().or(b::expiry).ifPresent(e -> s.expires(
        b.expiry().filter(x -> x.isBefore(e)).orElse(e)));
    int hops = Math.min(a.maxFurtherHops().orElse(Integer.MAX_VALUE), b.maxFurtherHops().orElse(Integer.MAX_VALUE));
    if (hops != Integer.MAX_VALUE) {
      s.maxFurtherHops(hops);
    }
    return s.build();
  }

  private static Policy replace(Policy policy, Principal p) {
    Policy.Builder b = Policy.builder().maxDelegationDepth(policy.maxDelegationDepth());
    policy.delegationLimits().forEach(b::delegationLimit);
    policy.principals().forEach(x -> b.principal(x.id().equals(p.id()) ? p : x));
    policy.tools().forEach(b::tool);
    policy.resources().forEach(b::resource);
    policy.entries().forEach((k, v) -> v.forEach(e -> b.entry(k, e)));
    return b.build();
  }

  @Provide
  Arbitrary<Integer> positions() {
    return net.jqwik.api.Arbitraries.integers().between(0, 10);
  }

  @Provide
  Arbitrary<Delegation> hops() {
    return Scenarios.hops();
  }

  @Provide
  Arbitrary<DelegationScope> scopes() {
    return Scenarios.scopes();
  }
}
