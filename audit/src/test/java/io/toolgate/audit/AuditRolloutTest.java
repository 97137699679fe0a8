package io.toolgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.AccessEntry;
import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DecisionEvent;
import io.toolgate.DecisionListener;
import io.toolgate.Divergence;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ShadowOptions;
import io.toolgate.ToolId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Log-only matches and shadow divergences in the audit log, through the async hand-off too. */
class AuditRolloutTest {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final ToolId READ = ToolId.parse("fs/read");
  static final ToolId DELETE = ToolId.parse("fs/delete");
  static final JsonMapper JSON = JsonMapper.builder().build();

  static Policy.Builder base() {
    return Policy.builder().principal(Principal.user("alice").build());
  }

  @Test
  void decisionLine_logOnlyMatch_carriesLogOnlyIds() {
    Policy p =
        base()
            .entry("alice", AccessEntry.allow("read", "fs/read"))
            .entry("alice", AccessEntry.deny("no-read-trial", "fs/read").logOnly())
            .build();
    Request r = Request.of("alice", READ, ResourceId.NONE);
    Decision d = DecisionEngine.builder(p).build().decide(r);
    JsonNode line = JSON.readTree(new AuditLogListener().toJson(new DecisionEvent(T0, r, d, -1)));
    assertThat(line.get("effect").asString()).isEqualTo("ALLOW");
    assertThat(line.get("logOnly").get(0).asString()).isEqualTo("no-read-trial");
    Decision plain =
        DecisionEngine.builder(p).build().decide(Request.of("alice", DELETE, ResourceId.NONE));
    assertThat(new AuditLogListener().toJson(new DecisionEvent(T0, r, plain, -1)))
        .doesNotContain("logOnly");
  }

  @Test
  void divergence_throughAsyncListener_reachesDelegateAsOneJsonLine() {
    List<String> lines = new CopyOnWriteArrayList<>();
    AuditLogListener audit = new AuditLogListener();
    DecisionListener recorder =
        new DecisionListener() {
          @Override
          public void onDecision(DecisionEvent event) {
            lines.add(audit.toJson(event));
          }

          @Override
          public void onDivergence(Divergence divergence) {
            lines.add(audit.toJson(divergence));
          }
        };
    Policy active = base().entry("alice", AccessEntry.allow("read", "fs/read")).build();
    Policy candidate = base().entry("alice", AccessEntry.allow("all", "fs/*")).build();
    try (AsyncDecisionListener async = AsyncDecisionListener.wrap(recorder, 64)) {
      DecisionEngine engine = DecisionEngine.builder(active).listener(async).build();
      engine.rollout().shadow(candidate, ShadowOptions.all());
      assertThat(engine.decide("alice", DELETE, ResourceId.of("file:///x")).isAllowed()).isFalse();
      engine.rollout().rollback(); // the divergence is delivered before rollback returns
      assertThat(lines).anyMatch(l -> l.contains("\"event\":\"divergence\""));
    }
    JsonNode d =
        JSON.readTree(
            lines.stream().filter(l -> l.contains("divergence")).findFirst().orElseThrow());
    assertThat(d.get("direction").asString()).isEqualTo("NEWLY_ALLOW");
    assertThat(d.get("chain").get(0).asString()).isEqualTo("alice");
    assertThat(d.get("tool").asString()).isEqualTo("fs/delete");
    assertThat(d.get("resource").asString()).isEqualTo("file:///x");
    assertThat(d.get("active").get("reason").asString()).isEqualTo("NOT_PERMITTED");
    assertThat(d.get("active").get("policyVersion").asString()).isEqualTo(active.version());
    assertThat(d.get("candidate").get("effect").asString()).isEqualTo("ALLOW");
    assertThat(d.get("candidate").get("rules").get(0).asString()).isEqualTo("all");
  }
}
