package io.toolgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's quick-start, compiled and checked, so the README cannot drift from the API. */
class QuickStartTest {

  @Test
  void readmeQuickStart_behavesAsTheReadmeSays() {
    // --- README quick-start: begin ---
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
    // --- README quick-start: end ---

    assertThat(ok).isTrue();
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(d.refusingHop()).hasValue(1);
    assertThat(d.refusingPrincipal()).contains("triage-bot");
    assertThat(engine.canInvoke("triage-bot", listIssues, ResourceId.of("repo:acme/api"))).isFalse();
    assertThat(engine.canInvoke(forAlice, listIssues, ResourceId.of("repo:acme/api"))).isFalse();
    assertThat(engine.canInvoke("alice", listIssues, ResourceId.of("repo:acme/api"))).isTrue();
  }
}
