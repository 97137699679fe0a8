package io.toolgate.examples.snippets;

import io.toolgate.Delegation;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.abac.AbacPolicy;
import io.toolgate.abac.Conditions;
import io.toolgate.abac.Rule;
import io.toolgate.rbac.RbacPolicy;
import io.toolgate.rbac.Role;
import java.time.Instant;
import java.util.List;

/** docs/architecture.md's examples, as shown there; {@link DocsSnippetsAssertTest} asserts them. */
final class DocsArchitecture {
  private DocsArchitecture() {}

  static DelegationChain chain() {
    // snippet:architecture-delegation begin
    DelegationChain chain = DelegationChain.of("alice")                  // origin, usually a user
        .then(Delegation.to("triage-bot").withId("grant-42")              // revocable by id
            .withScope(DelegationScope.builder().tools("github/list_*", "github/get_*")
                .resources("repo:acme/**").expires(Instant.parse("2030-01-01T00:00:00Z"))
                .maxFurtherHops(1).build()))
        .then("summarizer");                                             // a sub-agent
    // snippet:architecture-delegation end
    return chain;
  }

  static Policy roles() {
    // snippet:architecture-roles begin
    RbacPolicy rbac = RbacPolicy.builder()
        .role(Role.builder("reader").allow(List.of("github/get_*", "github/list_*"), List.of("repo:*/**")).build())
        .role(Role.builder("triager").inherits("reader").allow(List.of("github/add_label"), List.of("repo:*/support-*")).build())
        .role(Role.builder("payments-submitter").allow("payments/submit").build())
        .role(Role.builder("payments-approver").allow("payments/approve").build())
        .assign("alice", "triager").assignBoundedByOwner("triage-bot", "reader")
        .dynamicSeparation("payments", "payments-submitter", "payments-approver")
        .build();
    Principal alice = Principal.user("alice").build();
    Principal triageBot = Principal.agent("triage-bot").owner("alice").build();
    Policy policy = Policy.builder().principals(alice, triageBot).module(rbac).build();
    // snippet:architecture-roles end
    return policy;
  }

  /** The abac example; {@code rbacFirst} false swaps the two modules, which the comment forbids. */
  static Policy abac(boolean rbacFirst) {
    // snippet:architecture-abac begin
    RbacPolicy rbac = RbacPolicy.builder().role(Role.builder("approver").build()).assign("alice", "approver").build();
    AbacPolicy abac = AbacPolicy.builder()
        .rule(Rule.allow("small-transfers").tools("payments/transfer")
            .when("args.amount <= 1000 && principal.attributes.team == 'finance'").build())
        .rule(Rule.allow("approvers-any-amount").tools("payments/transfer").roles("approver").build())
        .rule(Rule.deny("no-destructive-after-hours").tools("*/*")
            .when(Conditions.toolAnnotation("destructive")
                .and(Conditions.env("hour").lessThan(8).or(Conditions.env("hour").greaterOrEqual(18)))).build())
        .build();
    Principal alice = Principal.user("alice").attribute("team", "finance").build();
    Policy policy = Policy.builder().principals(alice).module(rbac).module(abac).build(); // rbac first
    // snippet:architecture-abac end
    return rbacFirst ? policy : Policy.builder().principals(alice).module(abac).module(rbac).build();
  }
}
