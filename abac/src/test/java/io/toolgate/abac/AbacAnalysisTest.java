package io.toolgate.abac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.analysis.Access;
import io.toolgate.analysis.EffectivePermissions;
import io.toolgate.analysis.PolicyAnalyzer;
import io.toolgate.analysis.Reach;
import io.toolgate.spi.GrantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules join least-privilege tooling as conditional grants. */
class AbacAnalysisTest {

  static Policy policy() {
    return Policy.builder()
        .principal(Principal.user("alice").attribute("team", "finance").build())
        .principal(Principal.agent("bot").owner("alice").build())
        .module(
            AbacPolicy.builder()
                .rule(
                    Rule.allow("small-transfers")
                        .tools("payments/transfer")
                        .principals("alice")
                        .when("args.amount <= 1000")
                        .build())
                .rule(Rule.allow("read-reports").tools("reports/read").principals("alice").build())
                .rule(
                    Rule.deny("no-night-transfers")
                        .tools("payments/*")
                        .principals("alice")
                        .when("env.hour < 6")
                        .build())
                .build())
        .build();
  }

  @Test
  void grants_rulesTargetingThePrincipal_reportedWithConditionsAndTargets() {
    var grants = policy().grants("alice");
    assertThat(grants)
        .extracting(g -> g.ruleId() + " " + g.effect() + " [" + g.condition() + "]")
        .containsExactly(
            "small-transfers ALLOW [args.amount <= 1000]",
            "read-reports ALLOW []",
            "no-night-transfers DENY [env.hour < 6]");
    assertThat(grants.get(0).source())
        .isEqualTo(new GrantSource.Rule("small-transfers (for alice)"));
    assertThat(policy().grants("bot")).isEmpty();
  }

  @Test
  void effectivePermissions_conditionalRule_isReportedAsConditional_unconditionalAsAlways() {
    EffectivePermissions p = PolicyAnalyzer.of(policy()).effectivePermissions("alice");
    assertThat(p.isComplete()).isTrue();
    List<Reach> transfer = p.reachesOf("payments/transfer");
    assertThat(transfer)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.access()).isEqualTo(Access.CONDITIONAL);
              assertThat(r.conditions())
                  .contains("when args.amount <= 1000", "unless env.hour < 6");
            });
    assertThat(p.reachesOf("reports/read"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.access()).isEqualTo(Access.ALWAYS));
  }
}
