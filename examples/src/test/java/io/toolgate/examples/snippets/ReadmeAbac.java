package io.toolgate.examples.snippets;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ToolId;
import io.toolgate.abac.AbacPolicy;
import io.toolgate.abac.Rule;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/** README "Attribute rules (ABAC)", as shown there; {@link ReadmeSnippetsTest} asserts its comments. */
final class ReadmeAbac {
  private ReadmeAbac() {}

  /** What the snippet leaves behind for the assertions. */
  record Result(Policy policy, Decision small, Decision large) {}

  static Result run() {
    // snippet:abac begin
    AbacPolicy abac = AbacPolicy.builder()
        .rule(Rule.allow("small-transfers").tools("payments/transfer")
            .when("args.amount <= 1000 && principal.attributes.team == 'finance'").build())
        .rule(Rule.deny("no-destructive-after-hours").tools("*/*")
            .when("tool.annotations.destructive && (env.hour < 8 || env.hour >= 18)").build())
        .build();
    Principal alice = Principal.user("alice").attribute("team", "finance").build();
    Policy policy = Policy.builder().principal(alice).module(abac).build();  // no whitelist entry:
    DecisionEngine engine = DecisionEngine.builder(policy)                  // only the rule grants
        .clock(InstantSource.fixed(Instant.parse("2026-11-28T10:00:00Z"))) // env.hour is 10 (UTC)
        .build();

    ToolId transfer = ToolId.parse("payments/transfer");
    Decision small = engine.decide(Request.builder(DelegationChain.of("alice"), transfer)
        .arguments(Map.of("amount", 250)).build());     // ALLOW rules=[small-transfers]
    Decision large = engine.decide(Request.builder(DelegationChain.of("alice"), transfer)
        .arguments(Map.of("amount", 5000)).build());    // DENY CONDITION_FAILED: 5000 > 1000
    // snippet:abac end
    return new Result(policy, small, large);
  }
}
