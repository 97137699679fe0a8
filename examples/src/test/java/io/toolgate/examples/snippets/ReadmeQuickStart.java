package io.toolgate.examples.snippets;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.util.List;

/** README "Quick start", as shown there; {@link ReadmeSnippetsTest} asserts its comments. */
final class ReadmeQuickStart {
  private ReadmeQuickStart() {}

  /** What the snippet leaves behind for the assertions. */
  record Result(DecisionEngine engine, boolean ok, Decision d) {}

  static Result run() {
    // snippet:quick-start begin
    Policy policy = Policy.builder()
        .principal(Principal.user("alice").build())
        .principal(Principal.agent("triage-bot").owner("alice").build())
        .allow("alice", List.of("github/*"), List.of("repo:acme/**"))
        .allow("triage-bot", List.of("github/list_*", "github/get_*"), List.of("repo:acme/**"))
        .deny("triage-bot", List.of("github/*"), List.of("repo:acme/secrets"))
        .build();
    DecisionEngine engine = DecisionEngine.builder(policy).build();

    ToolId listIssues = ToolId.parse("github/list_issues");
    boolean ok = engine.canInvoke("triage-bot", listIssues, ResourceId.of("repo:acme/api")); // true
    DelegationChain forAlice = DelegationChain.onBehalfOf("alice", "triage-bot");
    Decision d = engine.decide(Request.of(forAlice, ToolId.parse("github/delete_repo"),
        ResourceId.of("repo:acme/api"))); // DENY NOT_PERMITTED at hop 1 (triage-bot)
    engine.suspend("triage-bot"); // from now on, every call through triage-bot is denied
    // snippet:quick-start end
    return new Result(engine, ok, d);
  }
}
