package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.AccessEntry;
import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Obligation;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicyWriter;
import java.nio.charset.StandardCharsets;
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
 * Role entries marked for approval: for random role chains (each role inheriting the previous one)
 * whose allow entries may require approval, an allow carries {@link Obligation#APPROVAL} exactly
 * when a deciding entry (own or inherited) requires it; cached and uncached engines agree; and the
 * written document, loaded again, decides the same, obligations included.
 */
@StatisticsReport(onFailureOnly = true)
class RbacApprovalPropertiesTest {
  static final PolicyLoader LOADER =
      PolicyLoader.builder().sections(List.of(new RbacSection())).build();
  static final PolicyWriter WRITER = new PolicyWriter(List.of(new RbacSection()));
  static final List<String> TOOLS = List.of("pay/transfer", "pay/balance", "files/read");

  /** One role's allow: pattern and approval. */
  record Allow(String pattern, boolean approval) {}

  @Provide
  Arbitrary<List<List<Allow>>> roles() {
    Arbitrary<Allow> allow =
        Combinators.combine(
                Arbitraries.of("pay/*", "pay/transfer", "files/*", "*/*"),
                Arbitraries.of(true, false))
            .as(Allow::new);
    return allow.list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(3);
  }

  static Policy policy(List<List<Allow>> roles, int held) {
    RbacPolicy.Builder rbac = RbacPolicy.builder();
    for (int i = 0; i < roles.size(); i++) {
      Role.Builder r = Role.builder("r" + i);
      if (i > 0) {
        r.inherits("r" + (i - 1));
      }
      for (Allow a : roles.get(i)) {
        if (a.approval()) {
          r.allowWithApproval(a.pattern());
        } else {
          r.allow(a.pattern());
        }
      }
      rbac.role(r.build());
    }
    rbac.assign("alice", "r" + held);
    return Policy.builder()
        .version("1")
        .principal(Principal.user("alice").build())
        .module(rbac.build())
        .build();
  }

  @Property(tries = 200)
  void decide_roleEntriesRequiringApproval_obligationFollowsTheRulesCachingAndDocuments(
      @ForAll("roles") List<List<Allow>> roles, @ForAll boolean json) {
    int held = roles.size() - 1;
    Policy policy = policy(roles, held);
    DocumentFormat format = json ? DocumentFormat.JSON : DocumentFormat.YAML;
    String text = WRITER.write(policy, format);
    Policy loaded = LOADER.load("written", text.getBytes(StandardCharsets.UTF_8), format, null);
    Set<String> flagged = new HashSet<>();
    for (Role r : ((RbacPolicy) policy.modules().get(0)).roles()) {
      r.entries().stream().filter(AccessEntry::approvalRequired).forEach(e -> flagged.add(e.id()));
    }
    DecisionEngine cached = DecisionEngine.builder(policy).build();
    DecisionEngine uncached = DecisionEngine.builder(policy).cacheSize(0).build();
    DecisionEngine fromDocument = DecisionEngine.builder(loaded).build();
    List<String> kinds = new ArrayList<>();
    for (String t : TOOLS) {
      Request r = Request.of("alice", ToolId.parse(t), ResourceId.NONE);
      Decision d = cached.decide(r);
      assertThat(cached.decide(r)).isEqualTo(d).isEqualTo(uncached.decide(r));
      boolean needs = d.isAllowed() && d.ruleIds().stream().anyMatch(flagged::contains);
      assertThat(d.obligations()).isEqualTo(needs ? Set.of(Obligation.APPROVAL) : Set.of());
      Decision again = fromDocument.decide(r);
      assertThat(again.obligations()).isEqualTo(d.obligations());
      assertThat(again.ruleIds()).isEqualTo(d.ruleIds());
      kinds.add(needs ? "approval" : d.isAllowed() ? "allow" : "deny");
    }
    assertThat(text.contains("approval")).isEqualTo(!flagged.isEmpty());
    Statistics.label("decisions").collect(kinds.contains("approval") ? "approval" : "none");
    Statistics.label("decisions").coverage(c -> c.check("approval").percentage(p -> p > 30));
  }
}
