package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * For random whitelists whose allow entries may require approval, a caching engine (on a miss and
 * on a hit) and an uncached engine decide every request alike, and an allow carries {@link
 * Obligation#APPROVAL} exactly when one of the entries that decided it requires approval: the
 * obligation is part of the cached residual.
 */
@StatisticsReport(onFailureOnly = true)
class ApprovalCachingPropertiesTest {
  static final List<String> TOOLS = List.of("pay/transfer", "pay/balance", "files/read");
  static final List<String> PATTERNS = List.of("pay/*", "pay/transfer", "files/*", "*/read", "*/*");
  static final List<DelegationChain> CHAINS =
      List.of(
          DelegationChain.of("alice"),
          DelegationChain.of("bot"),
          DelegationChain.onBehalfOf("alice", "bot"));

  /** One generated entry: whose, allow or deny, which pattern, approval or not. */
  record Spec(String principal, boolean allow, String pattern, boolean approval) {}

  @Provide
  Arbitrary<List<Spec>> specs() {
    Arbitrary<Spec> spec =
        Combinators.combine(
                Arbitraries.of("alice", "bot"),
                Arbitraries.of(true, true, true, false),
                Arbitraries.of(PATTERNS),
                Arbitraries.of(true, false))
            .as((p, allow, pattern, approval) -> new Spec(p, allow, pattern, allow && approval));
    return spec.list().ofMinSize(1).ofMaxSize(8);
  }

  static Policy policy(List<Spec> specs) {
    Policy.Builder b =
        Policy.builder()
            .version("p")
            .principal(Principal.user("alice").build())
            .principal(Principal.agent("bot").owner("alice").build());
    for (int i = 0; i < specs.size(); i++) {
      Spec s = specs.get(i);
      AccessEntry e =
          AccessEntry.of("e" + i, s.allow() ? Effect.ALLOW : Effect.DENY, List.of(s.pattern()));
      b.entry(s.principal(), s.approval() ? e.requiringApproval() : e);
    }
    return b.build();
  }

  @Property(tries = 300)
  void decide_entriesRequiringApproval_obligationSurvivesCachingAndMatchesTheRules(
      @ForAll("specs") List<Spec> specs) {
    Policy policy = policy(specs);
    DecisionEngine cached = DecisionEngine.builder(policy).cacheSize(1_000).build();
    DecisionEngine uncached = DecisionEngine.builder(policy).cacheSize(0).build();
    Set<String> flagged = new HashSet<>();
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).approval()) {
        flagged.add("e" + i);
      }
    }
    List<String> kinds = new ArrayList<>();
    for (DelegationChain chain : CHAINS) {
      for (String t : TOOLS) {
        Request r = Request.of(chain, ToolId.parse(t), ResourceId.NONE);
        Decision miss = cached.decide(r);
        Decision hit = cached.decide(r);
        Decision fresh = uncached.decide(r);
        assertThat(hit).isEqualTo(miss).isEqualTo(fresh);
        assertThat(hit.obligations()).isEqualTo(fresh.obligations());
        boolean needs = miss.isAllowed() && miss.ruleIds().stream().anyMatch(flagged::contains);
        assertThat(miss.obligations()).isEqualTo(needs ? Set.of(Obligation.APPROVAL) : Set.of());
        // canInvoke answers "may run with nothing more to do": never for an allow awaiting
        // approval.
        assertThat(cached.canInvoke(chain, r.tool(), r.resource()))
            .isEqualTo(miss.isAllowed() && !needs)
            .isEqualTo(uncached.canInvoke(chain, r.tool(), r.resource()));
        kinds.add(needs ? "approval" : miss.isAllowed() ? "allow" : "deny");
      }
    }
    Statistics.label("decision").collect(kinds.contains("approval") ? "has approval" : "none");
    Statistics.label("decision").coverage(c -> c.check("has approval").percentage(p -> p > 20));
  }
}
