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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The engine against {@link ReferenceEvaluator} and its own invariants, over {@link
 * Scenarios#scenarios()} (about a fifth allowed, every core reason represented) or {@link
 * Scenarios#granted()} where a property needs allowed calls. Each property says with statistics
 * that the cases it is about occurred.
 */
@StatisticsReport(onFailureOnly = true)
class DecisionEnginePropertiesTest {
  /**
   * The reasons the core engine gives, without modules (conditions, roles, tool definitions,
   * audit).
   */
  static final List<Reason> CORE_REASONS =
      List.of(
          Reason.PERMITTED,
          Reason.NOT_PERMITTED,
          Reason.EXPLICIT_DENY,
          Reason.OUTSIDE_DELEGATION,
          Reason.PRINCIPAL_INACTIVE,
          Reason.PRINCIPAL_EXPIRED,
          Reason.UNKNOWN_PRINCIPAL,
          Reason.UNKNOWN_TOOL,
          Reason.UNKNOWN_RESOURCE,
          Reason.TOOL_DISABLED,
          Reason.DELEGATION_EXPIRED,
          Reason.DELEGATION_REVOKED,
          Reason.DEPTH_EXCEEDED,
          Reason.DUPLICATE_PRINCIPAL);

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Scenarios.scenarios();
  }

  @Provide
  Arbitrary<Scenario> granted() {
    return Scenarios.granted();
  }

  @Provide
  Arbitrary<Scenario> delegated() {
    return Scenarios.scenarios().filter(s -> !s.chain().isDirect());
  }

  /** A scenario and a principal of its chain that the policy defines. */
  record Target(Scenario scenario, String who) {}

  /**
   * Scenarios whose chain names a principal of the policy (one of them is the target) and whose
   * tool the policy can name (no tool catalog, or one that holds it): a deny entry can be written.
   */
  @Provide
  Arbitrary<Target> targets() {
    return Scenarios.scenarios()
        .filter(
            s ->
                !known(s).isEmpty()
                    && (!s.policy().hasToolCatalog()
                        || s.policy().tools().stream().anyMatch(t -> t.id().equals(s.tool()))))
        .flatMap(s -> Arbitraries.of(known(s)).map(who -> new Target(s, who)));
  }

  private static List<String> known(Scenario s) {
    return s.chain().principals().stream()
        .distinct()
        .filter(p -> s.policy().principal(p).isPresent())
        .toList();
  }

  @Property(tries = 2000)
  void decide_equalsNaiveReference(@ForAll("scenarios") Scenario s) {
    MutableClock clock = new MutableClock(s.now());
    Decision d = s.engine(0, clock).decide(s.request());
    assertThat(Outcome.of(d)).as("%s -> %s", s, d).isEqualTo(ReferenceEvaluator.decide(s));
    Statistics.label("reason").collect(d.reason());
    Statistics.label("reason")
        .coverage(
            c -> {
              CORE_REASONS.forEach(r -> c.check(r).count(n -> n > 0));
              c.check(Reason.PERMITTED).percentage(p -> p > 12);
              c.check(Reason.NOT_PERMITTED).percentage(p -> p > 2);
              c.check(Reason.EXPLICIT_DENY).percentage(p -> p > 2);
              c.check(Reason.OUTSIDE_DELEGATION).percentage(p -> p > 1.5);
            });
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
      Decision d = uncached.decide(s.request());
      assertThat(cached.decide(s.request())).isEqualTo(d);
      assertThat(cached.canInvoke(s.chain(), s.tool(), s.resource())).isEqualTo(d.isAllowed());
      Statistics.label("effect at an instant").collect(d.effect());
    }
    assertThat(cached.cachedResiduals()).isPositive();
    Statistics.label("effect at an instant")
        .coverage(
            c -> {
              c.check(Effect.ALLOW).percentage(p -> p > 8);
              c.check(Effect.DENY).percentage(p -> p > 50);
            });
  }

  @Property(tries = 1000)
  void denyEntry_onAnyPrincipalOfTheChain_alwaysWins(@ForAll("targets") Target t) {
    Scenario s = t.scenario();
    Policy withDeny =
        s.policy().toBuilder()
            .deny(
                t.who(),
                List.of(s.tool().qualifiedName()),
                List.of(s.resource().isNone() ? "**" : s.resource().value()))
            .build();
    boolean allowedBefore =
        s.engine(100, new MutableClock(s.now())).decide(s.request()).isAllowed();
    Decision d = s.withPolicy(withDeny).engine(100, new MutableClock(s.now())).decide(s.request());
    assertThat(d.isAllowed()).as("%s denying %s", s, t.who()).isFalse();
    if (allowedBefore) {
      assertThat(d.reason()).isEqualTo(Reason.EXPLICIT_DENY);
    }
    Statistics.label("before the deny").collect(allowedBefore ? "allowed" : "denied");
    Statistics.label("before the deny").coverage(c -> c.check("allowed").percentage(p -> p > 10));
  }

  @Property(tries = 1000)
  void inactiveOrExpiredPrincipal_isAlwaysDenied(@ForAll("targets") Target t) {
    Scenario s = t.scenario();
    String who = t.who();
    MutableClock clock = new MutableClock(s.now());
    DecisionEngine suspended = s.engine(100, clock);
    boolean allowedBefore = suspended.decide(s.request()).isAllowed();
    suspended.suspend(who);
    assertThat(suspended.decide(s.request()).isAllowed()).isFalse();

    DecisionEngine decommissioned = s.engine(100, clock);
    decommissioned.decide(s.request());
    decommissioned.decommission(who);
    assertThat(decommissioned.decide(s.request()).isAllowed()).isFalse();

    Principal principal = s.policy().principal(who).orElseThrow();
    Policy expired = replace(s.policy(), principal.toBuilder().expires(s.now()).build());
    assertThat(s.withPolicy(expired).engine(100, clock).decide(s.request()).isAllowed()).isFalse();
    Policy stated =
        replace(s.policy(), principal.toBuilder().state(LifecycleState.SUSPENDED).build());
    assertThat(s.withPolicy(stated).engine(100, clock).decide(s.request()).isAllowed()).isFalse();

    Statistics.label("before").collect(allowedBefore ? "allowed" : "denied");
    Statistics.label("before").coverage(c -> c.check("allowed").percentage(p -> p > 10));
  }

  @Property(tries = 1500)
  void allowedChain_impliesEveryMemberAllowedAlone_andInsideEveryScope(
      @ForAll("granted") Scenario s) {
    MutableClock clock = new MutableClock(s.now());
    DecisionEngine engine = s.engine(100, clock);
    boolean allowed = engine.decide(s.request()).isAllowed();
    Statistics.label("chain")
        .collect(
            !allowed
                ? "denied (assumed away)"
                : s.chain().isDirect() ? "allowed, direct" : "allowed, delegated");
    Statistics.label("chain")
        .coverage(
            c -> {
              c.check("allowed, delegated").percentage(p -> p > 20);
              c.check("denied (assumed away)").percentage(p -> p < 75);
            });
    Assume.that(allowed);
    for (String p : s.chain().principals()) {
      assertThat(engine.canInvoke(p, s.tool(), s.resource())).as("%s alone", p).isTrue();
    }
    for (Delegation hop : s.chain().hops()) {
      assertThat(hop.scope().covers(s.tool(), s.resource())).isTrue();
    }
  }

  @Property(tries = 1500)
  void addingAHop_neverTurnsDenyIntoAllow(
      @ForAll("scenarios") Scenario s, @ForAll("hops") Delegation extra) {
    MutableClock clock = new MutableClock(s.now());
    DecisionEngine engine = s.engine(100, clock);
    Decision before = engine.decide(s.request());
    Statistics.label("before").collect(before.isAllowed() ? "allowed (assumed away)" : "denied");
    Statistics.label("before")
        .coverage(c -> c.check("allowed (assumed away)").percentage(p -> p < 35));
    Assume.that(!before.isAllowed());
    Scenario longer = s.withChain(s.chain().then(extra));
    assertThat(engine.decide(longer.request()).isAllowed()).isFalse();
    Statistics.label("denied before for").collect(before.reason());
    Statistics.label("denied before for")
        .coverage(
            c -> {
              for (Reason r :
                  List.of(
                      Reason.NOT_PERMITTED,
                      Reason.EXPLICIT_DENY,
                      Reason.OUTSIDE_DELEGATION,
                      Reason.DEPTH_EXCEEDED,
                      Reason.PRINCIPAL_INACTIVE)) {
                c.check(r).count(n -> n > 0);
              }
            });
  }

  @Property(tries = 1500)
  void narrowingAScope_neverTurnsDenyIntoAllow(
      @ForAll("delegated") Scenario s,
      @ForAll("positions") int position,
      @ForAll("scopes") DelegationScope extra) {
    MutableClock clock = new MutableClock(s.now());
    DecisionEngine engine = s.engine(100, clock);
    Decision before = engine.decide(s.request());
    Statistics.label("before").collect(before.isAllowed() ? "allowed (assumed away)" : "denied");
    Statistics.label("before")
        .coverage(c -> c.check("allowed (assumed away)").percentage(p -> p < 35));
    Assume.that(!before.isAllowed());
    int at = position % s.chain().depth();
    DelegationChain narrowed = DelegationChain.of(s.chain().origin());
    for (int i = 0; i < s.chain().depth(); i++) {
      Delegation hop = s.chain().hops().get(i);
      narrowed = narrowed.then(i == at ? hop.withScope(intersect(hop.scope(), extra)) : hop);
    }
    assertThat(engine.decide(s.withChain(narrowed).request()).isAllowed()).isFalse();
    Statistics.label("denied before for").collect(before.reason());
    Statistics.label("denied before for")
        .coverage(
            c -> {
              for (Reason r :
                  List.of(
                      Reason.NOT_PERMITTED,
                      Reason.EXPLICIT_DENY,
                      Reason.OUTSIDE_DELEGATION,
                      Reason.DEPTH_EXCEEDED,
                      Reason.DELEGATION_EXPIRED)) {
                c.check(r).count(n -> n > 0);
              }
            });
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
      a.tools()
          .forEach(
              t -> {
                if (b.tools().contains(t)) tools.add(t.toString());
              });
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
      a.resources()
          .forEach(
              r -> {
                if (b.resources().contains(r)) resources.add(r.toString());
              });
      if (resources.isEmpty()) {
        resources.add("none:none");
      }
    }
    if (!resources.isEmpty()) {
      s.resources(resources.toArray(String[]::new));
    }
    a.expiry()
        .or(b::expiry)
        .ifPresent(e -> s.expires(b.expiry().filter(x -> x.isBefore(e)).orElse(e)));
    int hops =
        Math.min(
            a.maxFurtherHops().orElse(Integer.MAX_VALUE),
            b.maxFurtherHops().orElse(Integer.MAX_VALUE));
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
    return Arbitraries.integers().between(0, 10);
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
