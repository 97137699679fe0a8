package io.toolgate.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ToolCall;
import io.toolgate.ToolId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocsObservabilityTest {
  @Test
  void observability_asShown_guardedCallsReachTheCountersAndTheCallTimer() {
    Policy policy =
        Policy.builder()
            .principal(Principal.user("alice").build())
            .principal(Principal.agent("triage-bot").owner("alice").build())
            .allow("alice", List.of("github/*"), List.of("repo:acme/**"))
            .allow("triage-bot", List.of("github/list_*"), List.of("repo:acme/**"))
            .build();
    DocsObservability.Result r = DocsObservability.run(policy);
    ToolId listIssues = ToolId.parse("github/list_issues");
    Map<String, Object> acmeApi = Map.of("owner", "acme", "repo", "api");
    Map<String, Object> elsewhere = Map.of("owner", "other", "repo", "x");

    r.guard()
        .call(
            ToolCall.of(DelegationChain.onBehalfOf("alice", "triage-bot"), listIssues, acmeApi),
            allowed -> "issues");
    r.guard()
        .call(
            ToolCall.of(DelegationChain.onBehalfOf("alice", "triage-bot"), listIssues, elsewhere),
            allowed -> "issues");

    assertThat(
            r.meters()
                .get("toolgate.decisions")
                .tags("effect", "ALLOW", "reason", "PERMITTED")
                .functionCounter()
                .count())
        .isEqualTo(1);
    assertThat(
            r.meters()
                .get("toolgate.decisions")
                .tags("effect", "DENY", "reason", "NOT_PERMITTED")
                .functionCounter()
                .count())
        .isEqualTo(1);
    assertThat(
            r.meters()
                .get("toolgate.tool.call")
                .tags(
                    "gen_ai.operation.name", "execute_tool",
                    "gen_ai.tool.name", "github/list_issues",
                    "toolgate.decision.effect", "ALLOW")
                .timer()
                .count())
        .isEqualTo(1);
  }
}
