package io.toolgate.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import io.toolgate.AccessEntry;
import io.toolgate.Approval;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.guard.ToolGuard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A LangChain4j tool the policy allows only with approval: runs on a yes, else never. */
class GuardedToolExecutorApprovalTest {
  static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");
  static final String ARGS = "{\"order\":\"a-1\",\"cents\":500}";

  final List<String> executed = new ArrayList<>();

  Map<ToolSpecification, ToolExecutor> tools() {
    Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
    tools.put(
        GuardedToolExecutorTest.REFUND,
        (request, memoryId) -> {
          executed.add("refund");
          return "refund done";
        });
    return tools;
  }

  static ToolGuard guard() {
    Policy policy =
        Policy.builder()
            .principal(Principal.user("alice").build())
            .principal(Principal.agent("support-agent").build())
            .allow("alice", "shop/*")
            .entry(
                "support-agent",
                AccessEntry.allow("agent-refund", "shop/refund").requiringApproval())
            .build();
    return ToolGuard.builder(DecisionEngine.builder(policy).build())
        .resource("shop/refund", "order:{order}")
        .build();
  }

  ToolExecutionResult refund(Map<ToolSpecification, ToolExecutor> guarded) {
    return guarded
        .get(GuardedToolExecutorTest.REFUND)
        .executeWithContext(
            GuardedToolExecutorTest.request("refund", ARGS), GuardedToolExecutorTest.as("alice"));
  }

  @Test
  void executeWithContext_approved_runsTheToolOnce() {
    ToolExecutionResult r =
        refund(
            GuardedToolExecutor.guardAll(
                tools(),
                guard(),
                "shop",
                GuardedToolExecutorTest.BY_MEMORY_ID,
                (req, d) -> CompletableFuture.completedFuture(Approval.granted("manager", AT))));
    assertThat(r.isError()).isFalse();
    assertThat(executed).containsExactly("refund");
  }

  @Test
  void executeWithContext_refused_returnsAnErrorAndNeverRuns() {
    ToolExecutionResult r =
        refund(
            GuardedToolExecutor.guardAll(
                tools(),
                guard(),
                "shop",
                GuardedToolExecutorTest.BY_MEMORY_ID,
                (req, d) ->
                    CompletableFuture.completedFuture(
                        Approval.refused("manager", AT, "too much"))));
    assertThat(r.isError()).isTrue();
    assertThat(r.resultText()).contains("APPROVAL_DENIED", "too much");
    assertThat(executed).isEmpty();
  }

  @Test
  void executeWithContext_noApprovalHandler_deniesAndNeverRuns() {
    ToolExecutionResult r =
        refund(
            GuardedToolExecutor.guardAll(
                tools(), guard(), "shop", GuardedToolExecutorTest.BY_MEMORY_ID));
    assertThat(r.isError()).isTrue();
    assertThat(r.resultText()).contains("APPROVAL_DENIED", "no approval handler");
    assertThat(executed).isEmpty();
  }
}
