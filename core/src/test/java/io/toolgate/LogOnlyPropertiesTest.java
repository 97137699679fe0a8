package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Log-only whitelist entries never change a decision, and are recorded exactly when they match a
 * hop the decision consulted: the engine over a policy with some entries marked log-only decides
 * like the engine over the same policy without them, and names in {@link Decision#logOnlyMatches()}
 * the log-only entries a naive scan finds.
 */
@StatisticsReport(onFailureOnly = true)
class LogOnlyPropertiesTest {
  static final List<String> WHO = List.of("u0", "u1", "u2", "u3", "bot");

  /** Per principal, entries with a log-only flag; and calls. */
  record Case(List<List<AccessEntry>> entries, List<Request> requests) {
    Policy policy(boolean keepLogOnly) {
      Policy.Builder b = Policy.builder().version("v1");
      for (String u : WHO) {
        b.principal(u.equals("bot") ? Principal.agent(u).build() : Principal.user(u).build());
      }
      for (int p = 0; p < WHO.size(); p++) {
        for (AccessEntry e : entries.get(p)) {
          if (keepLogOnly || !e.isLogOnly()) {
            b.entry(WHO.get(p), e);
          }
        }
      }
      return b.build();
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<AccessEntry> entry =
        Combinators.combine(
                Arbitraries.of(Effect.ALLOW, Effect.ALLOW, Effect.DENY),
                Arbitraries.of("s/a", "s/b", "s/*"),
                Arbitraries.of("", "r:x", "r:*"),
                Arbitraries.of(true, false))
            .as(
                (e, t, r, logOnly) -> {
                  AccessEntry a =
                      r.isEmpty()
                          ? AccessEntry.of("x", e, List.of(t))
                          : AccessEntry.of("x", e, List.of(t), List.of(r));
                  return logOnly ? a.logOnly() : a;
                });
    Arbitrary<List<List<AccessEntry>>> lists =
        entry
            .list()
            .ofMaxSize(4)
            .list()
            .ofSize(WHO.size())
            .map(
                ls -> {
                  List<List<AccessEntry>> out = new ArrayList<>();
                  for (int p = 0; p < ls.size(); p++) {
                    List<AccessEntry> mine = new ArrayList<>();
                    for (int i = 0; i < ls.get(p).size(); i++) {
                      AccessEntry e = ls.get(p).get(i);
                      mine.add(
                          new AccessEntry(
                              WHO.get(p) + "-" + i,
                              e.effect(),
                              e.tools(),
                              e.resources(),
                              e.mode()));
                    }
                    out.add(mine);
                  }
                  return out;
                });
    return Combinators.combine(
            lists, RolloutPropertiesTest.requests().list().ofMinSize(1).ofMaxSize(20))
        .as(Case::new);
  }

  @Property(tries = 500)
  void logOnlyEntries_neverChangeDecision_andAreRecordedWhenTheyMatch(@ForAll("cases") Case c) {
    DecisionEngine with = DecisionEngine.builder(c.policy(true)).build();
    DecisionEngine without = DecisionEngine.builder(c.policy(false)).build();
    DecisionEngine uncached = DecisionEngine.builder(c.policy(true)).cacheSize(0).build();
    for (Request r : c.requests()) {
      Decision d = with.decide(r);
      Decision reference = without.decide(r);
      assertThat(d.effect()).isEqualTo(reference.effect());
      assertThat(d.reason()).isEqualTo(reference.reason());
      assertThat(d.ruleIds()).isEqualTo(reference.ruleIds());
      assertThat(d.refusingHop()).isEqualTo(reference.refusingHop());
      assertThat(d.detail()).isEqualTo(reference.detail());
      assertThat(reference.logOnlyMatches()).isEmpty();
      assertThat(with.canInvoke(r.chain(), r.tool(), r.resource())).isEqualTo(d.isAllowed());
      List<String> expected = expectedLogOnly(c, r);
      // Chain order across hops; within a hop, the order the grant index finds them.
      assertThat(d.logOnlyMatches()).doesNotHaveDuplicates().hasSameElementsAs(expected);
      assertThat(uncached.decide(r)).isEqualTo(d);
      Statistics.label("log-only recorded")
          .collect(expected.isEmpty() ? "none" : d.isAllowed() ? "on allow" : "on deny");
    }
    Statistics.label("log-only recorded")
        .coverage(
            k -> {
              k.check("on allow").percentage(p -> p > 3);
              k.check("on deny").percentage(p -> p > 3);
              k.check("none").percentage(p -> p > 10);
            });
  }

  /**
   * The naive reference: hop by hop, the log-only entries covering the call, up to and including
   * the first hop an enforced deny entry refuses (the engine stops there).
   */
  private static List<String> expectedLogOnly(Case c, Request r) {
    List<String> out = new ArrayList<>();
    for (String who : r.chain().principals()) {
      List<AccessEntry> es = c.entries().get(WHO.indexOf(who));
      boolean denied = false;
      for (AccessEntry e : es) {
        if (!e.covers(r.tool(), r.resource())) {
          continue;
        }
        if (e.isLogOnly()) {
          if (!out.contains(e.id())) {
            out.add(e.id());
          }
        } else if (e.effect() == Effect.DENY) {
          denied = true;
        }
      }
      if (denied) {
        break;
      }
    }
    return out;
  }
}
