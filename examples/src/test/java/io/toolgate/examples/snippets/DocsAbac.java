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

/** docs/abac.md's first example, as shown there; {@link DocsSnippetsAssertTest} asserts its comments. */
final class DocsAbac {
  private DocsAbac() {}

  /** What the snippet leaves behind for the assertions. */
  record Result(Decision d, Decision large) {}

  static Result run() {
    // snippet:abac-doc begin
    AbacPolicy abac = AbacPolicy.builder()
        .rule(Rule.allow("small-transfers")
            .tools("payments/transfer")
            .when("args.amount <= 1000 && principal.attributes.team == 'finance'")
            .build())
        .rule(Rule.deny("no-destructive-after-hours")
            .tools("*/*")
            .when("tool.annotations.destructive && (env.hour < 8 || env.hour >= 18)")
            .build())
        .build();

    Policy policy = Policy.builder()
        .principal(Principal.user("alice").attribute("team", "finance").build())
        .principal(Principal.agent("payments-bot").owner("alice").attribute("team", "finance").build())
        .allow("alice", "payments/*")       // alice may transfer any amount; her bot only by the rule
        .module(abac)                       // after rbac, if role targets are used
        .build();                           // CEL is parsed and type-checked here

    DecisionEngine engine = DecisionEngine.builder(policy)
        .clock(InstantSource.fixed(Instant.parse("2026-11-28T10:00:00Z")))   // env.hour is 10 (UTC)
        .build();
    DelegationChain viaBot = DelegationChain.of("alice").then("payments-bot");
    Decision d = engine.decide(Request.builder(viaBot, ToolId.parse("payments/transfer"))
        .arguments(Map.of("amount", 250))
        .environment(Map.of("client", "10.0.0.7"))
        .build());
    // ALLOW PERMITTED rules=[alice/allow/0, small-transfers]
    Decision large = engine.decide(Request.builder(viaBot, ToolId.parse("payments/transfer"))
        .arguments(Map.of("amount", 5000))
        .build());
    // DENY CONDITION_FAILED at hop 1 (payments-bot): the limit binds the bot, not alice
    // snippet:abac-doc end
    return new Result(d, large);
  }
}
