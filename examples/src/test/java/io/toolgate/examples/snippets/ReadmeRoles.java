package io.toolgate.examples.snippets;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.rbac.RbacPolicy;
import io.toolgate.rbac.Role;
import java.util.List;

/** README "Roles (RBAC)", as shown there; {@link ReadmeSnippetsTest} asserts its comments. */
final class ReadmeRoles {
  private ReadmeRoles() {}

  /** What the snippet leaves behind for the assertions. */
  record Result(Decision d, boolean botLabels, boolean botReads) {}

  static Result run() {
    // snippet:roles begin
    RbacPolicy rbac = RbacPolicy.builder()
        .role(Role.builder("reader").allow(List.of("github/get_*", "github/list_*"), List.of("repo:*/**")).build())
        .role(Role.builder("triager").inherits("reader")
            .allow(List.of("github/add_label"), List.of("repo:*/support-*")).build())
        .role(Role.builder("payments-submitter").allow("payments/submit").build())
        .role(Role.builder("payments-approver").allow("payments/approve").build())
        .assign("alice", "triager")                       // in every tenant
        .assignBoundedByOwner("triage-bot", "reader")     // only while its owner holds reader
        .staticSeparation("payments", "payments-submitter", "payments-approver")
        .tenantFromResource("repo:{tenant}/**")
        .build();
    Principal alice = Principal.user("alice").build();
    Principal triageBot = Principal.agent("triage-bot").owner("alice").build();
    Policy policy = Policy.builder().principals(alice, triageBot).module(rbac).build();
    DecisionEngine engine = DecisionEngine.builder(policy).build();

    Decision d = engine.decide(Request.of(DelegationChain.of("alice"), ToolId.parse("github/add_label"),
        ResourceId.of("repo:acme/support-desk")));     // ALLOW rules=[role:triager/allow/0]
    boolean botLabels = engine.canInvoke("triage-bot", ToolId.parse("github/add_label"),
        ResourceId.of("repo:acme/support-desk"));      // false: the bot is only a reader
    boolean botReads = engine.canInvoke("triage-bot", ToolId.parse("github/get_file"),
        ResourceId.of("repo:acme/support-desk"));      // true
    // snippet:roles end
    return new Result(d, botLabels, botReads);
  }
}
