package io.toolgate.abac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * A log-only rule never changes a decision: with one random rule of a random policy made log-only,
 * every decision (cached, after a call with other inputs on the same key, and uncached) equals the
 * decision without that rule, and records the rule exactly when an enforced copy's targets match
 * and its condition holds (by CEL's own runtime on the whole condition) at some hop.
 */
@StatisticsReport(onFailureOnly = true)
class AbacLogOnlyPropertiesTest {

  @Provide
  Arbitrary<AbacPropertiesTest.World> worlds() {
    return new AbacPropertiesTest().worlds();
  }

  @Provide
  Arbitrary<Integer> picks() {
    return Arbitraries.integers().between(0, 3);
  }

  static Rule logOnly(Rule r) {
    return new Rule(
        r.id(),
        r.effect(),
        r.tools(),
        r.resources(),
        r.principals(),
        r.principalTypes(),
        r.roles(),
        r.condition(),
        false,
        io.toolgate.AccessEntry.Mode.LOG_ONLY);
  }

  /** Whether an enforced copy of {@code rule} applies at hop {@code hop} of the world's call. */
  static boolean matches(AbacPropertiesTest.World w, Policy policy, Rule rule, int hop) {
    Principal p = policy.principal(w.chain().principals().get(hop)).orElseThrow();
    return AbacPropertiesTest.targeted(rule, w, p)
        && AbacPropertiesTest.celOutcome(
                rule,
                p,
                AbacPropertiesTest.tool(w, policy),
                AbacPropertiesTest.resource(w, policy),
                w)
            == AbacPropertiesTest.Outcome.TRUE;
  }

  /**
   * The decisions of the world's call: cached after other inputs on the same key, then uncached.
   */
  static List<Decision> decisions(
      AbacPropertiesTest.World w, Policy policy, AbacPropertiesTest.World other) {
    DecisionEngine cached = DecisionEngine.builder(policy).clock(new MutableClock(w.now())).build();
    cached.decide(
        Request.builder(w.chain(), w.tool())
            .resource(w.resource())
            .arguments(other.args())
            .environment(other.env())
            .build());
    return List.of(
        cached.decide(w.request()), AbacPropertiesTest.engine(policy, w, 0).decide(w.request()));
  }

  @Property(tries = 700)
  void decide_logOnlyRule_neverChangesTheDecision_andIsRecordedExactlyWhenItMatches(
      @ForAll("worlds") AbacPropertiesTest.World w,
      @ForAll("picks") int pick,
      @ForAll("worlds") AbacPropertiesTest.World other) {
    int k = pick % w.rules().size();
    Rule rule = w.rules().get(k);
    List<Rule> flipped = new ArrayList<>(w.rules());
    flipped.set(k, logOnly(rule));
    List<Rule> without = new ArrayList<>(w.rules());
    without.remove(k);
    AbacPropertiesTest.World logged = w.withRules(flipped);
    Policy policy = logged.policy(ConditionEngine.COMPILED);
    List<Decision> withLogOnly = decisions(logged, policy, other);
    List<Decision> withoutRule =
        decisions(
            w.withRules(without), w.withRules(without).policy(ConditionEngine.COMPILED), other);
    boolean matchedFirst = matches(w, policy, rule, 0);
    boolean matchedAny = false;
    for (int hop = 0; hop < w.chain().principals().size(); hop++) {
      matchedAny |= matches(w, policy, rule, hop);
    }
    for (int i = 0; i < 2; i++) {
      Decision d = withLogOnly.get(i);
      Decision base = withoutRule.get(i);
      assertThat(AbacPropertiesTest.Shape.of(d))
          .as("%s\nlog-only %s\nwithout %s", w, d, base)
          .isEqualTo(AbacPropertiesTest.Shape.of(base));
      assertThat(d.obligations()).isEqualTo(base.obligations());
      boolean recorded = d.logOnlyMatches().contains(rule.id());
      // Every hop is consulted for an allow and for a single hop; a refusal at an early hop may
      // leave later hops unconsulted, as for log-only whitelist entries.
      boolean exact = d.isAllowed() || w.chain().principals().size() == 1;
      if (exact) {
        assertThat(recorded).as("%s\n-> %s", logged, d).isEqualTo(matchedAny);
      } else {
        assertThat(recorded || !matchedFirst).as("%s\n-> %s", logged, d).isTrue();
        assertThat(!recorded || matchedAny).as("%s\n-> %s", logged, d).isTrue();
      }
      assertThat(d.logOnlyMatches()).noneMatch(base.ruleIds()::contains);
    }
    boolean perCall =
        rule.condition().text().contains("args") || rule.condition().text().contains("env");
    Statistics.label("matched").collect(matchedAny);
    Statistics.label("effect").collect(rule.effect(), withLogOnly.get(0).effect());
    Statistics.label("condition").collect(perCall ? "per call" : "static");
    Statistics.label("matched")
        .coverage(
            c -> {
              c.check(true).percentage(p -> p > 5);
              c.check(false).percentage(p -> p > 5);
            });
    Statistics.label("condition").coverage(c -> c.check("per call").percentage(p -> p > 30));
    Statistics.label("effect")
        .coverage(
            c -> {
              c.check(io.toolgate.Effect.DENY, io.toolgate.Effect.ALLOW).percentage(p -> p > 3);
              c.check(io.toolgate.Effect.ALLOW, io.toolgate.Effect.DENY).percentage(p -> p > 3);
            });
  }
}
