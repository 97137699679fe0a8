package io.toolgate.abac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Obligation;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicyWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;

/**
 * Rules marked for approval, conditional ones included (the dynamic residual): an allow carries
 * {@link Obligation#APPROVAL} exactly when a rule that decided it requires approval, whatever the
 * arguments; cached and uncached engines agree; the written document decides the same.
 */
@StatisticsReport(onFailureOnly = true)
class AbacApprovalPropertiesTest {
  static final PolicyLoader LOADER =
      PolicyLoader.builder().sections(List.of(new AbacSection())).build();
  static final PolicyWriter WRITER = new PolicyWriter(List.of(new AbacSection()));
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");

  /** The rule pool: id, tools, condition (null: always). */
  static final List<String[]> POOL =
      List.of(
          new String[] {"small", "payments/transfer", "args.amount <= 100"},
          new String[] {"big", "payments/transfer", "args.amount > 100"},
          new String[] {"any", "payments/*", null},
          new String[] {"huge", "payments/transfer", "args.amount > 5000"});

  @Provide
  Arbitrary<List<Integer>> flags() {
    // Per pool rule: 0 left out, 1 allows outright, 2 allows with approval.
    return Arbitraries.integers().between(0, 2).list().ofSize(POOL.size());
  }

  static Policy policy(List<Integer> flags) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < POOL.size(); i++) {
      if (flags.get(i) == 0) {
        continue;
      }
      String[] r = POOL.get(i);
      Rule.Builder b = Rule.allow(r[0]).tools(r[1]);
      if (r[2] != null) {
        b.when(r[2]);
      }
      if (flags.get(i) == 2) {
        b.requireApproval();
      }
      rules.add(b.build());
    }
    return Policy.builder()
        .version("1")
        .principal(Principal.user("alice").build())
        .module(AbacPolicy.builder().rules(rules).build())
        .build();
  }

  @Property(tries = 200)
  void decide_rulesRequiringApproval_obligationFollowsTheDecidingRule(
      @ForAll("flags") List<Integer> flags,
      @ForAll("amounts") List<Integer> amounts,
      @ForAll boolean json) {
    Policy policy = policy(flags);
    DocumentFormat format = json ? DocumentFormat.JSON : DocumentFormat.YAML;
    String text = WRITER.write(policy, format);
    Policy loaded = LOADER.load("written", text.getBytes(StandardCharsets.UTF_8), format, null);
    Set<String> flagged = new HashSet<>();
    for (int i = 0; i < POOL.size(); i++) {
      if (flags.get(i) == 2) {
        flagged.add(POOL.get(i)[0]);
      }
    }
    DecisionEngine cached = DecisionEngine.builder(policy).build();
    DecisionEngine uncached = DecisionEngine.builder(policy).cacheSize(0).build();
    DecisionEngine fromDocument = DecisionEngine.builder(loaded).build();
    for (int amount : amounts) {
      Request r =
          Request.builder(DelegationChain.of("alice"), TRANSFER)
              .arguments(Map.of("amount", amount))
              .build();
      Decision d = cached.decide(r);
      assertThat(cached.decide(r)).isEqualTo(d).isEqualTo(uncached.decide(r));
      boolean needs = d.isAllowed() && d.ruleIds().stream().anyMatch(flagged::contains);
      assertThat(d.obligations()).isEqualTo(needs ? Set.of(Obligation.APPROVAL) : Set.of());
      assertThat(fromDocument.decide(r).obligations()).isEqualTo(d.obligations());
      Statistics.label("decision")
          .collect(needs ? "approval" : d.isAllowed() ? "allow outright" : "deny");
    }
    Statistics.label("decision")
        .coverage(
            c -> {
              c.check("approval").count(n -> n > 0);
              c.check("allow outright").count(n -> n > 0);
            });
  }

  @Provide
  Arbitrary<List<Integer>> amounts() {
    return Arbitraries.integers().between(1, 10_000).list().ofMinSize(1).ofMaxSize(4);
  }

  @Test
  void rule_denyRequiringApproval_isRejected() {
    assertThatThrownBy(() -> Rule.deny("no").tools("payments/*").requireApproval().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot require approval");
  }
}
