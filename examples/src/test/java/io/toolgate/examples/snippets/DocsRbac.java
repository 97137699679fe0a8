package io.toolgate.examples.snippets;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;
import io.toolgate.rbac.RbacPolicy;
import io.toolgate.rbac.Role;
import io.toolgate.rbac.RoleQueries;
import java.util.List;

/** docs/rbac.md's example, as shown there; {@link DocsSnippetsAssertTest} asserts its comments. */
final class DocsRbac {
  private DocsRbac() {}

  /** What the snippet leaves behind for the assertions. */
  record Result(DecisionEngine engine, boolean labels, Decision d, RoleQueries q) {}

  static Result run() {
    // snippet:rbac-doc begin
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
        .assign("alice", "triager")                              // every tenant
        .assignInTenant("alice", "payments-submitter", "acme")   // acme only
        .assignInTenant("bob", "payments-approver", "acme")
        .assignBoundedByOwner("triage-bot", "reader")            // only while alice holds reader
        .staticSeparation("payments", "payments-submitter", "payments-approver")
        .tenantFromResource("repo:{tenant}/**")                  // repo:acme/api is in tenant acme
        .build();

    Policy policy = Policy.builder()
        .principal(Principal.user("alice").build())
        .principal(Principal.user("bob").build())
        .principal(Principal.agent("triage-bot").owner("alice").build())
        .module(rbac)
        .build();                       // throws InvalidPolicyException listing every problem

    DecisionEngine engine = DecisionEngine.builder(policy).build();
    boolean labels = engine.canInvoke("alice", ToolId.parse("github/add_label"), ResourceId.of("repo:acme/support-desk"));
    // true, decided by role:triager/allow/0

    Decision d = engine.decide(Request.builder(DelegationChain.of("alice"), ToolId.parse("payments/submit"))
        .session(Session.tenant("acme"))
        .build());
    // allowed in acme by role:payments-submitter/allow/0; denied (NOT_PERMITTED) in any other tenant

    RoleQueries q = rbac.queries(policy);
    q.effectiveRoles("alice");                 // [reader, triager]
    q.effectiveRoles("alice", "acme");         // [reader, triager, payments-submitter]
    q.principalsHolding("reader");             // [alice, triage-bot]
    q.effectivePermissions("alice");           // role:reader/allow/0 via triager -> reader, ...
    // snippet:rbac-doc end
    return new Result(engine, labels, d, q);
  }
}
