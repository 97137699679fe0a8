package io.toolgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.AccessEntry;
import io.toolgate.Approval;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ToolCall;
import io.toolgate.ToolId;
import io.toolgate.guard.ApprovalHandler;
import io.toolgate.guard.ToolGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit log of a call that needs approval: the allow awaiting it, then who answered, when. */
class AuditApprovalTest {
  static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  static final Policy POLICY =
      Policy.builder()
          .version("p-1")
          .principal(Principal.user("alice").build())
          .entry("alice", AccessEntry.allow("alice-pay", "payments/*").requiringApproval())
          .build();

  static List<JsonNode> audited(ApprovalHandler handler) {
    AuditLogListener audit = new AuditLogListener();
    List<String> lines = new ArrayList<>();
    DecisionEngine engine =
        DecisionEngine.builder(POLICY).listener(e -> lines.add(audit.toJson(e))).build();
    ToolGuard guard =
        ToolGuard.builder(engine)
            .noResource("payments/transfer")
            .approvals(handler)
            .approvalDeadline(Duration.ofMillis(20))
            .build();
    guard.call(ToolCall.of(DelegationChain.of("alice"), TRANSFER, Map.of()), r -> "done");
    JsonMapper json = JsonMapper.builder().build();
    assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\n"));
    return lines.stream().map(json::readTree).toList();
  }

  @Test
  void approvalGranted_isAuditedWithWhoAndWhen() {
    List<JsonNode> lines =
        audited((r, d) -> CompletableFuture.completedFuture(Approval.granted("bob", AT)));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("reason").asString()).isEqualTo("PERMITTED");
    assertThat(lines.get(0).get("obligations").get(0).asString()).isEqualTo("APPROVAL");
    assertThat(lines.get(0).has("approval")).isFalse();
    JsonNode approval = lines.get(1).get("approval");
    assertThat(lines.get(1).get("effect").asString()).isEqualTo("ALLOW");
    assertThat(approval.get("outcome").asString()).isEqualTo("granted");
    assertThat(approval.get("by").asString()).isEqualTo("bob");
    assertThat(approval.get("at").asString()).isEqualTo("2026-11-29T10:00:00Z");
    assertThat(lines.get(1).get("rules").get(0).asString()).isEqualTo("alice-pay");
  }

  @Test
  void approvalRefused_isAuditedWithWhoWhenAndWhy() {
    List<JsonNode> lines =
        audited(
            (r, d) ->
                CompletableFuture.completedFuture(Approval.refused("carol", AT, "over budget")));
    JsonNode last = lines.get(1);
    assertThat(last.get("effect").asString()).isEqualTo("DENY");
    assertThat(last.get("reason").asString()).isEqualTo("APPROVAL_DENIED");
    assertThat(last.get("approval").get("outcome").asString()).isEqualTo("refused");
    assertThat(last.get("approval").get("by").asString()).isEqualTo("carol");
    assertThat(last.get("approval").get("why").asString()).isEqualTo("over budget");
  }

  @Test
  void approvalTimedOut_isAuditedWithItsReason() {
    List<JsonNode> lines = audited((r, d) -> new CompletableFuture<>());
    assertThat(lines.get(1).get("reason").asString()).isEqualTo("APPROVAL_TIMEOUT");
    assertThat(lines.get(1).has("approval")).isFalse();
  }
}
