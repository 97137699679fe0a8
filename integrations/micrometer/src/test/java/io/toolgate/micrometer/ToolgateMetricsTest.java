package io.toolgate.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.toolgate.DecisionEngine;
import io.toolgate.DecisionEvent;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.audit.AsyncDecisionListener;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicyReloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolgateMetricsTest {
  static final ToolId LIST = ToolId.parse("gh/list_issues");
  static final ToolId DELETE = ToolId.parse("gh/delete_repo");
  static final ResourceId API = ResourceId.of("repo:acme/api");
  static final DelegationChain ALICE_BOT = DelegationChain.onBehalfOf("alice", "bot");

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  static Policy policy() {
    return Policy.builder()
        .version("metrics-1")
        .principal(Principal.user("alice").build())
        .principal(Principal.agent("bot").owner("alice").build())
        .allow("alice", List.of("gh/*"), List.of("repo:acme/**"))
        .allow("bot", List.of("gh/list_*"), List.of("repo:acme/**"))
        .deny("bot", "gh/delete_*")
        .build();
  }

  double decisions(String effect, String reason) {
    return registry
        .get(ToolgateMetrics.DECISIONS)
        .tags("effect", effect, "reason", reason)
        .functionCounter()
        .count();
  }

  double cacheGets(String result) {
    return registry.get(ToolgateMetrics.CACHE_GETS).tag("result", result).functionCounter().count();
  }

  @Test
  void bindTo_allowedDeniedAndCachedDecisions_countedByEffectAndReason() {
    DecisionEngine engine = DecisionEngine.builder(policy()).recordStats().build();
    new ToolgateMetrics(engine).bindTo(registry);

    engine.decide(Request.of(ALICE_BOT, LIST, API)); // allowed, a miss
    engine.decide(Request.of(ALICE_BOT, LIST, API)); // allowed, cached
    engine.canInvoke(ALICE_BOT, LIST, API); // allowed, cached
    engine.decide(Request.of(ALICE_BOT, DELETE, API)); // denied by the bot's deny, a miss
    engine.canInvoke("mallory", LIST, API); // unknown, a miss

    assertThat(decisions("ALLOW", "PERMITTED")).isEqualTo(3);
    assertThat(decisions("DENY", "EXPLICIT_DENY")).isEqualTo(1);
    assertThat(decisions("DENY", "UNKNOWN_PRINCIPAL")).isEqualTo(1);
    assertThat(decisions("DENY", "NOT_PERMITTED")).isZero();
    assertThat(registry.get(ToolgateMetrics.DECISIONS).functionCounters())
        .hasSize(Reason.values().length);
    assertThat(cacheGets("hit")).isEqualTo(2);
    assertThat(cacheGets("miss")).isEqualTo(3);
    assertThat(registry.get(ToolgateMetrics.CACHE_SIZE).gauge().value()).isEqualTo(3);
    FunctionTimer compile = registry.get(ToolgateMetrics.RESIDUAL_COMPILE).functionTimer();
    assertThat(compile.count()).isEqualTo(3);
    assertThat(compile.totalTime(TimeUnit.NANOSECONDS)).isPositive();
  }

  @Test
  void bindTo_withTags_everyMeterCarriesThem() {
    DecisionEngine engine = DecisionEngine.builder(policy()).recordStats().build();
    ToolgateMetrics.builder(engine).tags(Tags.of("app", "triage")).build().bindTo(registry);
    engine.decide(Request.of(ALICE_BOT, LIST, API));

    assertThat(registry.getMeters())
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.getId().getTag("app")).isEqualTo("triage"));
    assertThat(
            registry
                .get(ToolgateMetrics.DECISIONS)
                .tags("app", "triage", "reason", "PERMITTED")
                .functionCounter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void new_engineWithoutRecordStats_isRefusedWithTheFix() {
    DecisionEngine engine = DecisionEngine.builder(policy()).build();

    assertThatThrownBy(() -> new ToolgateMetrics(engine))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recordStats()");
  }

  @Test
  void bindTo_auditQueue_countsTheRecordsItDropped() {
    AsyncDecisionListener audit = AsyncDecisionListener.wrap(event -> {}, 16);
    DecisionEngine engine = DecisionEngine.builder(policy()).recordStats().listener(audit).build();
    ToolgateMetrics.builder(engine).audit(audit).build().bindTo(registry);
    engine.decide(Request.of(ALICE_BOT, LIST, API));
    assertThat(audit.close(Duration.ofSeconds(30))).isTrue();

    // A closed queue takes nothing: each later decision's record is dropped and counted.
    engine.decide(Request.of(ALICE_BOT, LIST, API));
    engine.decide(Request.of(ALICE_BOT, DELETE, API));

    assertThat(audit.dropped()).isEqualTo(2);
    assertThat(registry.get(ToolgateMetrics.AUDIT_DROPPED).functionCounter().count()).isEqualTo(2);
  }

  @Test
  void bindTo_reloader_countsReloadsAndRefusals(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("policy.yaml"), doc("gh/list_*"));
    PolicyLoader loader = PolicyLoader.builder().sections(List.of()).build();
    DecisionEngine engine = DecisionEngine.builder(loader.load(file)).recordStats().build();
    try (PolicyReloader reloader = PolicyReloader.manual(file, loader, engine)) {
      ToolgateMetrics.builder(engine).reloader(reloader).build().bindTo(registry);
      Files.writeString(file, doc("gh/get_*"));
      reloader.reloadNow();
      Files.writeString(file, doc("gh/**")); // ** is not a tool pattern: refused
      reloader.reloadNow();
      reloader.reloadNow();

      assertThat(
              registry
                  .get(ToolgateMetrics.POLICY_RELOADS)
                  .tag("outcome", "RELOADED")
                  .functionCounter()
                  .count())
          .isEqualTo(1);
      assertThat(
              registry
                  .get(ToolgateMetrics.POLICY_RELOADS)
                  .tag("outcome", "REFUSED")
                  .functionCounter()
                  .count())
          .isEqualTo(2);
    }
  }

  @Test
  void builder_settingTwice_throws() {
    DecisionEngine engine = DecisionEngine.builder(policy()).recordStats().build();
    AsyncDecisionListener audit = AsyncDecisionListener.wrap((DecisionEvent e) -> {}, 4);
    try (audit) {
      ToolgateMetrics.Builder b = ToolgateMetrics.builder(engine).tags(Tags.empty()).audit(audit);

      assertThatThrownBy(() -> b.tags(Tags.empty())).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> b.audit(audit)).isInstanceOf(IllegalStateException.class);
    }
  }

  static String doc(String tools) {
    return "version: 1\nprincipals:\n  - id: bot\n    type: agent\n    allow:\n      - tools: ["
        + tools
        + "]\n";
  }
}
