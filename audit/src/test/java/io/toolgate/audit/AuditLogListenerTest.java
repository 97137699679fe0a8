package io.toolgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DecisionEvent;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit line: one JSON object carrying every field of the decision. */
class AuditLogListenerTest {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final ToolId DELETE_REPO = ToolId.parse("github/delete_repo");
  static final ResourceId API = ResourceId.of("repo:acme/api");
  static final Policy POLICY =
      Policy.builder()
          .version("test-1")
          .principal(Principal.user("alice").build())
          .principal(Principal.agent("triage-bot").owner("alice").build())
          .allow("alice", List.of("github/*"), List.of("repo:acme/**"))
          .allow("triage-bot", List.of("github/list_*", "github/get_*"), List.of("repo:acme/**"))
          .build();

  @Test
  void auditLogListener_writesOneJsonObjectWithEveryField() {
    DecisionEngine e = DecisionEngine.builder(POLICY).build();
    Request r = Request.of(DelegationChain.of("alice").then("triage-bot"), DELETE_REPO, API);
    Decision d = e.decide(r);
    String line = new AuditLogListener().toJson(new DecisionEvent(T0, r, d, 1234));
    assertThat(line).doesNotContain("\n");
    JsonNode json = JsonMapper.builder().build().readTree(line);
    assertThat(json.get("time").asString()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(json.get("chain").get(1).asString()).isEqualTo("triage-bot");
    assertThat(json.get("tool").asString()).isEqualTo("github/delete_repo");
    assertThat(json.get("resource").asString()).isEqualTo("repo:acme/api");
    assertThat(json.get("effect").asString()).isEqualTo("DENY");
    assertThat(json.get("reason").asString()).isEqualTo("NOT_PERMITTED");
    assertThat(json.get("hop").asInt()).isEqualTo(1);
    assertThat(json.get("refusedBy").asString()).isEqualTo("triage-bot");
    assertThat(json.get("policyVersion").asString()).isEqualTo("test-1");
    assertThat(json.get("nanos").asLong()).isEqualTo(1234);
  }
}
