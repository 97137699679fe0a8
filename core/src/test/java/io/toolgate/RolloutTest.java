package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RolloutTest {
  static final ToolId READ = ToolId.parse("fs/read");
  static final ToolId WRITE = ToolId.parse("fs/write");

  static Policy.Builder base() {
    return Policy.builder()
        .principal(Principal.user("alice").build())
        .principal(Principal.user("bob").build())
        .principal(Principal.agent("bot").build());
  }

  static final Policy ACTIVE =
      base().allow("alice", "fs/read").allow("bob", "fs/read").allow("bot", "fs/*").build();
  static final Policy CANDIDATE =
      base().allow("alice", "fs/*").allow("bob", "fs/*").allow("bot", "fs/*").build();

  /** Alice may read once an hour. */
  static final Policy LIMITED =
      base()
          .entry("alice", AccessEntry.allow("read-limited", "fs/read"))
          .limit("read-limited", Limit.of(1, Duration.ofHours(1), Limit.Per.PRINCIPAL))
          .build();

  @Test
  void promote_withoutCandidate_throwsIllegalState() {
    DecisionEngine engine = DecisionEngine.builder(ACTIVE).build();
    assertThatThrownBy(() -> engine.rollout().promote()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> engine.rollout().rollback()).isInstanceOf(IllegalStateException.class);
    assertThat(engine.rollout().mode()).isEqualTo(Rollout.Mode.NONE);
    assertThat(engine.rollout().report()).isEqualTo(ShadowReport.empty());
  }

  @Test
  void canary_suspendedOriginInSlice_isDeniedByTheCandidateToo() {
    DecisionEngine engine = DecisionEngine.builder(ACTIVE).build();
    engine.rollout().canary(CANDIDATE, CanarySlice.origins(List.of("alice")));
    assertThat(engine.decide("alice", WRITE, ResourceId.NONE).policyVersion())
        .isEqualTo(CANDIDATE.version());
    assertThat(engine.canInvoke("alice", WRITE, ResourceId.NONE)).isTrue(); // cached now
    engine.suspend("alice");
    Decision d = engine.decide("alice", WRITE, ResourceId.NONE);
    assertThat(d.reason()).isEqualTo(Reason.PRINCIPAL_INACTIVE);
    assertThat(d.policyVersion()).isEqualTo(CANDIDATE.version());
    engine.reinstate("alice");
    assertThat(engine.canInvoke("alice", WRITE, ResourceId.NONE)).isTrue();
    engine.disableTool(WRITE);
    assertThat(engine.decide("alice", WRITE, ResourceId.NONE).reason())
        .isEqualTo(Reason.TOOL_DISABLED);
  }

  @Test
  void canary_replacePolicy_keepsCandidateAndDrawsSliceOverNewPrincipals() {
    DecisionEngine engine = DecisionEngine.builder(ACTIVE).build();
    CanarySlice all = CanarySlice.percent(100);
    engine.rollout().canary(CANDIDATE, all);
    Policy reloaded =
        base().principal(Principal.user("carol").build()).allow("carol", "fs/read").build();
    engine.replacePolicy(reloaded);
    assertThat(engine.policy()).isSameAs(reloaded);
    assertThat(engine.rollout().candidate()).contains(CANDIDATE);
    // carol is new in the active policy, in the slice, and unknown to the candidate.
    Decision carol = engine.decide("carol", READ, ResourceId.NONE);
    assertThat(carol.reason()).isEqualTo(Reason.UNKNOWN_PRINCIPAL);
    assertThat(carol.policyVersion()).isEqualTo(CANDIDATE.version());
    engine.rollout().rollback();
    assertThat(engine.decide("carol", READ, ResourceId.NONE).isAllowed()).isTrue();
  }

  @Test
  void canary_chainThroughAgent_isRoutedByOrigin() {
    DecisionEngine engine = DecisionEngine.builder(ACTIVE).build();
    engine.rollout().canary(CANDIDATE, CanarySlice.origins(List.of("bob")));
    Request viaBob = Request.of(DelegationChain.of("bob").then("bot"), WRITE, ResourceId.NONE);
    Request viaAlice = Request.of(DelegationChain.of("alice").then("bot"), WRITE, ResourceId.NONE);
    assertThat(engine.decide(viaBob).isAllowed()).isTrue();
    assertThat(engine.decide(viaBob).policyVersion()).isEqualTo(CANDIDATE.version());
    assertThat(engine.decide(viaAlice).isAllowed()).isFalse();
    assertThat(engine.decide(viaAlice).policyVersion()).isEqualTo(ACTIVE.version());
  }

  @Test
  void shadow_candidateWithLimit_countsNothingAndReportsNoDivergence() {
    DecisionEngine engine = DecisionEngine.builder(ACTIVE).build();
    engine.rollout().shadow(LIMITED, ShadowOptions.all());
    for (int i = 0; i < 5; i++) {
      assertThat(engine.canInvoke("alice", READ, ResourceId.NONE)).isTrue();
    }
    engine.rollout().rollback();
    ShadowReport report = engine.rollout().report();
    assertThat(report.evaluated()).isEqualTo(5);
    assertThat(report.divergences()).isZero();
  }

  @Test
  void shadow_activeRateLimited_isComparedAsAllowedByPolicy() {
    DecisionEngine engine = DecisionEngine.builder(LIMITED).build();
    engine.rollout().shadow(ACTIVE, ShadowOptions.all());
    assertThat(engine.decide("alice", READ, ResourceId.NONE).isAllowed()).isTrue();
    assertThat(engine.decide("alice", READ, ResourceId.NONE).reason())
        .isEqualTo(Reason.RATE_LIMITED);
    engine.rollout().promote();
    assertThat(engine.rollout().report().divergences()).isZero();
    assertThat(engine.rollout().report().evaluated()).isEqualTo(2);
  }

  @Test
  void shadow_throwingListener_runGoesOnAndDivergencesReachOthers() {
    List<Divergence> heard = new CopyOnWriteArrayList<>();
    DecisionListener throwing =
        new DecisionListener() {
          @Override
          public void onDecision(DecisionEvent event) {}

          @Override
          public void onDivergence(Divergence divergence) {
            throw new IllegalStateException("boom");
          }
        };
    DecisionListener recording =
        new DecisionListener() {
          @Override
          public void onDecision(DecisionEvent event) {}

          @Override
          public void onDivergence(Divergence divergence) {
            heard.add(divergence);
          }
        };
    DecisionEngine engine =
        DecisionEngine.builder(ACTIVE).listener(throwing).listener(recording).build();
    engine.rollout().shadow(CANDIDATE, ShadowOptions.all());
    assertThat(engine.decide("alice", WRITE, ResourceId.of("file:///a")).isAllowed()).isFalse();
    assertThat(engine.decide("bob", WRITE, ResourceId.NONE).isAllowed()).isFalse();
    engine.rollout().rollback();
    assertThat(heard).hasSize(2);
    Divergence first = heard.get(0);
    assertThat(first.direction()).isEqualTo(Divergence.Direction.NEWLY_ALLOW);
    assertThat(first.chain()).containsExactly("alice");
    assertThat(first.tool()).isEqualTo("fs/write");
    assertThat(first.resource()).isEqualTo("file:///a");
    assertThat(first.active().reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(first.candidate().rules()).containsExactly("alice/allow/0");
    ShadowReport report = engine.rollout().report();
    assertThat(report.byTool()).containsEntry("fs/write", 2L);
    assertThat(report.toText()).contains("newly-allow: 2", "fs/write: 2");
  }

  @Test
  void shadow_suspendedPrincipal_isNoDivergence() {
    DecisionEngine engine = DecisionEngine.builder(ACTIVE).build();
    engine.rollout().shadow(CANDIDATE, ShadowOptions.all());
    engine.suspend("alice");
    engine.disableTool(READ);
    assertThat(engine.decide("alice", WRITE, ResourceId.NONE).reason())
        .isEqualTo(Reason.PRINCIPAL_INACTIVE);
    assertThat(engine.canInvoke("bob", READ, ResourceId.NONE)).isFalse();
    engine.rollout().rollback();
    ShadowReport report = engine.rollout().report();
    assertThat(report.evaluated()).isEqualTo(2);
    assertThat(report.divergences()).isZero(); // the candidate sees the engine's switches
  }

  @Test
  void shadow_fullQueue_dropsAndCountsWithoutChangingDecisions() {
    DecisionEngine engine = DecisionEngine.builder(ACTIVE).build();
    engine.rollout().shadow(CANDIDATE, new ShadowOptions(1, 1));
    int n = 2_000;
    for (int i = 0; i < n; i++) {
      assertThat(engine.canInvoke("alice", WRITE, ResourceId.NONE)).isFalse();
    }
    engine.rollout().rollback();
    ShadowReport report = engine.rollout().report();
    assertThat(report.evaluated() + report.dropped()).isEqualTo(n);
    assertThat(report.byDirection().get(Divergence.Direction.NEWLY_ALLOW))
        .isEqualTo(report.evaluated());
  }

  @Test
  void shadow_sampled_comparesAboutTheRate() {
    DecisionEngine engine = DecisionEngine.builder(ACTIVE).build();
    engine.rollout().shadow(CANDIDATE, ShadowOptions.sampled(0.0001));
    for (int i = 0; i < 1_000; i++) {
      engine.canInvoke("alice", READ, ResourceId.NONE);
    }
    engine.rollout().rollback();
    // 1,000 calls at 1 in 10,000: more than 20 compared would be a one-in-astronomical event.
    assertThat(engine.rollout().report().evaluated()).isLessThan(20);
  }

  @Test
  void startingCanary_whileShadowRuns_endsTheShadowRun() {
    DecisionEngine engine = DecisionEngine.builder(ACTIVE).build();
    engine.rollout().shadow(CANDIDATE, ShadowOptions.all());
    engine.canInvoke("alice", WRITE, ResourceId.NONE);
    engine.rollout().canary(CANDIDATE, CanarySlice.percent(0));
    assertThat(engine.rollout().mode()).isEqualTo(Rollout.Mode.CANARY);
    assertThat(engine.rollout().report().evaluated()).isEqualTo(1);
    engine.rollout().promote();
    assertThat(engine.canInvoke("alice", WRITE, ResourceId.NONE)).isTrue();
  }

  @Test
  void options_outOfRange_throw() {
    assertThatThrownBy(() -> ShadowOptions.sampled(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ShadowOptions(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanarySlice.percent(100.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
