package io.toolgate.examples.snippets;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Delegation;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/** README "Delegation", as shown there; {@link ReadmeSnippetsTest} asserts its comments. */
final class ReadmeDelegation {
  private ReadmeDelegation() {}

  /** What the snippet leaves behind for the assertions. */
  record Result(Decision before, Decision after) {}

  static Result run() {
    // snippet:delegation begin
    Policy policy = Policy.builder()
        .principal(Principal.user("alice").build())
        .principal(Principal.agent("triage-bot").owner("alice").build())
        .principal(Principal.agent("summarizer").owner("alice").build())
        .allow("alice", List.of("github/*"), List.of("repo:acme/**"))
        .allow("triage-bot", List.of("github/*"), List.of("repo:acme/**"))
        .allow("summarizer", List.of("github/get_*"), List.of("repo:**"))
        .build();
    DecisionEngine engine = DecisionEngine.builder(policy)
        .clock(InstantSource.fixed(Instant.parse("2026-11-28T10:00:00Z")))   // tests: a fixed clock
        .build();

    DelegationChain chain = DelegationChain.of("alice")
        .then(Delegation.to("triage-bot").withId("grant-42")               // revocable by id
            .withScope(DelegationScope.builder()
                .tools("github/list_*", "github/get_*").resources("repo:acme/support-*")
                .expires(Instant.parse("2030-01-01T00:00:00Z")).maxFurtherHops(1).build()))
        .then("summarizer");                        // a sub-agent: holds at most what both pass on
    Request getFile = Request.of(chain, ToolId.parse("github/get_file"), ResourceId.of("repo:acme/support-web"));
    Decision before = engine.decide(getFile);      // ALLOW: every hop holds it, inside grant-42's scope
    engine.revokeDelegation("grant-42");            // every chain through that hop is denied from now on
    Decision after = engine.decide(getFile);       // DENY DELEGATION_REVOKED at hop 1 (triage-bot)
    // snippet:delegation end
    return new Result(before, after);
  }
}
