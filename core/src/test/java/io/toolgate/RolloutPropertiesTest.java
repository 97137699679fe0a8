package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Shadow runs and canaries over random pairs of small whitelist policies and random request
 * sequences, each compared with plain engines over one policy (the reference: a shadow run or a
 * canary must decide exactly as the policy that decides would on its own).
 */
@StatisticsReport(onFailureOnly = true)
class RolloutPropertiesTest {
  static final List<String> USERS = List.of("u0", "u1", "u2", "u3");
  static final List<String> TOOLS = List.of("s/a", "s/b", "s/c");
  static final List<String> RESOURCES = List.of("r:x", "r:y", "");

  /** A pair of policies over the same principals, and calls to decide. */
  record Case(Policy active, Policy candidate, List<Request> requests) {}

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(
            policies("a"), policies("c"), requests().list().ofMinSize(1).ofMaxSize(30))
        .as(Case::new);
  }

  static Arbitrary<Request> requests() {
    return Combinators.combine(
            Arbitraries.of(USERS),
            Arbitraries.of(true, false),
            Arbitraries.of(TOOLS),
            Arbitraries.of(RESOURCES))
        .as(
            (u, viaAgent, t, r) -> {
              ResourceId res = r.isEmpty() ? ResourceId.NONE : ResourceId.of(r);
              return viaAgent
                  ? Request.of(DelegationChain.of(u).then("bot"), ToolId.parse(t), res)
                  : Request.of(u, ToolId.parse(t), res);
            });
  }

  /** Random whitelists (allow and deny entries) for every user and the agent. */
  static Arbitrary<Policy> policies(String tag) {
    Arbitrary<AccessEntry> entry =
        Combinators.combine(
                Arbitraries.of(Effect.ALLOW, Effect.ALLOW, Effect.DENY),
                Arbitraries.of("s/a", "s/b", "s/*"),
                Arbitraries.of("", "r:x", "r:*"))
            .as(
                (e, t, r) ->
                    r.isEmpty()
                        ? AccessEntry.of("x", e, List.of(t))
                        : AccessEntry.of("x", e, List.of(t), List.of(r)));
    List<String> who = new ArrayList<>(USERS);
    who.add("bot");
    return entry
        .list()
        .ofMaxSize(3)
        .list()
        .ofSize(who.size())
        .map(
            lists -> {
              Policy.Builder b = Policy.builder();
              for (String u : USERS) {
                b.principal(Principal.user(u).build());
              }
              b.principal(Principal.agent("bot").build());
              for (int p = 0; p < who.size(); p++) {
                List<AccessEntry> es = lists.get(p);
                for (int i = 0; i < es.size(); i++) {
                  AccessEntry e = es.get(i);
                  b.entry(
                      who.get(p),
                      new AccessEntry(
                          tag + "-" + who.get(p) + "-" + i, e.effect(), e.tools(), e.resources()));
                }
              }
              return b.build();
            });
  }

  /** Records every divergence a listener hears. */
  static final class Heard implements DecisionListener {
    final List<Divergence> divergences = new CopyOnWriteArrayList<>();

    @Override
    public void onDecision(DecisionEvent event) {}

    @Override
    public void onDivergence(Divergence d) {
      divergences.add(d);
    }
  }

  @Property(tries = 300)
  void shadow_neverChangesActiveDecision_andReportsEveryDivergence(@ForAll("cases") Case c) {
    DecisionEngine plain = DecisionEngine.builder(c.active()).build();
    DecisionEngine reference = DecisionEngine.builder(c.candidate()).build();
    Heard heard = new Heard();
    DecisionEngine shadowed = DecisionEngine.builder(c.active()).listener(heard).build();
    shadowed.rollout().shadow(c.candidate(), ShadowOptions.all());
    long newlyAllow = 0;
    long newlyDeny = 0;
    try {
      for (Request r : c.requests()) {
        Decision d = shadowed.decide(r);
        assertThat(d).isEqualTo(plain.decide(r));
        assertThat(shadowed.canInvoke(r.chain(), r.tool(), r.resource())).isEqualTo(d.isAllowed());
        boolean candidateAllows = reference.decide(r).isAllowed();
        if (candidateAllows && !d.isAllowed()) {
          newlyAllow += 2; // decide and canInvoke were both compared
        } else if (!candidateAllows && d.isAllowed()) {
          newlyDeny += 2;
        }
      }
    } finally {
      shadowed.rollout().rollback();
    }
    ShadowReport report = shadowed.rollout().report();
    assertThat(report.evaluated()).isEqualTo(2L * c.requests().size());
    assertThat(report.dropped()).isZero();
    assertThat(report.byDirection())
        .containsEntry(Divergence.Direction.NEWLY_ALLOW, newlyAllow)
        .containsEntry(Divergence.Direction.NEWLY_DENY, newlyDeny);
    assertThat(heard.divergences).hasSize((int) (newlyAllow + newlyDeny));
    for (Divergence d : heard.divergences) {
      assertThat(d.active().policyVersion()).isEqualTo(c.active().version());
      assertThat(d.candidate().policyVersion()).isEqualTo(c.candidate().version());
    }
    Statistics.label("newly allow").collect(newlyAllow > 0);
    Statistics.label("newly deny").collect(newlyDeny > 0);
    Statistics.label("newly allow").coverage(k -> k.check(true).percentage(p -> p > 20));
    Statistics.label("newly deny").coverage(k -> k.check(true).percentage(p -> p > 20));
  }

  @Property(tries = 200)
  void canary_decidesLikeCandidateInsideSlice_andLikeActiveOutside(
      @ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 100) int percent) {
    CanarySlice slice = CanarySlice.percent(percent, "seed");
    DecisionEngine active = DecisionEngine.builder(c.active()).build();
    DecisionEngine candidate = DecisionEngine.builder(c.candidate()).build();
    DecisionEngine canary = DecisionEngine.builder(c.active()).build();
    canary.rollout().canary(c.candidate(), slice);
    for (Request r : c.requests()) {
      boolean in = slice.contains(r.chain().origin());
      Decision expected = (in ? candidate : active).decide(r);
      assertThat(canary.decide(r)).isEqualTo(expected);
      assertThat(canary.decide(r).policyVersion())
          .isEqualTo((in ? c.candidate() : c.active()).version());
      assertThat(canary.canInvoke(r.chain(), r.tool(), r.resource()))
          .isEqualTo(expected.isAllowed());
      Statistics.label("slice").collect(in ? "candidate" : "active");
    }
    Statistics.label("slice")
        .coverage(
            k -> {
              k.check("candidate").percentage(p -> p > 10);
              k.check("active").percentage(p -> p > 10);
            });
  }

  @Property(tries = 200)
  void promoteAndRollback_afterCachedDecisions_decideLikeTheRemainingPolicy(
      @ForAll("cases") Case c,
      @ForAll boolean promote,
      @ForAll boolean shadow,
      @ForAll @IntRange(min = 0, max = 100) int percent) {
    DecisionEngine engine = DecisionEngine.builder(c.active()).build();
    if (shadow) {
      engine.rollout().shadow(c.candidate(), ShadowOptions.all());
    } else {
      engine.rollout().canary(c.candidate(), CanarySlice.percent(percent));
    }
    c.requests().forEach(engine::decide); // warm the caches
    Policy returned = promote ? engine.rollout().promote() : engine.rollout().rollback();
    Policy remaining = promote ? c.candidate() : c.active();
    assertThat(returned).isSameAs(promote ? c.active() : c.candidate());
    assertThat(engine.policy()).isSameAs(remaining);
    assertThat(engine.rollout().mode()).isEqualTo(Rollout.Mode.NONE);
    assertThat(engine.rollout().candidate()).isEmpty();
    DecisionEngine reference = DecisionEngine.builder(remaining).build();
    for (Request r : c.requests()) {
      assertThat(engine.decide(r)).isEqualTo(reference.decide(r));
    }
    Statistics.label("swap")
        .collect((promote ? "promote " : "rollback ") + (shadow ? "shadow" : "canary"));
    Statistics.label("swap")
        .coverage(
            k -> {
              for (String s :
                  List.of(
                      "promote shadow", "promote canary", "rollback shadow", "rollback canary")) {
                k.check(s).count(n -> n > 10);
              }
            });
  }

  @Provide
  Arbitrary<Set<String>> ids() {
    return Arbitraries.strings()
        .withCharRange('!', '~')
        .ofMinLength(1)
        .ofMaxLength(24)
        .set()
        .ofSize(10_000);
  }

  @Property(tries = 20)
  void percentSlice_isSizedWithinTwoPoints_andStableAcrossInstances(
      @ForAll("ids") Set<String> ids,
      @ForAll @IntRange(min = 0, max = 100) int percent,
      @ForAll("salts") String salt) {
    CanarySlice one = CanarySlice.percent(percent, salt);
    CanarySlice other = CanarySlice.percent(percent, new String(salt.toCharArray()));
    Set<String> in = new HashSet<>();
    for (String id : ids) {
      boolean member = one.contains(id);
      assertThat(other.contains(new String(id.toCharArray()))).isEqualTo(member);
      if (member) {
        in.add(id);
      }
    }
    double share = 100.0 * in.size() / ids.size();
    assertThat(share).isBetween(percent - 2.0, percent + 2.0);
    // A larger slice keeps every origin of a smaller one.
    CanarySlice larger = CanarySlice.percent(Math.min(100, percent + 5), salt);
    assertThat(in).allMatch(larger::contains);
    Statistics.label("percent").collect(percent == 0 ? "0" : percent == 100 ? "100" : "between");
    Statistics.label("percent").coverage(k -> k.check("between").percentage(p -> p > 50));
  }

  @Provide
  Arbitrary<String> salts() {
    return Arbitraries.strings().alpha().ofMaxLength(8);
  }
}
