package io.toolgate.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ToolCall;
import io.toolgate.ToolId;
import io.toolgate.guard.GuardResult;
import io.toolgate.guard.ToolGuard;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ObservationGuardObserverTest {
  static final ToolId LIST = ToolId.parse("gh/list_issues");
  static final ToolId DELETE = ToolId.parse("gh/delete_repo");
  static final DelegationChain ALICE_BOT = DelegationChain.onBehalfOf("alice", "bot");

  final TestObservationRegistry observations = TestObservationRegistry.create();

  static Policy policy() {
    return Policy.builder()
        .version("obs-7")
        .principal(Principal.user("alice").build())
        .principal(Principal.agent("bot").owner("alice").build())
        .allow("alice", List.of("gh/*"), List.of("repo:acme/**"))
        .allow("bot", List.of("gh/*"), List.of("repo:acme/**"))
        .deny("bot", "gh/delete_*")
        .build();
  }

  static ToolGuard guard(ObservationGuardObserver observer) {
    return ToolGuard.builder(DecisionEngine.builder(policy()).build())
        .resource("gh/list_issues", "repo:{owner}/{repo}")
        .resource("gh/delete_repo", "repo:{owner}/{repo}")
        .observer(observer)
        .build();
  }

  static ToolCall call(ToolId tool) {
    return ToolCall.of(ALICE_BOT, tool, Map.of("owner", "acme", "repo", "api"));
  }

  @Test
  void call_allowed_oneObservationWithGenAiAndDecisionKeyValues_inScopeWhileTheBodyRuns() {
    AtomicReference<Observation> inBody = new AtomicReference<>();
    GuardResult<String> r =
        guard(new ObservationGuardObserver(observations))
            .call(
                call(LIST),
                req -> {
                  inBody.set(observations.getCurrentObservation());
                  return "issues";
                });

    assertThat(r.isAllowed()).isTrue();
    assertThat(observations)
        .hasNumberOfObservationsEqualTo(1)
        .hasSingleObservationThat()
        .hasNameEqualTo("toolgate.tool.call")
        .hasContextualNameEqualTo("execute_tool gh/list_issues")
        .hasLowCardinalityKeyValue("gen_ai.operation.name", "execute_tool")
        .hasLowCardinalityKeyValue("gen_ai.tool.name", "gh/list_issues")
        .hasLowCardinalityKeyValue("toolgate.decision.effect", "ALLOW")
        .hasLowCardinalityKeyValue("toolgate.decision.reason", "PERMITTED")
        .hasHighCardinalityKeyValue("gen_ai.agent.id", "bot")
        .hasHighCardinalityKeyValue("toolgate.policy.version", "obs-7")
        .doesNotHaveError()
        .hasBeenStarted()
        .hasBeenStopped();
    assertThat(inBody.get()).isNotNull();
    assertThat(inBody.get().getContext()).isInstanceOf(ToolCallContext.class);
    assertThat(observations.getCurrentObservation()).isNull();
  }

  @Test
  void call_denied_observationCarriesTheDenialsEffectAndReason() {
    GuardResult<String> r =
        guard(new ObservationGuardObserver(observations)).call(call(DELETE), req -> "gone");

    assertThat(r.isAllowed()).isFalse();
    assertThat(observations)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("gen_ai.tool.name", "gh/delete_repo")
        .hasLowCardinalityKeyValue("toolgate.decision.effect", "DENY")
        .hasLowCardinalityKeyValue("toolgate.decision.reason", "EXPLICIT_DENY")
        .doesNotHaveError()
        .hasBeenStopped();
  }

  @Test
  void call_deniedByTheGuard_observationCarriesTheGuardsReason() {
    GuardResult<String> r =
        guard(new ObservationGuardObserver(observations))
            .call(ToolCall.of(ALICE_BOT, ToolId.parse("gh/other"), Map.of()), req -> "ran");

    assertThat(r.isAllowed()).isFalse();
    assertThat(observations)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("toolgate.decision.reason", "RESOURCE_UNRESOLVED")
        .hasHighCardinalityKeyValue("toolgate.policy.version", "obs-7");
  }

  @Test
  void invoke_bodyThrows_observationHasTheErrorAndIsStopped() {
    IOException boom = new IOException("rate limited upstream");
    ToolGuard guard = guard(new ObservationGuardObserver(observations));

    assertThatThrownBy(
            () ->
                guard.invoke(
                    call(LIST),
                    req -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(observations)
        .hasSingleObservationThat()
        .hasError(boom)
        .hasLowCardinalityKeyValue("toolgate.decision.reason", "PERMITTED")
        .hasBeenStopped();
  }

  @Test
  void call_customConvention_replacesTheNames() {
    ToolCallObservationConvention custom =
        new DefaultToolCallObservationConvention() {
          @Override
          public String getName() {
            return "agents.tool";
          }

          @Override
          public KeyValues getLowCardinalityKeyValues(ToolCallContext context) {
            // the tool name moves to high cardinality: this application's names are unbounded
            return super.getLowCardinalityKeyValues(context)
                .and(KeyValue.of("gen_ai.tool.name", "any"));
          }
        };

    guard(new ObservationGuardObserver(observations, custom)).call(call(LIST), req -> "ok");

    assertThat(observations)
        .hasSingleObservationThat()
        .hasNameEqualTo("agents.tool")
        .hasLowCardinalityKeyValue("gen_ai.tool.name", "any")
        .hasLowCardinalityKeyValue("toolgate.decision.effect", "ALLOW");
  }

  @Test
  void call_meterObservationHandler_timesCallsTaggedWithTheLowCardinalityKeys() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    ToolGuard guard = guard(new ObservationGuardObserver(registry));

    guard.call(call(LIST), req -> "ok");
    guard.call(call(LIST), req -> "ok");
    guard.call(call(DELETE), req -> "gone");

    Timer allowed =
        meters
            .get("toolgate.tool.call")
            .tags("gen_ai.tool.name", "gh/list_issues", "toolgate.decision.effect", "ALLOW")
            .timer();
    Timer denied =
        meters
            .get("toolgate.tool.call")
            .tags(
                "toolgate.decision.reason",
                "EXPLICIT_DENY",
                "gen_ai.operation.name",
                "execute_tool")
            .timer();
    assertThat(allowed.count()).isEqualTo(2);
    assertThat(denied.count()).isEqualTo(1);
    assertThat(meters.getMeters())
        .allSatisfy(
            m -> {
              assertThat(m.getId().getTag("gen_ai.agent.id")).isNull();
              assertThat(m.getId().getTag("toolgate.policy.version")).isNull();
            });
  }

  @Test
  void call_noopRegistry_runsTheCallUndisturbed() {
    GuardResult<String> r =
        guard(new ObservationGuardObserver(ObservationRegistry.NOOP)).call(call(LIST), req -> "ok");

    assertThat(r.isAllowed()).isTrue();
    assertThat(r)
        .isInstanceOfSatisfying(
            GuardResult.Allowed.class, a -> assertThat(a.value()).isEqualTo("ok"));
  }
}
