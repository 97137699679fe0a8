package io.toolgate.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.toolgate.micrometer.ToolgateMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The shop application with Actuator and toolgate-micrometer on its class path and nothing about
 * metrics in its configuration: an allowed and a denied call through the real ChatClient show in
 * Spring Boot's meter registry, as decision counters and as tool-call observations.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "toolgate.tools.agent-id=assistant",
      "toolgate.tools.resources.get_order=order:{order}",
      "toolgate.tools.resources.refund=order:{order}"
    })
@DirtiesContext
class ToolgateObservabilityTest extends ShopApplicationTest {
  @Autowired MeterRegistry meters;

  @Test
  void chatClient_allowedAndDeniedCalls_areCountedByEffectReasonAndCacheResult() {
    double allowed = decisions("ALLOW", "PERMITTED");
    double denied = decisions("DENY", "NOT_PERMITTED");
    double hits = cacheGets("hit");
    double misses = cacheGets("miss");

    ask("alice", "refund", "{\"order\":\"a-1\"}");
    ask("bob", "get_order", "{\"order\":\"alice-1\"}");
    assertThat(tools.runs).containsExactly("refund a-1");

    // Listing the offered tools decides too (canInvoke), so at least one more of each.
    assertThat(decisions("ALLOW", "PERMITTED")).isGreaterThan(allowed);
    assertThat(decisions("DENY", "NOT_PERMITTED")).isGreaterThan(denied);
    assertThat(decisions("DENY", "RATE_LIMITED")).isZero();
    // The meters read the engine's own counts.
    assertThat(decisions("DENY", "NOT_PERMITTED"))
        .isEqualTo(engine.stats().decisions(io.toolgate.Reason.NOT_PERMITTED));
    // A caller's first chat builds residuals (misses); the same chat again finds them (hits).
    assertThat(cacheGets("miss")).isGreaterThan(misses);
    double missed = cacheGets("miss");
    ask("alice", "refund", "{\"order\":\"a-1\"}");
    assertThat(cacheGets("hit")).isGreaterThan(hits);
    assertThat(cacheGets("miss")).isEqualTo(missed);
  }

  @Test
  void chatClient_eachToolCall_isOneObservationWithGenAiAndDecisionTags() {
    long refunds = toolCallCount("spring-ai/refund", "ALLOW", "PERMITTED");
    long getOrders = toolCallCount("spring-ai/get_order", "DENY", "NOT_PERMITTED");

    ask("alice", "refund", "{\"order\":\"a-2\"}");
    ask("bob", "get_order", "{\"order\":\"alice-2\"}");

    // Only calls are observed, not the listing of offered tools: one each.
    assertThat(toolCallCount("spring-ai/refund", "ALLOW", "PERMITTED")).isEqualTo(refunds + 1);
    assertThat(toolCallCount("spring-ai/get_order", "DENY", "NOT_PERMITTED"))
        .isEqualTo(getOrders + 1);
    Timer refund = toolCalls("spring-ai/refund", "ALLOW", "PERMITTED").timer();
    // Agent ids and policy versions are high-cardinality: on spans, never on metric series.
    assertThat(refund.getId().getTag("gen_ai.agent.id")).isNull();
    assertThat(refund.getId().getTag("toolgate.policy.version")).isNull();
  }

  double decisions(String effect, String reason) {
    return meters
        .get(ToolgateMetrics.DECISIONS)
        .tags("effect", effect, "reason", reason)
        .functionCounter()
        .count();
  }

  double cacheGets(String result) {
    return meters.get(ToolgateMetrics.CACHE_GETS).tag("result", result).functionCounter().count();
  }

  long toolCallCount(String tool, String effect, String reason) {
    Timer timer = toolCalls(tool, effect, reason).timer();
    return timer == null ? 0 : timer.count();
  }

  Search toolCalls(String tool, String effect, String reason) {
    return meters
        .find("toolgate.tool.call")
        .tags(
            "gen_ai.operation.name", "execute_tool",
            "gen_ai.tool.name", tool,
            "toolgate.decision.effect", effect,
            "toolgate.decision.reason", reason);
  }
}
