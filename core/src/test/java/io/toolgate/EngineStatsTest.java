package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineStatsTest {
  static final ToolId LIST = ToolId.parse("gh/list_issues");
  static final ToolId DELETE = ToolId.parse("gh/delete_repo");
  static final ResourceId API = ResourceId.of("repo:acme/api");

  static Policy policy() {
    return Policy.builder()
        .version("stats-1")
        .principal(Principal.user("alice").build())
        .principal(Principal.agent("bot").owner("alice").build())
        .allow("alice", List.of("gh/*"), List.of("repo:acme/**"))
        .allow("bot", List.of("gh/list_*"), List.of("repo:acme/**"))
        .build();
  }

  @Test
  void stats_engineWithoutRecordStats_isEmpty() {
    DecisionEngine engine = DecisionEngine.builder(policy()).build();
    engine.decide("alice", LIST, API);
    engine.canInvoke("alice", LIST, API);

    assertThat(engine.recordsStats()).isFalse();
    assertThat(engine.stats()).isEqualTo(EngineStats.EMPTY);
  }

  @Test
  void stats_sameCallThreeTimes_oneMissAndCompileThenTwoHits() {
    DecisionEngine engine = DecisionEngine.builder(policy()).recordStats().build();
    Request r = Request.of(DelegationChain.onBehalfOf("alice", "bot"), LIST, API);
    engine.decide(r);
    engine.decide(r);
    engine.decide(r);

    EngineStats s = engine.stats();
    assertThat(engine.recordsStats()).isTrue();
    assertThat(s.decisions(Reason.PERMITTED)).isEqualTo(3);
    assertThat(s.decisions(Effect.ALLOW)).isEqualTo(3);
    assertThat(s.decisions(Effect.DENY)).isZero();
    assertThat(s.cacheMisses()).isEqualTo(1);
    assertThat(s.cacheHits()).isEqualTo(2);
    assertThat(s.cacheHitRate()).isEqualTo(2.0 / 3);
    assertThat(s.residualCompiles()).isEqualTo(1);
    assertThat(s.residualCompileNanos()).isPositive();
  }

  @Test
  void canInvoke_recordStats_countsEachAnswerWithItsReason() {
    DecisionEngine engine = DecisionEngine.builder(policy()).recordStats().build();

    assertThat(engine.canInvoke("alice", LIST, API)).isTrue();
    assertThat(engine.canInvoke(DelegationChain.onBehalfOf("alice", "bot"), DELETE, API)).isFalse();
    assertThat(engine.canInvoke("mallory", LIST, API)).isFalse();

    EngineStats s = engine.stats();
    assertThat(s.decisions())
        .containsOnly(
            Map.entry(Reason.PERMITTED, 1L),
            Map.entry(Reason.NOT_PERMITTED, 1L),
            Map.entry(Reason.UNKNOWN_PRINCIPAL, 1L));
    assertThat(s.decisions(Effect.DENY)).isEqualTo(2);
    assertThat(s.cacheLookups()).isEqualTo(3);
  }

  @Test
  void stats_requiredAuditRefuses_countsTheAuditUnavailableDenial() {
    DecisionEngine engine =
        DecisionEngine.builder(policy())
            .recordStats()
            .requireAudit(
                new DecisionListener() {
                  @Override
                  public void onDecision(DecisionEvent event) {}

                  @Override
                  public boolean offer(DecisionEvent event) {
                    return false;
                  }
                })
            .build();

    assertThat(engine.decide("alice", LIST, API).reason()).isEqualTo(Reason.AUDIT_UNAVAILABLE);
    assertThat(engine.stats().decisions()).containsOnly(Map.entry(Reason.AUDIT_UNAVAILABLE, 1L));
  }

  @Test
  void stats_uncachedEngine_compilesEveryDecisionAndLooksNothingUp() {
    DecisionEngine engine = DecisionEngine.builder(policy()).cacheSize(0).recordStats().build();
    engine.decide("alice", LIST, API);
    engine.decide("alice", LIST, API);

    EngineStats s = engine.stats();
    assertThat(s.cacheLookups()).isZero();
    assertThat(s.cacheHitRate()).isEqualTo(1.0);
    assertThat(s.residualCompiles()).isEqualTo(2);
  }

  @Test
  void stats_cachedCallOfASuspendedAgent_hitsAndCompilesLive() {
    DecisionEngine engine = DecisionEngine.builder(policy()).recordStats().build();
    engine.decide("bot", LIST, API);
    engine.suspend("bot");

    assertThat(engine.decide("bot", LIST, API).reason()).isEqualTo(Reason.PRINCIPAL_INACTIVE);
    EngineStats s = engine.stats();
    assertThat(s.cacheHits()).isEqualTo(1);
    assertThat(s.cacheMisses()).isEqualTo(1);
    assertThat(s.residualCompiles()).isEqualTo(2);
  }

  @Test
  void recordStats_twice_throws() {
    DecisionEngine.Builder b = DecisionEngine.builder(policy()).recordStats();

    assertThatThrownBy(b::recordStats).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void engineStats_negativeCount_isRefused() {
    assertThatThrownBy(() -> new EngineStats(Map.of(Reason.ERROR, -1L), 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ERROR");
    assertThatThrownBy(() -> new EngineStats(Map.of(), 0, -2, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cacheMisses");
  }
}
