package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of docs/rbac.md, kept true. */
class DocExampleTest {
  @Test
  void docsExample_behavesAsDocumented() {
    RbacPolicy rbac = RbacPolicy.builder()
        .role(Role.builder("reader")
            .allow(List.of("github/get_*", "github/list_*"), List.of("repo:*/**"))
            .deny(List.of("*/*"), List.of("repo:*/secret-*"))
            .build())
        .role(Role.builder("triager").inherits("reader")
            .allow(List.of("github/add_label"), List.of("repo:*/support-*"))
            .build())
        .role(Role.builder("payments-submitter").allow("payments/submit").build())
        .role(Role.builder("payments-approver").allow("payments/approve").build())
        .assign("alice", "triager")
        .assignInTenant("alice", "payments-submitter", "acme")
        .assignInTenant("bob", "payments-approver", "acme")
        .assignBoundedByOwner("triage-bot", "reader")
        .staticSeparation("payments", "payments-submitter", "payments-approver")
        .tenantFromResource("repo:{tenant}/**")
        .build();

    Policy policy = Policy.builder()
        .principal(Principal.user("alice").build())
        .principal(Principal.user("bob").build())
        .principal(Principal.agent("triage-bot").owner("alice").build())
        .module(rbac)
        .build();

    DecisionEngine engine = DecisionEngine.builder(policy).build();
    assertThat(engine.canInvoke("alice", ToolId.parse("github/add_label"),
        ResourceId.of("repo:acme/support-desk"))).isTrue();
    assertThat(engine.decide("alice", ToolId.parse("github/add_label"),
        ResourceId.of("repo:acme/support-desk")).ruleIds()).containsExactly("role:triager/allow/0");
    assertThat(engine.canInvoke("alice", ToolId.parse("github/get_file"),
        ResourceId.of("repo:acme/secret-keys"))).isFalse();

    Decision d = engine.decide(Request.builder(DelegationChain.of("alice"),
        ToolId.parse("payments/submit")).session(Session.tenant("acme")).build());
    assertThat(d.ruleIds()).containsExactly("role:payments-submitter/allow/0");
    assertThat(engine.decide(Request.builder(DelegationChain.of("alice"),
        ToolId.parse("payments/submit")).session(Session.tenant("globex")).build()).reason())
        .isEqualTo(Reason.NOT_PERMITTED);

    RoleQueries q = rbac.queries(policy);
    assertThat(q.effectiveRoles("alice")).containsExactly("reader", "triager");
    assertThat(q.effectiveRoles("alice", "acme"))
        .containsExactly("reader", "triager", "payments-submitter");
    assertThat(q.principalsHolding("reader")).containsExactly("alice", "triage-bot");
    assertThat(q.effectivePermissions("alice").get(0).toString())
        .isEqualTo("role:reader/allow/0 via triager -> reader");
  }

  @Test
  void docsDocumentExample_loadsAndBehavesAsDocumented() throws java.io.IOException {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/rbac.md"));
    int section = doc.indexOf("## Policy documents");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = doc.substring(start, doc.indexOf("```", start));

    Policy policy = io.toolgate.document.PolicyLoader.builder().sections(List.of(new RbacSection()))
        .build().load("rbac.md", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            io.toolgate.document.DocumentFormat.YAML, null);

    DecisionEngine engine = DecisionEngine.builder(policy).build();
    assertThat(engine.decide("triage-bot", ToolId.parse("github/add_label"),
        ResourceId.of("repo:acme/support-desk")).ruleIds()).containsExactly("role:triager/allow/0");
    assertThat(engine.decide("alice", ToolId.parse("github/get_file"),
        ResourceId.of("repo:acme/secrets")).ruleIds()).containsExactly("role:triager/no-secrets");
    assertThat(engine.canInvoke("alice", ToolId.parse("payments/submit"), ResourceId.of("repo:acme/x")))
        .isTrue();
    assertThat(engine.canInvoke("alice", ToolId.parse("payments/submit"), ResourceId.of("repo:globex/x")))
        .isFalse();
    RbacPolicy rbac = (RbacPolicy) policy.modules().get(0);
    assertThat(rbac.constraints()).extracting(SodConstraint::name)
        .containsExactly("constraint-0", "no-self-approval");
  }
}
